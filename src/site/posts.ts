/**
 * Which articles are public, in what order, and under which tag URLs. Pure functions, so
 * every listing, the RSS feed and the sitemap agree on one rule.
 */

export interface PostDates {
  draft: boolean;
  publishDate: Date;
}

/** A post is public when it is not a draft and its publish date has come. */
export function isPublished(data: PostDates, now: Date = new Date()): boolean {
  return !data.draft && data.publishDate.getTime() <= now.getTime();
}

/** Newest first; ties keep the order they came in. */
export function sortNewestFirst<T extends { data: { publishDate: Date } }>(posts: readonly T[]): T[] {
  return [...posts].sort((a, b) => b.data.publishDate.getTime() - a.data.publishDate.getTime());
}

/** The URL segment for a tag: "Buying Guide" → "buying-guide". */
export function tagSlug(tag: string): string {
  return tag
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Every tag used by the given posts, by slug, with the posts that carry it (newest first). */
export function groupByTag<T extends { data: { tags: string[]; publishDate: Date } }>(
  posts: readonly T[],
): Map<string, { label: string; posts: T[] }> {
  const tags = new Map<string, { label: string; posts: T[] }>();
  for (const post of sortNewestFirst(posts)) {
    for (const label of post.data.tags) {
      const slug = tagSlug(label);
      if (!slug) continue;
      const group = tags.get(slug) ?? { label, posts: [] };
      if (!group.posts.includes(post)) group.posts.push(post);
      tags.set(slug, group);
    }
  }
  return tags;
}

/** The public posts at `now`, newest first: one rule for every listing, the feed and the sitemap. */
export function publishedAt<T extends { data: PostDates }>(posts: readonly T[], now: Date): T[] {
  return sortNewestFirst(posts.filter((p) => isPublished(p.data, now)));
}

/** The next moment after `now` at which a post becomes public, or undefined when none is scheduled. */
export function nextPublication(posts: readonly { data: PostDates }[], now: Date): Date | undefined {
  const times = posts.filter((p) => !p.data.draft && p.data.publishDate.getTime() > now.getTime()).map((p) => p.data.publishDate.getTime());
  return times.length ? new Date(Math.min(...times)) : undefined;
}
