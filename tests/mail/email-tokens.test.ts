import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkConfirmToken, checkUnsubscribeToken, createConfirmToken, createUnsubscribeToken, getSigningKey, tokenSubscriberId } from '../../src/mail/email-tokens.ts';
import { listUnsubscribeHeaders, unsubscribeUrl } from '../../src/mail/email-links.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const maya = { id: 7, email: 'maya@example.com' };

describe('getSigningKey', () => {
  let t: TestDb;
  beforeEach(async () => (t = await createTestDb()));
  afterEach(() => t.cleanup());

  test('generates a key on first use, stores it, and returns the same key afterwards', async () => {
    const key = await getSigningKey(t.db);
    expect(key.length).toBeGreaterThanOrEqual(40);
    expect(await getSigningKey(t.db)).toBe(key);
    const other = await createTestDb();
    try {
      expect(await getSigningKey(other.db)).not.toBe(key);
    } finally {
      other.cleanup();
    }
  });
});

describe('confirmation tokens', () => {
  const now = Date.UTC(2026, 0, 1);
  test('are valid until they expire, then expired', () => {
    const token = createConfirmToken('k', maya, now + 1000);
    expect(tokenSubscriberId(token)).toBe(7);
    expect(checkConfirmToken('k', token, maya, now)).toBe('valid');
    expect(checkConfirmToken('k', token, maya, now + 1001)).toBe('expired');
  });

  test('are refused when tampered with, signed with another key, or for another row', () => {
    const token = createConfirmToken('k', maya, now + 1000);
    const [id, exp, sig] = token.split('.');
    const later = (parseInt(exp!, 36) + 10_000_000).toString(36);
    expect(checkConfirmToken('k', `${id}.${later}.${sig}`, maya, now)).toBe('invalid');
    expect(checkConfirmToken('other', token, maya, now)).toBe('invalid');
    expect(checkConfirmToken('k', token, { id: 7, email: 'someone@else.com' }, now)).toBe('invalid');
    expect(checkConfirmToken('k', token.replace(/^7\./, '8.'), { id: 8, email: maya.email }, now)).toBe('invalid');
  });
});

describe('unsubscribe links', () => {
  test('carry a token that verifies for its subscriber only', () => {
    const token = createUnsubscribeToken('k', maya);
    expect(checkUnsubscribeToken('k', token, maya)).toBe(true);
    expect(checkUnsubscribeToken('k', token, { id: 7, email: 'x@example.com' })).toBe(false);
    expect(checkUnsubscribeToken('k', `${token}x`, maya)).toBe(false);
  });

  test('build the RFC 8058 headers from the signed URL', () => {
    const url = unsubscribeUrl('https://maya.example', maya, 'k');
    expect(url).toMatch(/^https:\/\/maya\.example\/subscribe\/unsubscribe\?t=7\.[\w-]+$/);
    expect(listUnsubscribeHeaders(url)).toEqual({ 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  test('one-click (RFC 8058) only for an https link; an http one keeps the plain link', () => {
    const url = unsubscribeUrl('http://maya.example', maya, 'k');
    expect(listUnsubscribeHeaders(url)).toEqual({ 'List-Unsubscribe': `<${url}>` });
  });
});
