import { spawn } from 'node:child_process';
import { cpSync, copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const nodeBin = join(root, 'node_modules/.bin/node');
const astroBin = join(root, 'node_modules/astro/bin/astro.mjs');

/** The small content folder the tests build on purpose (every component, a draft, a scheduled post). */
export const FIXTURE_CONTENT = join(root, 'tests/fixtures/content');

export interface SiteBuild {
  ok: boolean;
  output: string;
  /** The temp project root; its dist/client holds the pages. */
  dir: string;
  contentDir: string;
  cleanup: () => void;
}

/**
 * A copy of the project (sharing node_modules) with its own content
 * (a copy of `contentDir`, changed by `edit`) and its own .astro cache and dist/, so it never
 * disturbs the real build the other tests read.
 */
export function prepareSite(contentDir: string, edit: (dir: string) => void = () => {}): Omit<SiteBuild, 'ok' | 'output'> {
  const dir = mkdtempSync(join(tmpdir(), 'perch-site-'));
  // Copied, not linked: Astro leaves out the CSS of source files it resolves outside the root.
  for (const name of ['src', 'public', 'db']) cpSync(join(root, name), join(dir, name), { recursive: true });
  for (const name of ['astro.config.mjs', 'package.json', 'tsconfig.json']) copyFileSync(join(root, name), join(dir, name));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const content = join(dir, 'content');
  cpSync(contentDir, content, { recursive: true });
  edit(content);
  return { dir, contentDir: content, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `astro build` (or `astro sync`, which only loads and validates content) in a prepared copy. */
export async function runAstro(site: Omit<SiteBuild, 'ok' | 'output'>, command: 'build' | 'sync'): Promise<SiteBuild> {
  const child = spawn(nodeBin, [astroBin, command, '--root', site.dir], {
    cwd: site.dir,
    env: { ...process.env, PERCH_CONTENT_DIR: site.contentDir, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { ...site, ok: code === 0, output };
}

/** Copies `contentDir`, applies `edit`, builds (or syncs) it. */
export async function buildSite(contentDir: string, edit?: (dir: string) => void, command: 'build' | 'sync' = 'build'): Promise<SiteBuild> {
  return runAstro(prepareSite(contentDir, edit), command);
}
