/**
 * A module-resolution shortcut, loaded with `node --import` before the server (package.json
 * `start`). Node 24 re-reads a package's package.json for every ES module it loads from it;
 * drizzle-orm's has a 180 KB `exports` map and ~300 modules, which left ~100 MB of heap
 * garbage and a heap that never shrank again, in the server and again in the click writer's
 * thread (measured: importing drizzle-orm's relations alone, 145 MB → 50 MB resident).
 * Relative imports inside an ES-module package are resolved here from one read of that
 * package's `type`; everything else goes to Node's own resolver.
 */
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const types = new Map<string, boolean>();

/** Whether the package holding `url` is `"type": "module"`; its root is read once. */
function isModulePackage(url: string): boolean {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return false;
  const rest = url.slice(at + '/node_modules/'.length).split('/');
  const root = url.slice(0, at + '/node_modules/'.length) + (rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]);
  let esm = types.get(root);
  if (esm === undefined) {
    try {
      esm = JSON.parse(readFileSync(new URL(`${root}/package.json`), 'utf8')).type === 'module';
    } catch {
      esm = false;
    }
    types.set(root, esm);
  }
  return esm;
}

registerHooks({
  resolve(specifier, context, next) {
    const parent = context.parentURL;
    if (parent && specifier.startsWith('.') && specifier.endsWith('.js') && parent.includes('/node_modules/') && isModulePackage(parent)) {
      return { url: new URL(specifier, parent).href, format: 'module', shortCircuit: true };
    }
    return next(specifier, context);
  },
});
