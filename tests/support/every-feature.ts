import { afterAll, beforeAll } from 'vitest';
import { createDb, type Db } from '../../db/client.ts';
import { startServer, type RunningServer } from './server.ts';

/** Settings that switch every optional endpoint on: stats login, postbacks, the Resend webhook. */
export const EVERY_FEATURE = { STATS_PASSWORD: 'pw', POSTBACK_SECRET: 'shh', RESEND_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };

/**
 * Starts the built server with every feature on before a file's tests, with a connection to
 * its database, and stops both after them (also when a test failed).
 */
export function serveEveryFeature(): { server: RunningServer; db: Db } {
  const state = {} as { server: RunningServer; db: Db };
  beforeAll(async () => {
    state.server = await startServer(EVERY_FEATURE);
    state.db = createDb(state.server.databaseUrl);
  });
  afterAll(async () => {
    state.db?.$client.close();
    await state.server?.stop();
  });
  return state;
}
