import type { Db } from '../../db/client.ts';
import { createConfirmToken, createUnsubscribeToken, getSigningKey, type TokenSubject } from './email-tokens.ts';

/** The page a subscriber opens to confirm; it only shows a button (scanners GET links). */
export function confirmUrl(siteUrl: string, subject: TokenSubject, key: string, expiresAt: number): string {
  return `${siteUrl}/subscribe/confirm?t=${createConfirmToken(key, subject, expiresAt)}`;
}

/**
 * The signed per-subscriber unsubscribe link. GET shows a page with one button; a POST
 * (RFC 8058 one-click, or that button) unsubscribes at once.
 */
export function unsubscribeUrl(siteUrl: string, subject: TokenSubject, key: string): string {
  return `${siteUrl}/subscribe/unsubscribe?t=${createUnsubscribeToken(key, subject)}`;
}

/** RFC 8058 headers every email Perch sends must carry. */
export function listUnsubscribeHeaders(url: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${url}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** A recipient's unsubscribe link and the headers that go with it. */
export type UnsubscribeFor = (subscriber: TokenSubject) => { url: string; headers: Record<string, string> };

/** Unsubscribe links for a batch send (broadcasts), signed with the list's one key. */
export async function createUnsubscribeFor(db: Db, siteUrl: string): Promise<UnsubscribeFor> {
  const key = await getSigningKey(db);
  return (subscriber) => {
    const url = unsubscribeUrl(siteUrl, subscriber, key);
    return { url, headers: listUnsubscribeHeaders(url) };
  };
}
