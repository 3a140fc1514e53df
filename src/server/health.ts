/**
 * GET/HEAD /healthz for uptime monitors and the proxy: 200 when the database answers and the
 * click writer runs, 503 otherwise, with a small JSON body (database, click writer, clicks
 * waiting to be written, mail queue depth). Never cached, never indexed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

export interface HealthSources {
  db: Db;
  writerAlive: () => boolean;
  /** Clicks recorded but not yet stored. */
  clicksWaiting: () => number;
}

export interface Health {
  ok: boolean;
  database: 'ok' | string;
  clickWriter: 'ok' | 'stopped';
  clicksWaiting: number;
  mailQueue: number | null;
}

export async function checkHealth({ db, writerAlive, clicksWaiting }: HealthSources): Promise<Health> {
  let database = 'ok';
  let mailQueue: number | null = null;
  try {
    const [row] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM email_queue WHERE status IN ('pending', 'sending')`);
    mailQueue = Number(row?.n ?? 0);
  } catch (error) {
    database = (error as Error).message;
  }
  const clickWriter = writerAlive() ? 'ok' : 'stopped';
  return { ok: database === 'ok' && clickWriter === 'ok', database, clickWriter, clicksWaiting: clicksWaiting(), mailQueue };
}

/** Answers /healthz and returns true; returns false for any other path. */
export function serveHealth(req: IncomingMessage, res: ServerResponse, sources: HealthSources): boolean {
  if (req.url !== '/healthz' && !req.url?.startsWith('/healthz?')) return false;
  void checkHealth(sources).then((health) => {
    res.writeHead(health.ok ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(health) + '\n');
  });
  return true;
}
