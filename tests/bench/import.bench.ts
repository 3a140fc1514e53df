// The two importers at scale: writes a 50,000-row Mailchimp audience export and a 50,000-row
// Impact report, then runs `npm run subscribers -- import` and `npm run earnings -- import`
// on them as a creator would (tsx, a migrated temp database), twice each (the second run is
// a re-import). Baseline, measured in the same run: the same command's `import --help`.
// Targets: under 10 s after start-up (wall time minus the baseline's), and peak resident
// memory at most 60 MB above the baseline's. IMPORT_BENCH_ROWS changes the size.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const hook = fileURLToPath(new URL('./max-rss.mjs', import.meta.url));
const TARGET_S = 10;
const TARGET_MB = 60;

interface Measured { seconds: number; cpu: number; rssMb: number; lines: number; code: number }

// The command line of `npm run <name>` from package.json ("VAR=1 node --flags src/cli/x.ts"),
// run with Node 24 from node_modules as npm would (npm's own start-up left out).
function scriptCommand(name: string): { env: Record<string, string>; args: string[] } {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = scripts[name]!.split(' ');
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0]!)) {
    const [variable, value] = words.shift()!.split('=');
    env[variable!] = value!;
  }
  if (words.shift() !== 'node') throw new Error(`npm run ${name} is not a node command`);
  return { env, args: words };
}

async function measure(name: string, args: string[], env: Record<string, string>): Promise<Measured> {
  const started = performance.now();
  const command = scriptCommand(name);
  const result = await run('node_modules/.bin/node', [...command.args, ...args], {
    cwd: root, maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...command.env, ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}` },
  }).then((r) => ({ ...r, code: 0 }), (e: { stdout: string; stderr: string; code: number }) => e);
  const seconds = (performance.now() - started) / 1000;
  const [, rss, cpu] = /PERCH_MAX_RSS_KB (\d+) CPU_US (\d+)/.exec(result.stderr) ?? [];
  const output = (result.stdout + result.stderr.replace(/\n?PERCH_MAX_RSS_KB .*\n/g, '')).trim();
  return { seconds, cpu: Number(cpu) / 1e6, rssMb: Number(rss) / 1024, lines: output.split('\n').length, code: result.code };
}

function mailchimpFile(path: string, rows: number): void {
  const header = 'Email Address,First Name,Last Name,Company,Position,ZIP Code,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS';
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    lines.push(`reader${i}@example.com,Reader${i},Lastname${i},Company ${i},Editor,9810${i % 10},${1 + (i % 5)},2024-01-01 10:00:00,203.0.113.${i % 250},2024-01-01 10:05:00,203.0.113.${i % 250},47.6614000,-122.3000000,-8,-7,America/Los_Angeles,US,WA,2024-02-01 10:05:00,${44877845 + i},${(0xc2cb0681af + i).toString(16)},,"""Readers"",""Paddles"""`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function impactFile(path: string, rows: number): void {
  const lines = ['Action Id,Campaign Id,Campaign Name,Action Tracker,Sub Id 1,Sub Id 2,Sub Id 3,Shared Id,Sale Amount,Payout,Currency,Action Date,Status'];
  for (let i = 0; i < rows; i++) {
    lines.push(`19816.4211.${100000 + i},12001,Vantage Sports,Online Sale,click${i},,,,${(100 + (i % 900)).toFixed(2)},${(10 + (i % 90)).toFixed(2)},USD,2026-03-${String(1 + (i % 28)).padStart(2, '0')}T14:22:10-05:00,${i % 3 ? 'APPROVED' : 'PENDING'}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

export default async function importBench(): Promise<boolean> {
  const rows = Number(process.env.IMPORT_BENCH_ROWS ?? 50_000);
  const dir = mkdtempSync(join(tmpdir(), 'perch-import-bench-'));
  let ok = true;
  try {
    const env = { DATABASE_URL: `file:${join(dir, 'bench.db')}`, PERCH_CONTENT_DIR: join(root, 'content') };
    const list = join(dir, 'subscribed_email_audience_export.csv');
    const report = join(dir, 'impact-actions.csv');
    mailchimpFile(list, rows);
    impactFile(report, rows);
    const mb = (p: string) => (statSync(p).size / 1024 / 1024).toFixed(1);
    console.log(`${rows.toLocaleString('en-US')}-row files: Mailchimp ${mb(list)} MB, Impact ${mb(report)} MB`);
    for (const [name, file] of [['subscribers', list], ['earnings', report]] as const) {
      const help = await measure(name, ['import', '--help'], env);
      // Start-up: the same command on a header-only file (loads the database layer, migrates, reads, stops).
      const headerOnly = join(dir, `header-${name}.csv`);
      writeFileSync(headerOnly, readFileSync(file, 'utf8').slice(0, readFileSync(file, 'utf8').indexOf('\n') + 1));
      const start = await measure(name, ['import', headerOnly], env);
      console.log(`${name} import --help (memory baseline): ${help.seconds.toFixed(2)} s, ${help.cpu.toFixed(2)} s CPU, peak RSS ${help.rssMb.toFixed(0)} MB`);
      console.log(`${name} import of a header-only file (start-up baseline): ${start.seconds.toFixed(2)} s, ${start.cpu.toFixed(2)} s CPU, peak RSS ${start.rssMb.toFixed(0)} MB`);
      for (const pass of ['first import', 're-import']) {
        const m = await measure(name, ['import', file], env);
        const [after, cpu, extra] = [m.seconds - start.seconds, m.cpu - start.cpu, m.rssMb - help.rssMb];
        const met = m.code === 0 && after < TARGET_S && extra <= TARGET_MB;
        ok &&= met;
        console.log(
          `${name} ${pass}: ${m.seconds.toFixed(2)} s, ${after.toFixed(2)} s after start-up (${Math.round(rows / after).toLocaleString('en-US')} rows/s; CPU ${cpu.toFixed(2)} s), ` +
            `peak RSS ${m.rssMb.toFixed(0)} MB (+${extra.toFixed(0)} MB over --help, ×${(m.rssMb / help.rssMb).toFixed(2)}), ${m.lines} output lines, exit ${m.code}  ${met ? 'ok' : 'NOT met'}`,
        );
      }
    }
    console.log(`targets: < ${TARGET_S} s after start-up and ≤ ${TARGET_MB} MB above --help: ${ok ? 'met' : 'NOT met'}`);
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
