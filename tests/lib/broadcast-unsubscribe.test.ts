import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createSignedUnsubscribe, verifyUnsubscribeToken } from '../../src/lib/broadcast-unsubscribe.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.cleanup());

describe('createSignedUnsubscribe', () => {
  test('gives a signed link per subscriber and the RFC 8058 headers', async () => {
    const unsubscribeFor = await createSignedUnsubscribe(t.db, 'https://maya.example');
    const link = unsubscribeFor({ id: 7, email: 'a@example.com' });
    const url = new URL(link.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://maya.example/subscribe/unsubscribe');
    expect(link.headers).toEqual({ 'List-Unsubscribe': `<${link.url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(await verifyUnsubscribeToken(t.db, 7, url.searchParams.get('token')!)).toBe(true);
    expect(await verifyUnsubscribeToken(t.db, 8, url.searchParams.get('token')!)).toBe(false);
    expect(unsubscribeFor({ id: 8, email: 'b@example.com' }).url).not.toBe(link.url);
  });

  test('keeps one key in the settings table, so links stay valid across runs', async () => {
    const first = (await createSignedUnsubscribe(t.db, 'https://maya.example'))({ id: 1, email: 'a@example.com' });
    const second = (await createSignedUnsubscribe(t.db, 'https://maya.example'))({ id: 1, email: 'a@example.com' });
    expect(second.url).toBe(first.url);
  });
});
