/**
 * Everything the bio page shows that does not depend on the moment of the request. Content
 * is static, so it is resolved once per process; the studio's saved bio (studio_bio) replaces
 * content/bio.yaml's entries and picks, and a save is picked up within a quarter second: a
 * request re-reads the studio's change counter at most that often, and the document only when
 * the counter moved.
 */
import { getCollection, getEntry } from 'astro:content';
import { buildShelf, listCategories, resolveBioEntries, type BioButton, type OtherLinks, type ShelfItem } from './bio.ts';
import type { Profile } from '../site/content-schemas.ts';
import { themeCss } from './bio-theme.ts';
import { docFromContent, readBioDoc, visibleEntries, type BioDoc } from './bio-doc.ts';
import { getDb } from '../platform/server-settings.ts';
import { onBioChanged } from './bio-changed.ts';
import { readChangeVersion, readOverrides } from '../tracking/live-catalog.ts';
import type { Network } from '../tracking/link-catalog.ts';

export interface BioContent {
  profile: Profile;
  buttons: BioButton[];
  shelf: ShelfItem[];
  categories: string[];
  /** The profile's colours as CSS custom properties (light and dark). */
  themeCss: string;
}

const CHECK_EVERY_MS = 250;
let current: { version: number; content: Promise<BioContent> } | undefined;
let checkedAt = 0;
let checking: Promise<void> | undefined;
onBioChanged(() => (checkedAt = 0));

/** The bio page's content: the files', or the studio's saved bio when there is one. */
export async function loadBio(): Promise<BioContent> {
  if (!current || Date.now() - checkedAt >= CHECK_EVERY_MS) await (checking ??= check().finally(() => (checking = undefined)));
  return current!.content;
}

async function check(): Promise<void> {
  const version = await readChangeVersion(getDb(), 'bio').catch(() => current?.version ?? 0);
  checkedAt = Date.now();
  if (current && current.version === version) return;
  const content = readBio();
  // A broken file must still fail loudly; a failed studio read keeps the last good page.
  current = { version, content: current ? content.catch(() => current!.content) : content };
}

/** The content files' bio document (what the studio starts from, and what "export" compares with). */
export async function loadContentBioDoc(): Promise<BioDoc> {
  const bio = (await getEntry('bio', 'bio'))?.data ?? { entries: [], picks: [] };
  return docFromContent(bio);
}

async function readBio(): Promise<BioContent> {
  const profile = (await getEntry('profile', 'profile'))?.data;
  if (!profile) throw new Error('content/profile.yaml is missing: the bio page needs your name and avatar.');
  const db = getDb();
  const saved = await readBioDoc(db).catch(() => null);
  const doc = saved?.doc ?? (await loadContentBioDoc());
  const products = await getCollection('products');
  const others: OtherLinks = new Map((await readOverrides(db).catch(() => [])).map((o) => [o.slug, o.network as Network]));
  const { buttons, problems: entryProblems } = resolveBioEntries(visibleEntries(doc), products, others);
  const { items: shelf, problems: shelfProblems } = buildShelf(doc.picks.filter((p) => !p.hidden), products);
  const problems = [...entryProblems, ...shelfProblems];
  if (problems.length && !saved) throw new Error(`content/bio.yaml has problems:\n- ${problems.join('\n- ')}`);
  if (problems.length) console.error(`The studio's bio page names links or products that are gone (left out):\n- ${problems.join('\n- ')}`);
  return { profile, buttons, shelf, categories: listCategories(shelf), themeCss: themeCss(profile.theme) };
}
