/**
 * A send started from the studio runs inside the server process, after the page has answered.
 * The lease in `deliverBroadcast` keeps it exactly-once across tabs and instances; this only
 * remembers, per newsletter, how the last run in this process ended (for the status page).
 */
import type { Db } from '../../db/client.ts';
import type { Broadcast } from './broadcasts.ts';
import { deliverBroadcast, type SendSettings } from './run-broadcast.ts';

const running = new Map<string, Promise<void>>();
const outcomes = new Map<string, string>();

/** Starts (or joins) the send of `broadcast` in the background; returns at once. */
export function sendInBackground(db: Db, settings: SendSettings, broadcast: Broadcast, ratePerSecond: number): void {
  if (running.has(broadcast.name)) return;
  outcomes.delete(broadcast.name);
  const run = deliverBroadcast(db, settings, broadcast, { ratePerSecond })
    .then((result) => {
      if (!result.ok) outcomes.set(broadcast.name, result.message);
    })
    .catch((error: unknown) => void outcomes.set(broadcast.name, `The send stopped: ${(error as Error).message}. Resume it from here or with npm run email -- resume ${broadcast.name}.`))
    .finally(() => running.delete(broadcast.name));
  running.set(broadcast.name, run);
}

/** Why the last background send of `name` in this process stopped early, if it did. */
export function lastSendProblem(name: string): string | undefined {
  return outcomes.get(name);
}
