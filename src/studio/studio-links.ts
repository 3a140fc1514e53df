/**
 * Tracked links as the studio sees them: every content link and studio link with its clicks
 * of the last 7 days, and the saves that change them. Each save raises the "links" change
 * counter in the same transaction, so every server's live catalog picks it up.
 */
import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { clicks } from '../../db/schema/clicks.ts';
import { studioChanges, studioLinks } from '../../db/schema/studio.ts';
import { layerCatalog, readOverrides, signalLinksChanged, type LinkOverride } from '../tracking/live-catalog.ts';
import { bioChanged } from '../bio/bio-changed.ts';
import type { CatalogLink, LinkCatalog } from '../tracking/link-catalog.ts';
import type { LinkFields, NewLinkFields } from './link-form.ts';

export type LinkOrigin = 'content' | 'studio' | 'override';

export interface StudioLinkRow {
  slug: string;
  link: CatalogLink;
  origin: LinkOrigin;
  merchant: string;
  paused: boolean;
  /** The content link under an override (to show what "revert" returns to). */
  content?: CatalogLink;
  version: number;
  clicks7d: number;
}

/** Merchant names of content links (the catalog itself carries none). */
export type MerchantNames = Record<string, string>;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function clicksBySlug(db: Db, since: Date): Promise<Map<string, number>> {
  const rows = await db
    .select({ slug: clicks.linkSlug, n: count() })
    .from(clicks)
    .where(gte(clicks.createdAt, since))
    .groupBy(clicks.linkSlug);
  return new Map(rows.map((r) => [r.slug, r.n]));
}

/** Every link, studio ones first, then by clicks of the last 7 days. */
export async function listLinks(db: Db, content: LinkCatalog, merchants: MerchantNames, now = new Date()): Promise<StudioLinkRow[]> {
  const rows = await db.select().from(studioLinks);
  const live = layerCatalog(content, rows);
  const counts = await clicksBySlug(db, new Date(now.getTime() - 7 * 86_400_000));
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const list = Object.values(live.links).map((link): StudioLinkRow => {
    const row = bySlug.get(link.slug);
    return {
      slug: link.slug,
      link,
      origin: row ? (row.kind === 'new' ? 'studio' : 'override') : 'content',
      merchant: row?.merchant ?? merchants[link.slug] ?? 'Link',
      paused: row?.paused ?? false,
      content: row?.kind === 'override' ? content.links[link.slug] : undefined,
      version: row?.version ?? 0,
      clicks7d: counts.get(link.slug) ?? 0,
    };
  });
  const rank = { studio: 0, override: 1, content: 2 };
  return list.sort((a, b) => rank[a.origin] - rank[b.origin] || b.clicks7d - a.clicks7d || a.slug.localeCompare(b.slug));
}

/** The redirects and the bio page (its buttons show links) pick up a save at once. */
function linksChanged(): void {
  signalLinksChanged();
  bioChanged();
}

async function bumpLinks(tx: Tx): Promise<void> {
  await tx
    .insert(studioChanges)
    .values({ key: 'links', version: 1 })
    .onConflictDoUpdate({ target: studioChanges.key, set: { version: sql`${studioChanges.version} + 1` } });
}

export type SaveResult = { ok: true; version: number } | { ok: false; status: 404 | 409 | 422; errors: Partial<Record<string, string>> };

/** Checks a fallback against the links that exist (no fallback to itself, to nowhere, or to a product it does not have). */
function checkFallback(slug: string, fields: LinkFields, live: LinkCatalog): string | null {
  const f = fields.fallback;
  if (!f || f === 'home') return null;
  if (f === 'product') return live.links[slug]?.productId ? null : 'Only a product link can fall back to its product page.';
  if (f === slug) return 'A link cannot fall back to itself.';
  return live.links[f] ? null : `There is no link "${f}".`;
}

/** Creates a studio link; refused when the slug is taken (by content or studio) or the fields disagree. */
export async function createLink(db: Db, content: LinkCatalog, fields: NewLinkFields, now = new Date()): Promise<SaveResult> {
  const result = await db.transaction(async (tx): Promise<SaveResult> => {
    const live = layerCatalog(content, await readOverrides(tx as unknown as Db));
    if (live.links[fields.slug]) return { ok: false, status: 422, errors: { slug: `"${fields.slug}" is already a link: choose another short name.` } };
    const fallback = checkFallback(fields.slug, fields, live);
    if (fallback) return { ok: false, status: 422, errors: { fallback } };
    await tx.insert(studioLinks).values({ ...fields, kind: 'new', productId: null, version: 1, createdAt: now, updatedAt: now });
    await bumpLinks(tx);
    return { ok: true, version: 1 };
  });
  if (result.ok) linksChanged();
  return result;
}

/**
 * Saves an edit of any link: a studio link's row, or an override of a content link. `version`
 * is the one the form was opened with: if someone saved since, nothing is written and 409 says so.
 */
export async function saveLink(db: Db, content: LinkCatalog, slug: string, fields: LinkFields, version: number, now = new Date()): Promise<SaveResult> {
  const result = await db.transaction(async (tx): Promise<SaveResult> => {
    const [row] = await tx.select().from(studioLinks).where(eq(studioLinks.slug, slug));
    const base = content.links[slug];
    if (!row && !base) return { ok: false, status: 404, errors: { form: `There is no link "${slug}".` } };
    if ((row?.version ?? 0) !== version) return { ok: false, status: 409, errors: { form: staleMessage } };
    const live = layerCatalog(content, await readOverrides(tx as unknown as Db));
    const fallback = checkFallback(slug, fields, live);
    if (fallback) return { ok: false, status: 422, errors: { fallback } };
    const next = version + 1;
    if (row) await tx.update(studioLinks).set({ ...fields, version: next, updatedAt: now }).where(and(eq(studioLinks.slug, slug), eq(studioLinks.version, version)));
    else await tx.insert(studioLinks).values({ ...fields, slug, kind: 'override', productId: base!.productId ?? null, version: next, createdAt: now, updatedAt: now });
    await bumpLinks(tx);
    return { ok: true, version: next };
  });
  if (result.ok) linksChanged();
  return result;
}

/** The answer to a save from a stale tab: nothing was written, and why. */
export const staleMessageFor = (what: string) =>
  `${what} was changed in another tab or on another device since you opened it. Your edit was not saved: reload to see the latest, then make your change again.`;
const staleMessage = staleMessageFor('This link');

/** Drops an override (the content file's link is live again) or deletes a studio link, if `version` is current. */
export async function removeLink(db: Db, slug: string, version: number): Promise<SaveResult> {
  const result = await db.transaction(async (tx): Promise<SaveResult> => {
    const [row] = await tx.select().from(studioLinks).where(eq(studioLinks.slug, slug));
    if (!row) return { ok: false, status: 404, errors: { form: `"${slug}" has no studio changes to revert.` } };
    if (row.version !== version) return { ok: false, status: 409, errors: { form: staleMessage } };
    await tx.delete(studioLinks).where(eq(studioLinks.slug, slug));
    await bumpLinks(tx);
    return { ok: true, version: 0 };
  });
  if (result.ok) linksChanged();
  return result;
}

export type { LinkOverride };
