import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDb, type Db } from '../../../db/client.ts';
import { subscribers } from '../../../db/schema/subscribers.ts';
import { countEligibleSubscribers } from '../../../src/broadcasts/broadcasts.ts';
import { seedSubscribers } from '../../support/seed-subscribers.ts';
import { startServer, type RunningServer } from '../../support/server.ts';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
let server: RunningServer;
let db: Db;

beforeAll(async () => {
  server = await startServer({ RESEND_WEBHOOK_SECRET: secret });
  db = createDb(server.databaseUrl);
  await seedSubscribers(db, 6);
});
afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

function event(type: string, to: string, bounceType?: string) {
  return JSON.stringify({
    type,
    created_at: new Date().toISOString(),
    data: { email_id: randomBytes(8).toString('hex'), to: [to], subject: 'My picks', ...(bounceType ? { bounce: { type: bounceType, subType: 'General', message: 'x' } } : {}) },
  });
}

/** POSTs a body signed as Resend (Svix) signs it; `sign` may tamper with the parts. */
function post(body: string, sign: { secret?: string; at?: Date; headers?: boolean; id?: string } = {}) {
  const id = sign.id ?? `msg_${randomBytes(8).toString('hex')}`;
  const at = sign.at ?? new Date();
  const signature = new Webhook(sign.secret ?? secret).sign(id, at, body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sign.headers !== false) Object.assign(headers, { 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': signature });
  return fetch(`${server.url}/api/resend-webhook`, { method: 'POST', headers, body });
}

async function subscriber(email: string) {
  const [row] = await db.select().from(subscribers).where(eq(subscribers.email, email));
  return row!;
}

describe('POST /api/resend-webhook', () => {
  test('a signed hard bounce suppresses the address, so broadcasts leave it out', async () => {
    const before = await countEligibleSubscribers(db);
    const res = await post(event('email.bounced', 'reader-0@example.com', 'Permanent'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'suppressed', addresses: ['reader-0@example.com'] });
    expect(await subscriber('reader-0@example.com')).toMatchObject({ suppressionReason: 'bounce', suppressedAt: expect.any(Date) });
    expect(await countEligibleSubscribers(db)).toBe(before - 1);
  });

  test('a signed complaint suppresses the address (domain case ignored)', async () => {
    const res = await post(event('email.complained', 'Maya Reader <reader-1@EXAMPLE.com>'));
    expect(res.status).toBe(200);
    expect(await subscriber('reader-1@example.com')).toMatchObject({ suppressionReason: 'complaint' });
  });

  test('a transient bounce and a delivery change nothing', async () => {
    for (const body of [event('email.bounced', 'reader-2@example.com', 'Transient'), event('email.delivered', 'reader-2@example.com')]) {
      const res = await post(body);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ kind: 'ignored' });
    }
    expect((await subscriber('reader-2@example.com')).suppressedAt).toBeNull();
  });

  test('refuses unsigned, wrongly signed, tampered and stale requests, suppressing nobody', async () => {
    const body = event('email.complained', 'reader-3@example.com');
    const unsigned = await post(body, { headers: false });
    expect(unsigned.status).toBe(400);
    expect((await unsigned.json()).error).toContain('svix-signature');
    expect((await post(body, { secret: `whsec_${randomBytes(24).toString('base64')}` })).status).toBe(401);
    const stale = await post(body, { at: new Date(Date.now() - 6 * 60_000) });
    expect(stale.status).toBe(401);
    expect((await stale.json()).error).toContain('too old');
    // Signed for one address, delivered with another: the signature no longer matches.
    const id = 'msg_tampered';
    const at = new Date();
    const signature = new Webhook(secret).sign(id, at, event('email.delivered', 'reader-3@example.com'));
    const tampered = await fetch(`${server.url}/api/resend-webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': signature },
      body,
    });
    expect(tampered.status).toBe(401);
    expect((await subscriber('reader-3@example.com')).suppressedAt).toBeNull();
  });

  test.each([
    ['data.to holds a number', { type: 'email.bounced', data: { to: [42], bounce: { type: 'Permanent' } } }, /data\.to must be an address or a list/],
    ['data.to is an object', { type: 'email.complained', data: { to: { a: 1 } } }, /data\.to must be an address or a list/],
    ['bounce.type is a number', { type: 'email.bounced', data: { to: ['reader-4@example.com'], bounce: { type: 7 } } }, /data\.bounce\.type must be a string/],
    ['type is a number', { type: 5, data: { to: ['reader-4@example.com'] } }, /"type" must be a string/],
    ['a complaint names no recipient', { type: 'email.complained', data: {} }, /names no recipient/],
    ['data is a string', { type: 'email.complained', data: 'reader-4@example.com' }, /"data" must be an object/],
  ])('a signed event whose %s is a 400 with the reason, and changes nothing', async (_, body, reason) => {
    const res = await post(JSON.stringify(body));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(reason);
    expect((await subscriber('reader-4@example.com')).suppressedAt).toBeNull();
  });

  test('a signed body that is not JSON is a 400, not a 401', async () => {
    const res = await post('this is not json');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain('not JSON');
  });

  test('a replayed message (same svix-id, same signature) is refused with 409 and changes nothing', async () => {
    const body = event('email.complained', 'reader-5@example.com');
    const at = new Date();
    expect((await post(body, { id: 'msg_replayed', at })).status).toBe(200);
    const suppressedAt = (await subscriber('reader-5@example.com')).suppressedAt;
    expect(suppressedAt).toEqual(expect.any(Date));
    await db.update(subscribers).set({ suppressedAt: null, suppressionReason: null }).where(eq(subscribers.email, 'reader-5@example.com'));
    const replay = await post(body, { id: 'msg_replayed', at });
    expect(replay.status).toBe(409);
    expect((await replay.json()).error).toContain('already received');
    expect((await subscriber('reader-5@example.com')).suppressedAt).toBeNull();
    const remembered = await db.$client.execute("select count(*) as n from webhook_messages where id = 'msg_replayed'");
    expect(Number(remembered.rows[0]!.n)).toBe(1);
  });
});
