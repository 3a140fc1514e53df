// The house rules of src/ (README "Layout"): routes → features → platform → db, each feature
// using only the features below it, no import circles, nothing in src/ or db/ importing tests/.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { envReads, findCycles, layerOf, LAYERS, mayImport, parseImports } from './support/layout.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs|astro)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** Every relative import of every file in src/ and db/, resolved to a repository path. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of [...sourceFiles('src'), ...sourceFiles('db'), 'astro.config.mjs']) {
    const targets = parseImports(readFileSync(join(root, file), 'utf8'))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => normalize(join(dirname(file), spec.split('?')[0])));
    graph.set(file, targets);
  }
  return graph;
}

describe('the layout of src/', () => {
  const graph = importGraph();

  it('puts every source file in a known layer', () => {
    const unplaced = [...graph.keys()].filter((f) => layerOf(f) === undefined);
    expect(unplaced).toEqual([]);
  });

  it('has imports that only fall: routes → features (lower ones only) → platform → db, never tests/', () => {
    const upward: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) if (!mayImport(from, to)) upward.push(`${from} → ${to}`);
    }
    expect(upward).toEqual([]);
  });

  it('has no import circles', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it('reads the environment only in the settings parser', () => {
    const readers = [...graph.keys()]
      .filter((f) => f !== 'src/platform/settings.ts')
      .filter((f) => envReads(readFileSync(join(root, f), 'utf8')).length > 0);
    expect(readers).toEqual([]);
  });

  it('knows every folder under src/', () => {
    const folders = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !LAYERS.some((l) => l.folders.includes(f)))).toEqual([]);
  });
});

describe('the layout checker itself', () => {
  it('flags an upward import, an import of tests/ and a circle', () => {
    expect(mayImport('src/tracking/clicks.ts', 'src/stats/report.ts')).toBe(false);
    expect(mayImport('src/platform/settings.ts', 'src/site/posts.ts')).toBe(false);
    expect(mayImport('src/cli/seed.ts', 'tests/support/db.ts')).toBe(false);
    expect(mayImport('src/stats/report.ts', 'src/tracking/bots.ts')).toBe(true);
    expect(mayImport('src/pages/index.astro', 'db/client.ts')).toBe(true);
    expect(mayImport('db/client.ts', 'src/platform/settings.ts')).toBe(false);
    const circle = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(findCycles(circle)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('tells an environment read from a write', () => {
    expect(envReads("const a = process.env.PORT;\nprocess.env.X = '1';\nif (process.env.Y === 'z') {}")).toEqual(["const a = process.env.PORT;", "if (process.env.Y === 'z') {}"]);
  });

  it('reads static, dynamic, type-only and side-effect imports', () => {
    const source = `import a from './a.ts';\nimport type { B } from "../b.ts";\nexport { c } from './c.ts';\nimport './d.css';\nconst e = await import('./e.ts');\nimport {\n  f,\n} from './f.ts';`;
    expect(parseImports(source)).toEqual(['./a.ts', '../b.ts', './c.ts', './d.css', './e.ts', './f.ts']);
  });
});
