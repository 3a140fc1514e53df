/**
 * The one place pages read content: loads the collections once, runs the cross-file checks
 * (a build with a content mistake stops here, naming the file and the field), and offers the
 * published-posts list every listing, the feed and the sitemap share — computed for the
 * moment of the request, so a scheduled post appears on time without a rebuild.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { getSettings } from '../platform/server-settings.ts';
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { findComponentRefs } from './affiliate-refs.ts';
import { buildCatalog, linksRenderedBy, productsRecommendedBy, type Catalog } from './catalog.ts';
import { checkBio, checkLinkSlugs, checkPost, checkPostFileNames, checkUnusedProducts, formatProblems } from './content-checks.ts';
import type { Profile } from './content-schemas.ts';
import { checkDateTexts } from './content-dates.ts';
import { getDisclosureNeed, type DisclosureNeed } from './disclosure.ts';
import { bodyAffiliateLinks } from './body-links.ts';
import { nextPublication, publishedAt } from './posts.ts';

export type PostEntry = CollectionEntry<'posts'>;

export interface SiteContent {
  profile: Profile;
  catalog: Catalog;
  /** Public posts at the moment asked for, newest first (drafts and future dates left out). */
  posts: PostEntry[];
  /** Every post that is not a draft, published or scheduled. */
  scheduled: PostEntry[];
  /** When the set of public posts changes next (a scheduled post's time), if ever. */
  nextChange?: Date;
}

type LoadedContent = Omit<SiteContent, 'posts' | 'nextChange'>;
let cached: Promise<LoadedContent> | undefined;

async function loadSiteContent(): Promise<LoadedContent> {
  const profileEntry = await getEntry('profile', 'profile');
  if (!profileEntry) throw new Error('content/profile.yaml is missing: copy it from the demo content and edit it.');
  const products = await getCollection('products');
  const allPosts = await getCollection('posts');
  const bio = await getEntry('bio', 'bio');
  const catalog = buildCatalog(products);
  const sources = [...allPosts, ...products, ...(bio ? [bio] : [])].map((entry) => ({ entry, text: readSource(entry.filePath) }));
  const postsDir = `${getSettings().contentDir}/posts`;
  const postFiles = existsSync(postsDir) ? readdirSync(postsDir, { recursive: true, encoding: 'utf8' }) : [];
  const problems = [
    ...checkPostFileNames(postFiles, postsDir),
    ...sources.flatMap(({ entry, text }) => (text && entry.filePath ? checkDateTexts(entry.filePath, text) : [])),
    ...checkLinkSlugs(products, bio?.data.entries),
    ...allPosts.flatMap((post) => checkPost({ ...post, bodyLine: bodyLineOf(post, sources) }, catalog)),
    ...(bio ? checkBio(bio, catalog) : []),
  ];
  if (problems.length) throw new Error(formatProblems(problems));
  const unused = checkUnusedProducts(catalog, allPosts, bio);
  if (unused.length) console.warn(formatProblems(unused).replace('problem', 'note'));
  return { profile: profileEntry.data, catalog, scheduled: allPosts.filter((p) => !p.data.draft) };
}

/** A content file's text, when the file is there to read (at build time it always is). */
function readSource(path: string | undefined): string | undefined {
  return path && existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** The line of the file an entry's body starts on, from the file's own text. */
function bodyLineOf(post: PostEntry, sources: { entry: { id: string }; text?: string }[]): number | undefined {
  const text = sources.find((s) => s.entry === post)?.text;
  const at = text && post.body ? text.indexOf(post.body) : -1;
  return at >= 0 ? text!.slice(0, at).split('\n').length : undefined;
}

/**
 * Content as public at `now` (default: this moment). Files are read once per process
 * (re-read on every request in `astro dev` so edits show up); only the filter runs per call.
 */
export async function getSiteContent(now: Date = new Date()): Promise<SiteContent> {
  if (import.meta.env.DEV || !cached) cached = loadSiteContent();
  const loaded = await cached;
  return { ...loaded, posts: publishedAt(loaded.scheduled, now), nextChange: nextPublication(loaded.scheduled, now) };
}

/** What an article's body renders: the disclosure it needs and the products it recommends. */
export function describeArticle(post: PostEntry, catalog: Catalog): { disclosure: DisclosureNeed; productIds: string[] } {
  const refs = findComponentRefs(post.body ?? '');
  const links = [...refs.flatMap((ref) => linksRenderedBy(ref, catalog)), ...bodyAffiliateLinks(post.body ?? '', catalog).flatMap((l) => (l.link ? [l.link] : []))];
  return { disclosure: getDisclosureNeed(links), productIds: productsRecommendedBy(post.data.products, refs, catalog) };
}
