import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { parseDocument, DomUtils } from 'htmlparser2';
import { beforeAll, describe, expect, test } from 'vitest';
import BuyButton from '../../../src/site/components/BuyButton.astro';
import ComparisonTable from '../../../src/site/components/ComparisonTable.astro';
import Disclosure from '../../../src/site/components/Disclosure.astro';
import ProductCard from '../../../src/site/components/ProductCard.astro';
import ProductGrid from '../../../src/site/components/ProductGrid.astro';
import ProsCons from '../../../src/site/components/ProsCons.astro';
import TopPick from '../../../src/site/components/TopPick.astro';

// Rendered against the real content/ (synced into .astro by the build): the sample product.
const ID = 'vantage-pro-16';
const PAGE = 'http://localhost/posts/some-article/';
let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

async function render(component: Parameters<AstroContainer['renderToString']>[0], props: Record<string, unknown>) {
  const html = await container.renderToString(component, { props, request: new Request(PAGE) });
  return { html, doc: parseDocument(html) };
}

function links(doc: ReturnType<typeof parseDocument>) {
  return DomUtils.findAll((el) => el.name === 'a' && (el.attribs.href ?? '').startsWith('/go/'), doc.children).map((a) => a.attribs);
}

function expectTracked(attribs: Record<string, string>, slug: string, placement: string) {
  const url = new URL(attribs.href, 'http://localhost');
  expect(url.pathname).toBe(`/go/${slug}`);
  expect(url.searchParams.get('src')).toBe('/posts/some-article/');
  expect(url.searchParams.get('pos')).toBe(placement);
  expect(attribs.rel).toBe('sponsored nofollow noopener');
  expect(attribs.target).toBeUndefined();
}

describe('ProductCard', () => {
  test('shows the product and one tracked button per merchant', async () => {
    const { html, doc } = await render(ProductCard, { id: ID });
    expect(html).toContain('Vantage Pro 16 Carbon Paddle');
    expect(html).toContain('$149');
    const buttons = links(doc);
    expect(buttons.map((b) => new URL(b.href, PAGE).pathname)).toEqual(['/go/vantage-pro-16-amazon', '/go/vantage-pro-16-direct']);
    for (const b of buttons) expectTracked(b, new URL(b.href, PAGE).pathname.slice(4), `product-card:${ID}`);
    expect(html).toContain(`href="/products/${ID}/"`);
  });
});

describe('ProductGrid', () => {
  test('numbers each tile in the placement and links its primary merchant', async () => {
    const { doc } = await render(ProductGrid, { ids: [ID, ID] });
    const buttons = links(doc);
    expect(buttons).toHaveLength(2);
    expectTracked(buttons[0], 'vantage-pro-16-amazon', 'product-grid:1');
    expectTracked(buttons[1], 'vantage-pro-16-amazon', 'product-grid:2');
  });
});

describe('ComparisonTable', () => {
  test('puts the chosen attributes in rows, reading price, rating and specs, with a buy row', async () => {
    const { html, doc } = await render(ComparisonTable, { ids: [ID], attributes: ['price', 'rating', 'weight', 'warranty'] });
    const rows = DomUtils.findAll((el) => el.name === 'tr', doc.children).map((tr) =>
      DomUtils.getChildren(tr).filter(DomUtils.isTag).map((cell) => DomUtils.textContent(cell).trim()).join(' '),
    );
    expect(rows).toContain('Price $149');
    expect(rows).toContain('Rating 4.6/5');
    expect(rows).toContain('Weight 8.1 oz');
    // An attribute the product does not have shows a dash, not a blank or a crash.
    expect(rows).toContain('Warranty –');
    expect(html).toContain('<table');
    expectTracked(links(doc)[0], 'vantage-pro-16-amazon', 'comparison-table:1');
  });
});

describe('BuyButton', () => {
  test('links one merchant by slug with the given label', async () => {
    const { html, doc } = await render(BuyButton, { link: 'vantage-pro-16-direct', label: 'Get it direct' });
    expect(html).toContain('Get it direct');
    expectTracked(links(doc)[0], 'vantage-pro-16-direct', 'buy-button:vantage-pro-16-direct');
  });
  test('names the merchant when no label is given', async () => {
    const { html } = await render(BuyButton, { link: 'vantage-pro-16-amazon' });
    expect(html).toContain('Check price at Amazon');
  });
  test('refuses an unknown slug instead of rendering a dead link', async () => {
    await expect(render(BuyButton, { link: 'no-such-link' })).rejects.toThrow(/no-such-link/);
  });
});

describe('TopPick', () => {
  test('shows the label and every merchant', async () => {
    const { html, doc } = await render(TopPick, { id: ID, label: 'Best for spin' });
    expect(html).toContain('Best for spin');
    const buttons = links(doc);
    expect(buttons).toHaveLength(2);
    expectTracked(buttons[0], 'vantage-pro-16-amazon', `top-pick:${ID}`);
  });
});

describe('ProsCons', () => {
  test('lists pros and cons and renders no affiliate link', async () => {
    const { html, doc } = await render(ProsCons, { id: ID });
    expect(html).toContain('Raw carbon face grabs the ball');
    expect(html).toContain('Grip runs thin for large hands');
    expect(links(doc)).toEqual([]);
  });
});

describe('Disclosure', () => {
  test('renders nothing when the page has no affiliate links', async () => {
    const { html } = await render(Disclosure, { need: { show: false, amazon: false } });
    expect(html).not.toContain('data-disclosure');
  });
  test("shows the profile's wording, with the Amazon sentence only when asked", async () => {
    const plain = await render(Disclosure, { need: { show: true, amazon: false } });
    expect(plain.html).toContain('Some links on this page are affiliate links');
    expect(plain.html).not.toContain('As an Amazon Associate');
    const amazon = await render(Disclosure, { need: { show: true, amazon: true } });
    expect(amazon.html).toContain('As an Amazon Associate I earn from qualifying purchases.');
  });
});
