import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { subscribers } from '../../db/schema/subscribers.ts';
import { createUnsubscribeFor } from '../../src/mail/email-links.ts';
import { getSigningKey } from '../../src/mail/email-tokens.ts';
import { lookupUnsubscribeToken } from '../../src/subscribers/unsubscribe.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.cleanup());

async function addSubscriber(email: string) {
  const [row] = await t.db.insert(subscribers).values({ email, status: 'confirmed', createdAt: new Date() }).returning();
  return row!;
}

describe('createUnsubscribeFor', () => {
  test('gives each subscriber a link the unsubscribe page accepts, with the RFC 8058 headers', async () => {
    const maya = await addSubscriber('maya@example.com');
    const sam = await addSubscriber('sam@example.com');
    const unsubscribeFor = await createUnsubscribeFor(t.db, 'https://maya.example');
    const link = unsubscribeFor(maya);
    const url = new URL(link.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://maya.example/subscribe/unsubscribe');
    expect(link.headers).toEqual({ 'List-Unsubscribe': `<${link.url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    const key = await getSigningKey(t.db);
    const found = await lookupUnsubscribeToken(t.db, key, url.searchParams.get('t'));
    expect(found.kind === 'valid' && found.subscriber.id).toBe(maya.id);
    expect(unsubscribeFor(sam).url).not.toBe(link.url);
  });

  test('a token for one subscriber does not work for a re-created row with the same id', async () => {
    const maya = await addSubscriber('maya@example.com');
    const link = (await createUnsubscribeFor(t.db, 'https://maya.example'))({ id: maya.id, email: 'someone-else@example.com' });
    const key = await getSigningKey(t.db);
    const found = await lookupUnsubscribeToken(t.db, key, new URL(link.url).searchParams.get('t'));
    expect(found.kind).not.toBe('valid');
  });
});
