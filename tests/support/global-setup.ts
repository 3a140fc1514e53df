import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Server and browser tests run against the built site: fail early and clearly without it. */
export default function setup(): void {
  const entry = fileURLToPath(new URL('../../dist/server/entry.mjs', import.meta.url));
  if (!existsSync(entry)) {
    throw new Error('No build in dist/. Run `npm test` (it builds first) or `npm run build`.');
  }
}
