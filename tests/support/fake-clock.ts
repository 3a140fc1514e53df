// Loaded into a test server with `node --import`: while the file named by PERCH_FAKE_CLOCK_FILE
// holds an ISO time, that is the process's "now" (Date.now() and new Date()). Lets one running
// server be asked about several moments — the server code itself stays untouched. A file
// holding "+<ms>" or "-<ms>" shifts the real clock instead: time runs, from another moment.
import { readFileSync } from 'node:fs';

const file = process.env.PERCH_FAKE_CLOCK_FILE;
const RealDate = Date;

function fakeNow(): number {
  try {
    const text = readFileSync(file!, 'utf8').trim();
    if (/^[+-]\d+$/.test(text)) return RealDate.now() + Number(text);
    const t = text ? RealDate.parse(text) : Number.NaN;
    return Number.isNaN(t) ? RealDate.now() : t;
  } catch {
    return RealDate.now();
  }
}

if (file) {
  class FakeDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(fakeNow());
      else super(...(args as [number]));
    }
    static override now(): number {
      return fakeNow();
    }
  }
  globalThis.Date = FakeDate as DateConstructor;
}
