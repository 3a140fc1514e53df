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

/**
 * The unsubscribe headers every email Perch sends carries: RFC 2369's link, and RFC 8058's
 * one-click flag when the link is https (the RFC allows one-click only over https; with an
 * http SITE_URL the start-up warns and mail clients fall back to opening the link).
 */
export function listUnsubscribeHeaders(url: string): Record<string, string> {
  const headers: Record<string, string> = { 'List-Unsubscribe': `<${url}>` };
  if (url.startsWith('https:')) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  return headers;
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
