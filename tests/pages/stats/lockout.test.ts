import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { httpText, rawRequest } from '../../support/raw-http.ts';
import { startServer, type RunningServer } from '../../support/server.ts';
import { LOCK_AFTER, MAX_GLOBAL_DELAY_MS } from '../../../src/auth/lockout.ts';

const PASSWORD = 'correct horse battery staple';
let server: RunningServer;
beforeAll(async () => (server = await startServer({ STATS_PASSWORD: PASSWORD })));
afterAll(async () => void (await server?.stop()));

/** A login form post from a client address of its own (a loopback alias: 127.0.0.x). */
const login = (password: string, from: string) =>
  rawRequest(
    server.port,
    httpText('POST', '/stats', { Host: new URL(server.url).host, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ password }).toString()),
    { localAddress: from },
  );

describe('the login lockout cannot lock the creator out', () => {
  test('a flood of wrong passwords from many addresses slows logins but never refuses the right one, and a session is untouched', async () => {
    // The creator logged in before the flood.
    // One login sets the stats and the studio cookies; the stats one opens /stats.
    const session = /(?:^|, )(perch_stats=[^;]+)/.exec((await login(PASSWORD, '127.0.0.2')).headers['set-cookie'] ?? '')?.[1];
    expect(session).toMatch(/^perch_stats=./);
    // 70 addresses, 1 wrong password each: far past the global threshold of 50.
    for (let i = 0; i < LOCK_AFTER.global + 20; i++) expect((await login(`guess-${i}`, `127.0.1.${i + 1}`)).status).toBe(401);

    // The address that makes the failures is locked out after 5…
    for (let i = 0; i < LOCK_AFTER.ip; i++) expect((await login(`again-${i}`, '127.0.2.1')).status).toBe(401);
    const locked = await login(PASSWORD, '127.0.2.1');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    // …but the creator, from their own address, gets in: slowed by the flood, not refused.
    const started = Date.now();
    const creator = await login(PASSWORD, '127.0.3.1');
    expect(creator.status).toBe(303);
    expect(creator.headers['set-cookie']).toMatch(/(^|, )perch_stats=./);
    expect(Date.now() - started).toBeGreaterThanOrEqual(MAX_GLOBAL_DELAY_MS - 50);

    // The session from before the flood still opens the stats, with no delay and no lock.
    const page = await rawRequest(server.port, httpText('GET', '/stats', { Cookie: session! }), { localAddress: '127.0.2.1' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-total');
  });
});
