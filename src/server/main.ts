// `npm start`: migrates the database, then serves the built site. Runs on Node directly
// (type stripping), outside Vite, so it reads process.env rather than astro:env.
import http from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkpointDb, getSharedDb, migrateDb } from '../../db/client.ts';
import { readSettings } from '../platform/settings.ts';
import { createClickRecorder } from '../tracking/clicks.ts';
import { ensureMailWorker, stopMailWorker } from '../mail/mail-worker.ts';
import { importUnsavedClicks } from '../tracking/unsaved-clicks.ts';
import { createClickWriter } from '../tracking/click-writer.ts';
import { loadServedPages, publishServedPages } from '../tracking/served-pages.ts';
import { createGoHandler, loadGoAssets, serveNotFound } from './go.ts';
import { createRequestGuard, refuseConnect } from './guard.ts';
import { startLiveCatalog } from '../tracking/live-catalog.ts';
import { startLinkHealth } from '../tracking/link-health-schedule.ts';
import { isPostbackPath, servePostback } from './postback.ts';
import { handleUnsubscribePost } from './unsubscribe-fast-path.ts';
import { createStopper, startupStep } from './shutdown.ts';
import { createStaticHandler, indexStaticFiles } from './static-files.ts';
import { createCompressor } from './compress.ts';
import { serveHealth } from './health.ts';
import { serveCachedPage } from './cached-pages.ts';
import { startupWarnings } from './startup-warnings.ts';

const entry = fileURLToPath(new URL('../../dist/server/entry.mjs', import.meta.url));
if (!existsSync(entry)) {
  console.error('No build found. Run `npm run build` first.');
  process.exit(1);
}

const settings = readSettings();
// The site bundle loads while the database and the click writer get ready.
// The adapter would otherwise start its own server on import.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
// This is the built site: libraries that read NODE_ENV (React's server renderer for the
// studio's islands) load their production builds, not the development ones (~1 MB more code).
process.env.NODE_ENV = 'production';
const astroLoaded = import(entry) as Promise<{ handler: (req: http.IncomingMessage, res: http.ServerResponse) => void }>;
const { dataDir } = settings;
const db = getSharedDb(settings.databaseUrl, settings.databaseAuthToken);
// The click writer's thread starts while the database is migrated.
const writer = createClickWriter(settings.databaseUrl, settings.databaseAuthToken);
const writerReady = writer.ready();
// A database that is down (or hangs) at start must not take the redirects down with it: serve
// anyway, keep clicks in memory and let the recorder migrate once the database answers.
const migrated = await startupStep(migrateDb(db), 'Database unavailable at start', 5_000);
if (migrated) {
  const imported = await importUnsavedClicks(db, dataDir).catch((error: Error) => (console.error(`Could not store the clicks saved at the last stop yet (${error.message}); they stay in ${dataDir}.`), 0));
  if (imported) console.log(`Stored ${imported} clicks saved at the last stop.`);
}
// The writer thread and the recorder are ready before the first connection is accepted, so
// clicks are written from the first flush on (a crash loses at most the flush window).
await startupStep(writerReady, 'The click writer did not start', 5_000);
const recorder = createClickRecorder(db, { prepare: migrated ? undefined : () => migrateDb(db), write: writer.write });
if (migrated) await recorder.start();
const clientDir = fileURLToPath(new URL('../../dist/client/', import.meta.url));
const goAssets = loadGoAssets(clientDir);
startLiveCatalog(db, goAssets); // content links + the studio's, swapped in memory as the studio saves
if (settings.linkHealth) startLinkHealth(db, goAssets, { everyMs: settings.linkHealthEvery * 1000 }); // flags dead merchant links
// /api/view (in the SSR bundle) counts only the pages the build lists.
publishServedPages(loadServedPages(clientDir));
const handleGo = createGoHandler(goAssets, recorder, settings);
const guard = createRequestGuard((req, res) => serveNotFound(req, res, goAssets));
const serveStatic = createStaticHandler(indexStaticFiles(clientDir));
const compress = createCompressor();
const health = { db, writerAlive: writer.alive, clicksWaiting: recorder.pending };
for (const warning of startupWarnings(settings)) console.warn(warning);
// Sends (and retries) queued email in this process; the SSR bundle finds it via globalThis.
ensureMailWorker(db, settings);

const { handler: astroHandler } = await astroLoaded;

const server = http.createServer((req, res) => {
  // Once stopping, each answer closes its connection, so busy keep-alive clients let go.
  if (stopper.stopping()) res.setHeader('Connection', 'close');
  if (guard(req, res)) return;
  if (handleGo(req, res)) return;
  if (serveHealth(req, res, health)) return;
  if (serveStatic(req, res)) return;
  if (serveCachedPage(req, res)) return;
  if (isPostbackPath(req.url)) return void servePostback(req, res, db, settings.postbackSecret);
  compress(req, res, () =>
    // One-click unsubscribe posts come from mail servers without an Origin header.
    handleUnsubscribePost(req, res, db).then(
      (handled) => handled || astroHandler(req, res),
      (error: Error) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500).end('Something went wrong. Please try again.');
      },
    ),
  );
});
server.on('connect', (_req, socket) => refuseConnect(socket));
server.keepAliveTimeout = 65_000;
server.listen(settings.port, settings.host, () => {
  console.log(`Perch is serving ${settings.siteUrl} on http://${settings.host}:${settings.port}`);
});

const stopper = createStopper({
  server,
  recorder,
  writer,
  stopMail: stopMailWorker,
  // The .db file alone is then complete (a backup copy of it, too).
  checkpoint: () => checkpointDb(db),
  closeDb: () => db.$client.close(),
  dataDir,
});
process.on('SIGTERM', () => void stopper.stop('SIGTERM'));
process.on('SIGINT', () => void stopper.stop('SIGINT'));
