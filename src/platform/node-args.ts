/**
 * How Node runs the server (package.json `start`, the systemd unit, tests and benches):
 * the ES-module shortcut (src/platform/esm-hooks.ts, ~100 MB less per thread) and a 2 MB
 * young generation instead of 16 MB per semi-space, so page rendering under load does not
 * grow the heap past the memory target (peak 376 → 226–296 MB in `npm run bench -- memory`).
 */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=2', '--import', './src/platform/esm-hooks.ts'];
export const SERVER_ENTRY = 'src/server/main.ts';
