/**
 * The bio page as the studio stores it (table studio_bio): the entries and picks of
 * content/bio.yaml, each with a stable id. The id is the click placement (`bio:entry-<id>`,
 * `bio:shelf-<id>`), so reordering, adding and removing entries never moves another entry's
 * history in the stats. Content entries keep their file position as id; new ones get the next
 * unused number.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { studioBio } from '../../db/schema/studio.ts';
import { pickProduct, type BioEntry, type BioPick } from '../site/content-schemas.ts';

export interface BioDocEntry {
  id: number;
  title: string;
  /** A link slug (a merchant link, a bio URL's slug or a studio link) or a product id. */
  link?: string;
  product?: string;
  /** Plain URLs with their slug, as content/bio.yaml has them (kept from the file). */
  url?: string;
  slug?: string;
  icon?: string;
  highlight: boolean;
  /** ISO times. */
  showFrom?: string;
  showUntil?: string;
  /** Hidden entries stay in the list (and keep their id) but are not shown. */
  hidden: boolean;
}

export interface BioDocPick {
  id: number;
  product: string;
  hidden: boolean;
}

export interface BioDoc {
  entries: BioDocEntry[];
  picks: BioDocPick[];
  /** The highest ids ever given out, so a removed entry's id (and stats placement) is never reused. */
  lastEntryId: number;
  lastPickId: number;
}

/** content/bio.yaml as a document: ids are the file positions, as the placements always were. */
export function docFromContent(bio: { entries: readonly BioEntry[]; picks: readonly BioPick[] }): BioDoc {
  return {
    entries: bio.entries.map((e, i) => ({
      id: e.id ?? i + 1,
      title: e.title,
      ...(e.link && { link: e.link }),
      ...(e.product && { product: e.product }),
      ...(e.url && { url: e.url, slug: e.slug }),
      ...(e.icon && { icon: e.icon }),
      highlight: e.highlight,
      ...(e.showFrom && { showFrom: e.showFrom.toISOString() }),
      ...(e.showUntil && { showUntil: e.showUntil.toISOString() }),
      hidden: e.hidden ?? false,
    })),
    picks: bio.picks.map((pick, i) => ({ id: typeof pick === 'string' ? i + 1 : pick.id, product: pickProduct(pick), hidden: false })),
    lastEntryId: Math.max(bio.entries.length, ...bio.entries.map((e) => e.id ?? 0)),
    lastPickId: Math.max(bio.picks.length, ...bio.picks.map((p) => (typeof p === 'string' ? 0 : p.id))),
  };
}

/** The studio's saved bio document and its version, or null when the studio never saved one. */
export async function readBioDoc(db: Db): Promise<{ doc: BioDoc; version: number } | null> {
  const [row] = await db.select().from(studioBio).where(eq(studioBio.id, 1));
  if (!row) return null;
  const doc = { entries: JSON.parse(row.entries) as BioDocEntry[], picks: JSON.parse(row.picks) as BioDocPick[], lastEntryId: row.lastEntryId, lastPickId: row.lastPickId };
  return { doc, version: row.version };
}

/** The shown entries as content entries with their ids (dates parsed), in page order. */
export function visibleEntries(doc: BioDoc): (BioEntry & { id: number })[] {
  return doc.entries
    .filter((e) => !e.hidden)
    .map((e) => ({
      id: e.id,
      title: e.title,
      link: e.link,
      product: e.product,
      url: e.url,
      slug: e.slug,
      icon: e.icon,
      highlight: e.highlight,
      showFrom: e.showFrom ? new Date(e.showFrom) : undefined,
      showUntil: e.showUntil ? new Date(e.showUntil) : undefined,
      hidden: false,
    }));
}
