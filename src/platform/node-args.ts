/**
 * How Node runs the server (package.json `start`, the systemd unit, tests and benches):
 * - the ES-module shortcut (src/platform/esm-hooks.ts, ~100 MB less per thread);
 * - a 2 MB young generation instead of 16 MB per semi-space, so page rendering under load
 *   does not grow the heap past the memory target (peak 376 → 226–296 MB in
 *   `npm run bench -- memory`);
 * - the old generation collected once it has grown by half since the last collection, not
 *   when V8's own growing factor (up to 4× under fast allocation) says so: peak 243–264 →
 *   201–210 MB, idle 147–151 → 143–147 MB, for more frequent (mostly concurrent) marking.
 */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=2', '--heap-growing-percent=50', '--import', './src/platform/esm-hooks.ts'];
export const SERVER_ENTRY = 'src/server/main.ts';
/**
 * The environment the server starts with: two malloc arenas instead of one per thread, so
 * native memory freed under load is reused rather than spread over eight arenas (idle
 * 166 → 155 MB, peak 291 → 262 MB in `npm run bench -- memory`).
 */
export const SERVER_ENV: Record<string, string> = { MALLOC_ARENA_MAX: '2' };
/** `SERVER_ENV` as a shell prefix (package.json `start`). */
export const SERVER_ENV_PREFIX = Object.entries(SERVER_ENV).map(([name, value]) => `${name}=${value} `).join('');
