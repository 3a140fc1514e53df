// `npm run bench [name …]`: runs every tests/bench/<name>.bench.ts, or only the named ones.
// Each benchmark measures its own baseline in the same run and prints figures and ratios.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(folder)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm run bench [-- <name> …]\n\nBenchmarks: ${available.join(', ') || '(none)'}\nWithout a name, all of them run. Build first (npm run build).`);
  process.exit(0);
}
const unknown = args.filter((a) => !available.includes(a));
if (unknown.length) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}

let failed = false;
for (const name of args.length ? args : available) {
  console.log(`\n== ${name} ==`);
  const mod = (await import(pathToFileURL(`${folder}${name}.bench.ts`).href)) as { default: () => Promise<boolean> };
  // A benchmark returns whether it met its targets.
  if (!(await mod.default())) failed = true;
}
process.exit(failed ? 1 : 0);
