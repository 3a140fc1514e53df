// The RSS feed of public articles (same filter as every listing), newest first, with each
// article's full text; on demand, so a scheduled post is in it from its publish time.
import rss from '@astrojs/rss';
import { getSettings } from '../platform/server-settings.ts';
import { articleHtml } from '../site/article-html.ts';
import { describeArticle, getSiteContent, type PostEntry } from '../site/site-content.ts';

export const prerender = false;

export async function GET(): Promise<Response> {
  const { profile, posts, catalog } = await getSiteContent();
  // The disclosure goes before the article's first affiliate link in feed readers too.
  const disclosed = (post: PostEntry) => {
    const need = describeArticle(post, catalog).disclosure;
    return need.show ? `<p><em>${[profile.disclosure, need.amazon ? profile.amazonDisclosure : ''].join(' ').trim()}</em></p>` : '';
  };
  const { siteUrl } = getSettings();
  const self = new URL('/rss.xml', siteUrl).href;
  const changed = posts.map((p) => (p.data.updatedDate ?? p.data.publishDate).getTime());
  const lastBuild = new Date(changed.length ? Math.max(...changed) : Date.now());
  return rss({
    title: profile.name,
    description: profile.description ?? profile.tagline,
    site: siteUrl,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${profile.language}</language><lastBuildDate>${lastBuild.toUTCString()}</lastBuildDate><atom:link href="${self}" rel="self" type="application/rss+xml"/>`,
    items: await Promise.all(
      posts.map(async (post) => ({
        title: post.data.title,
        description: post.data.description,
        pubDate: post.data.publishDate,
        link: `/posts/${post.id}/`,
        categories: post.data.tags,
        content: disclosed(post) + (await articleHtml(post, siteUrl)),
      })),
    ),
  });
}
