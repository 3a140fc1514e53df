// Loaded with --import into every Node process of a benchmarked command: prints its peak
// resident memory (kB) and CPU time (µs) on exit, for tests/bench/import.bench.ts.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  writeSync(2, `\nPERCH_MAX_RSS_KB ${u.maxRSS} CPU_US ${u.userCPUTime + u.systemCPUTime}\n`);
});
