// The layers of the code base, lowest first, and the rule between them (tests/layout.test.ts).

export interface Layer {
  name: string;
  /** Top-level folders under src/ (or the repository root, for db). */
  folders: string[];
  /** Layers a file here may import besides its own folder. */
  uses: 'below' | 'own';
}

/**
 * Lowest first. A feature uses the platform, db and the features listed before it; routes use
 * everything below them. Within one folder anything goes (circles are checked separately).
 */
export const LAYERS: Layer[] = [
  { name: 'db', folders: ['db'], uses: 'own' },
  { name: 'platform', folders: ['platform'], uses: 'below' },
  { name: 'site', folders: ['site'], uses: 'below' },
  { name: 'tracking', folders: ['tracking'], uses: 'below' },
  { name: 'mail', folders: ['mail'], uses: 'below' },
  { name: 'subscribers', folders: ['subscribers'], uses: 'below' },
  { name: 'broadcasts', folders: ['broadcasts'], uses: 'below' },
  { name: 'bio', folders: ['bio'], uses: 'below' },
  { name: 'earnings', folders: ['earnings'], uses: 'below' },
  { name: 'auth', folders: ['auth'], uses: 'below' },
  { name: 'stats', folders: ['stats'], uses: 'below' },
  { name: 'studio', folders: ['studio'], uses: 'below' },
  { name: 'routes', folders: ['pages', 'server', 'cli', 'middleware.ts'], uses: 'below' },
  { name: 'config', folders: ['content.config.ts', 'astro.config.mjs'], uses: 'below' },
];

/** The layer index and folder of a repository path, or undefined outside src/ and db/. */
export function layerOf(path: string): { index: number; folder: string } | undefined {
  // drizzle-kit's config sits beside the schema but reads the settings like any config.
  if (path === 'db/drizzle.config.ts') return { index: LAYERS.length - 1, folder: 'config' };
  const parts = path.split('/');
  const folder = parts[0] === 'src' ? parts[1] : parts[0];
  if (parts[0] !== 'src' && parts[0] !== 'db' && parts[0] !== 'astro.config.mjs') return undefined;
  const index = LAYERS.findIndex((l) => l.folders.includes(folder));
  return index < 0 ? undefined : { index, folder };
}

export function mayImport(from: string, to: string): boolean {
  const a = layerOf(from);
  const b = layerOf(to);
  if (!a) return true;
  if (!b) return !to.startsWith('tests/');
  if (a.folder === b.folder) return true;
  const layer = LAYERS[a.index];
  if (layer.uses === 'own') return false;
  // Two route folders (pages, server, cli) stay apart too: they share code through features.
  return b.index < a.index;
}

/** Lines that read `process.env` (writing a variable for a child module is not reading). */
export function envReads(source: string): string[] {
  return source.split('\n').filter((line) => /process\.env\b(?!\.\w+\s*=[^=])/.test(line) && !/^\s*(\/\/|\*)/.test(line));
}

/** The relative and package specifiers a module imports, in source order. */
export function parseImports(source: string): string[] {
  const found: { at: number; spec: string }[] = [];
  const patterns = [
    /(?:^|[\s;])(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push({ at: m.index, spec: m[1] });
  return found.sort((x, y) => x.at - y.at).map((f) => f.spec);
}

/** Each import circle once, as the path from its first file back to itself. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}
