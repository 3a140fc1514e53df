/**
 * The one place pages read content: loads the collections, runs the cross-file checks (a
 * build with a content mistake stops here, naming the file and the field), and offers the
 * published-posts list every listing, the feed and the sitemap share.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { findComponentRefs } from './affiliate-refs.ts';
import { buildCatalog, linksRenderedBy, productsRecommendedBy, type Catalog } from './catalog.ts';
import { checkBio, checkLinkSlugs, checkPost, formatProblems } from './content-checks.ts';
import type { Profile } from './content-schemas.ts';
import { getDisclosureNeed, type DisclosureNeed } from './disclosure.ts';
import { isPublished, sortNewestFirst } from './posts.ts';

export type PostEntry = CollectionEntry<'posts'>;

export interface SiteContent {
  profile: Profile;
  catalog: Catalog;
  /** Public posts, newest first (drafts and future dates left out). */
  posts: PostEntry[];
}

let cached: Promise<SiteContent> | undefined;

async function loadSiteContent(): Promise<SiteContent> {
  const profileEntry = await getEntry('profile', 'profile');
  if (!profileEntry) throw new Error('content/profile.yaml is missing: copy it from the demo content and edit it.');
  const products = await getCollection('products');
  const allPosts = await getCollection('posts');
  const bio = await getEntry('bio', 'bio');
  const catalog = buildCatalog(products);
  const problems = [
    ...checkLinkSlugs(products, bio?.data.entries),
    ...allPosts.flatMap((post) => checkPost(post, catalog)),
    ...(bio ? checkBio(bio, catalog) : []),
  ];
  if (problems.length) throw new Error(formatProblems(problems));
  const now = new Date();
  return { profile: profileEntry.data, catalog, posts: sortNewestFirst(allPosts.filter((p) => isPublished(p.data, now))) };
}

/** Loaded once per build; re-read on every request in `astro dev` so edits show up. */
export function getSiteContent(): Promise<SiteContent> {
  if (import.meta.env.DEV || !cached) cached = loadSiteContent();
  return cached;
}

/** What an article's body renders: the disclosure it needs and the products it recommends. */
export function describeArticle(post: PostEntry, catalog: Catalog): { disclosure: DisclosureNeed; productIds: string[] } {
  const refs = findComponentRefs(post.body ?? '');
  const links = refs.flatMap((ref) => linksRenderedBy(ref, catalog));
  return { disclosure: getDisclosureNeed(links), productIds: productsRecommendedBy(post.data.products, refs, catalog) };
}
