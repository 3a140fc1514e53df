/**
 * Everything the bio page shows that does not depend on the moment of the request, computed
 * once per server process: content is static, so a request only filters entries by time.
 */
import { getCollection, getEntry } from 'astro:content';
import { buildShelf, listCategories, resolveBioEntries, type BioButton, type ShelfItem } from './bio.ts';
import type { Profile } from '../site/content-schemas.ts';
import { themeCss } from './bio-theme.ts';

export interface BioContent {
  profile: Profile;
  buttons: BioButton[];
  shelf: ShelfItem[];
  categories: string[];
  /** The profile's colours as CSS custom properties (light and dark). */
  themeCss: string;
}

let loaded: Promise<BioContent> | undefined;

/** The bio page's content, resolved once; a broken reference is a content bug and throws. */
export function loadBio(): Promise<BioContent> {
  loaded ??= readBio();
  return loaded;
}

async function readBio(): Promise<BioContent> {
  const profile = (await getEntry('profile', 'profile'))?.data;
  if (!profile) throw new Error('content/profile.yaml is missing: the bio page needs your name and avatar.');
  const bio = (await getEntry('bio', 'bio'))?.data ?? { entries: [], picks: [] };
  const products = await getCollection('products');
  const { buttons, problems: entryProblems } = resolveBioEntries(bio.entries, products);
  const { items: shelf, problems: shelfProblems } = buildShelf(bio.picks, products);
  const problems = [...entryProblems, ...shelfProblems];
  if (problems.length) throw new Error(`content/bio.yaml has problems:\n- ${problems.join('\n- ')}`);
  return { profile, buttons, shelf, categories: listCategories(shelf), themeCss: themeCss(profile.theme) };
}
