// The RSS feed of public articles (same filter as every listing), newest first.
import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getSiteContent } from '../site/site-content.ts';

export async function GET(context: APIContext): Promise<Response> {
  const { profile, posts } = await getSiteContent();
  return rss({
    title: profile.name,
    description: profile.description ?? profile.tagline,
    site: context.site ?? context.url.origin,
    items: posts.map((post) => ({
      title: post.data.title,
      description: post.data.description,
      pubDate: post.data.publishDate,
      link: `/posts/${post.id}/`,
      categories: post.data.tags,
    })),
  });
}
