/**
 * An article's body as HTML, for the RSS feed's full content: rendered with the same
 * components as the article page, via Astro's container API. Tracked links keep their /go/
 * addresses (made absolute), so a click from a feed reader is counted too.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { render } from 'astro:content';
import { loadRenderers } from 'astro:container';
import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import Nothing from './components/Nothing.astro';
import type { PostEntry } from './site-content.ts';
import BuyButton from './components/BuyButton.astro';
import ComparisonTable from './components/ComparisonTable.astro';
import ProductCard from './components/ProductCard.astro';
import ProductGrid from './components/ProductGrid.astro';
import ProsCons from './components/ProsCons.astro';
import TopPick from './components/TopPick.astro';
import BodyLink from './components/BodyLink.astro';

let container: Promise<AstroContainer> | undefined;

/** The body's HTML with every root-relative address made absolute against `siteUrl`. */
export async function articleHtml(post: PostEntry, siteUrl: string): Promise<string> {
  container ??= loadRenderers([getContainerRenderer()]).then((renderers) => AstroContainer.create({ renderers }));
  const { Content } = await render(post);
  const components = { a: BodyLink, ProductCard, ProductGrid, ComparisonTable, BuyButton, ProsCons, TopPick, SignupForm: Nothing };
  const html = await (await container).renderToString(Content, { props: { components }, request: new Request(new URL(`/posts/${post.id}/`, siteUrl)) });
  return html.replace(/(href|src)="\/(?!\/)/g, `$1="${siteUrl.replace(/\/$/, '')}/`);
}
