/**
 * How Node runs the server (package.json `start`, the systemd unit, tests and benches):
 * the ES-module shortcut (src/platform/esm-hooks.ts, ~100 MB less per thread) and a 2 MB
 * young generation instead of 16 MB per semi-space, so page rendering under load does not
 * grow the heap past the memory target (peak 376 → 226–296 MB in `npm run bench -- memory`).
 */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=2', '--import', './src/platform/esm-hooks.ts'];
export const SERVER_ENTRY = 'src/server/main.ts';
/**
 * The environment the server starts with: two malloc arenas instead of one per thread, so
 * native memory freed under load is reused rather than spread over eight arenas (idle
 * 166 → 155 MB, peak 291 → 262 MB in `npm run bench -- memory`).
 */
export const SERVER_ENV: Record<string, string> = { MALLOC_ARENA_MAX: '2' };
/** `SERVER_ENV` as a shell prefix (package.json `start`). */
export const SERVER_ENV_PREFIX = Object.entries(SERVER_ENV).map(([name, value]) => `${name}=${value} `).join('');
