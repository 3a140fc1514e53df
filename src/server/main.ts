// `npm start`: migrates the database, then serves the built site. Runs on Node directly
// (type stripping), outside Vite, so it reads process.env rather than astro:env.
import http from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getSharedDb, migrateDb } from '../../db/client.ts';
import { readSettings } from '../platform/settings.ts';
import { createClickRecorder } from '../tracking/clicks.ts';
import { ensureMailWorker, stopMailWorker } from '../mail/mail-worker.ts';
import { importUnsavedClicks, saveUnsavedClicks } from '../tracking/unsaved-clicks.ts';
import { createClickWriter } from '../tracking/click-writer.ts';
import { createGoHandler, loadGoAssets } from './go.ts';
import { startLiveCatalog } from '../tracking/live-catalog.ts';
import { startLinkHealth } from '../tracking/link-health-schedule.ts';
import { isPostbackPath, servePostback } from './postback.ts';
import { handleUnsubscribePost } from './unsubscribe-fast-path.ts';

const entry = fileURLToPath(new URL('../../dist/server/entry.mjs', import.meta.url));
if (!existsSync(entry)) {
  console.error('No build found. Run `npm run build` first.');
  process.exit(1);
}

const settings = readSettings();
const { dataDir } = settings;
const db = getSharedDb(settings.databaseUrl, settings.databaseAuthToken);
// A database that is down at start must not take the redirects down with it: serve anyway,
// keep clicks in memory and let the recorder migrate once the database answers.
const migrated = await migrateDb(db).then(
  () => true,
  (error: Error) => (console.error(`Database unavailable at start (${error.message}); serving anyway, clicks are kept in memory and retried.`), false),
);
if (migrated) {
  const imported = await importUnsavedClicks(db, dataDir);
  if (imported) console.log(`Stored ${imported} clicks saved at the last stop.`);
}
const writer = createClickWriter(settings.databaseUrl, settings.databaseAuthToken);
const recorder = createClickRecorder(db, { prepare: migrated ? undefined : () => migrateDb(db), write: writer.write });
const goAssets = loadGoAssets(fileURLToPath(new URL('../../dist/client/', import.meta.url)));
startLiveCatalog(db, goAssets); // content links + the studio's, swapped in memory as the studio saves
const handleGo = createGoHandler(goAssets, recorder);
if (settings.linkHealth) startLinkHealth(db, goAssets, { everyMs: settings.linkHealthEvery * 1000 }); // flags dead merchant links
// Sends (and retries) queued email in this process; the SSR bundle finds it via globalThis.
ensureMailWorker(db, settings);

// The adapter would otherwise start its own server on import.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler: astroHandler } = (await import(entry)) as {
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
};

let stopping = false;
const server = http.createServer((req, res) => {
  // Once stopping, each answer closes its connection, so busy keep-alive clients let go.
  if (stopping) res.setHeader('Connection', 'close');
  if (handleGo(req, res)) return;
  if (isPostbackPath(req.url)) return void servePostback(req, res, db, settings.postbackSecret);
  // One-click unsubscribe posts come from mail servers without an Origin header.
  handleUnsubscribePost(req, res, db).then(
    (handled) => handled || astroHandler(req, res),
    (error: Error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end('Something went wrong. Please try again.');
    },
  );
});
server.keepAliveTimeout = 65_000;
server.listen(settings.port, settings.host, () => {
  console.log(`Perch is serving ${settings.siteUrl} on http://${settings.host}:${settings.port}`);
});

async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing open requests…`);
  server.close(async () => {
    await stopMailWorker();
    const unsaved = await recorder.stop();
    await writer.close();
    const file = saveUnsavedClicks(dataDir, unsaved);
    if (file) console.error(`${unsaved.rows.length} clicks could not be stored; saved to ${file} for the next start.`);
    const { recorded, stored, dropped } = recorder.totals();
    console.log(`Stopped: ${recorded} clicks recorded since start, ${stored} stored, ${unsaved.rows.length} saved for later, ${dropped} dropped.`);
    db.$client.close();
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
