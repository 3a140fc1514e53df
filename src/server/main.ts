// `npm start`: migrates the database, then serves the built site. Runs on Node directly
// (type stripping), outside Vite, so it reads process.env rather than astro:env.
import http from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getSharedDb, migrateDb } from '../../db/client.ts';
import { parseSettings } from '../lib/settings.ts';
import { ensureMailWorker, stopMailWorker } from '../lib/mail-worker.ts';
import { handleUnsubscribePost } from './unsubscribe-fast-path.ts';

const entry = fileURLToPath(new URL('../../dist/server/entry.mjs', import.meta.url));
if (!existsSync(entry)) {
  console.error('No build found. Run `npm run build` first.');
  process.exit(1);
}

const settings = parseSettings(process.env);
const db = getSharedDb(settings.databaseUrl, settings.databaseAuthToken);
await migrateDb(db);
// Sends (and retries) queued email in this process; the SSR bundle finds it via globalThis.
ensureMailWorker(db, settings);

// The adapter would otherwise start its own server on import.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler: astroHandler } = (await import(entry)) as {
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
};

const server = http.createServer(async (req, res) => {
  try {
    if (await handleUnsubscribePost(req, res, db)) return;
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end('Something went wrong. Please try again.');
    return;
  }
  astroHandler(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(settings.port, settings.host, () => {
  console.log(`Perch is serving ${settings.siteUrl} on http://${settings.host}:${settings.port}`);
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing open requests…`);
  server.close(async () => {
    await stopMailWorker();
    db.$client.close();
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
