// Email-safe versions of the article product components: tables and inline styles only,
// every merchant link through /go/ with the email as the source.
import { Button, Column, Img, Link, Row, Section, Text } from '@react-email/components';
import type { Product } from '../../site/content-schemas.ts';
import { emailImagePath } from '../../mail/email-images.ts';
import { REL_SPONSORED } from '../../site/links.ts';
import { NewsletterContentError, useAbsolute, useGoHref, useNewsletter, findProduct } from './newsletter-context.ts';

/** Injected by remarkNumberComponents: the component's 1-based position among its kind. */
interface Positioned {
  position?: number | string;
}

const muted = { color: '#52525b', fontSize: '14px', lineHeight: '20px', margin: '4px 0' };

function BuyLink({ product, placement, label }: { product: Product; placement: string; label?: string }) {
  const href = useGoHref();
  const { accent } = useNewsletter();
  const link = product.links[0]!;
  return (
    <Button
      href={href(link.slug, placement)}
      rel={REL_SPONSORED}
      style={{ backgroundColor: accent, color: '#ffffff', borderRadius: '6px', padding: '10px 16px', fontSize: '15px', fontWeight: 600 }}
    >
      {label ?? `Check price at ${link.merchant}`}
    </Button>
  );
}

function ProductSummary({ product, placement }: { product: Product; placement: string }) {
  const abs = useAbsolute();
  return (
    <Row>
      <Column style={{ width: '96px', verticalAlign: 'top', paddingRight: '12px' }}>
        <Img src={abs(emailImagePath(product.image))} alt={product.imageAlt ?? product.name} width="96" height="96" style={{ borderRadius: '6px' }} />
      </Column>
      <Column style={{ verticalAlign: 'top' }}>
        <Text style={{ fontSize: '17px', fontWeight: 700, margin: '0 0 4px' }}>{product.name}</Text>
        <Text style={muted}>
          {[product.price, product.rating === undefined ? undefined : `${product.rating}/5`].filter(Boolean).join(' · ')}
        </Text>
        <Text style={{ ...muted, color: '#27272a' }}>{product.verdict}</Text>
        <BuyLink product={product} placement={placement} />
      </Column>
    </Row>
  );
}

const card = { border: '1px solid #e4e4e7', borderRadius: '8px', padding: '16px', margin: '16px 0' };

export function ProductCard({ id, position = 1 }: { id: string } & Positioned) {
  const product = findProduct(useNewsletter().products, 'ProductCard', id);
  return (
    <Section style={card}>
      <ProductSummary product={product} placement={`product-card:${position}`} />
    </Section>
  );
}

export function ProductGrid({ ids, position = 1 }: { ids: string[] } & Positioned) {
  // Stacked, not side by side: most followers read on a phone.
  const { products: all } = useNewsletter();
  const products = ids.map((id) => findProduct(all, 'ProductGrid', id));
  return (
    <Section style={card}>
      {products.map((product, i) => (
        <Section key={ids[i]} style={{ padding: i ? '16px 0 0' : '0' }}>
          <ProductSummary product={product} placement={`product-grid:${position}`} />
        </Section>
      ))}
    </Section>
  );
}

export function TopPick({ id, label = 'Top pick', position = 1 }: { id: string; label?: string } & Positioned) {
  const product = findProduct(useNewsletter().products, 'TopPick', id);
  const { accent } = useNewsletter();
  return (
    <Section style={{ ...card, border: `2px solid ${accent}` }}>
      <Text style={{ color: accent, fontSize: '13px', fontWeight: 700, textTransform: 'uppercase', margin: '0 0 8px' }}>{label}</Text>
      <ProductSummary product={product} placement={`top-pick:${position}`} />
    </Section>
  );
}

export function BuyButton({ link, label, position = 1 }: { link: string; label?: string } & Positioned) {
  const { products } = useNewsletter();
  const product = [...products.values()].find((p) => p.links.some((l) => l.slug === link));
  if (!product) throw new NewsletterContentError(`<BuyButton link="${link}"/>: no product in content/products has a link with that slug`);
  const chosen = { ...product, links: product.links.filter((l) => l.slug === link) };
  return (
    <Section style={{ margin: '16px 0' }}>
      <BuyLink product={chosen} placement={`buy-button:${position}`} label={label} />
    </Section>
  );
}

export function ProsCons({ id }: { id: string } & Positioned) {
  const product = findProduct(useNewsletter().products, 'ProsCons', id);
  const list = (title: string, items: string[], mark: string) => (
    <Column style={{ verticalAlign: 'top', width: '50%', paddingRight: '8px' }}>
      <Text style={{ fontWeight: 700, margin: '0 0 4px' }}>{title}</Text>
      {items.map((item) => (
        <Text key={item} style={muted}>
          {mark} {item}
        </Text>
      ))}
    </Column>
  );
  return (
    <Section style={card}>
      <Row>
        {list('Pros', product.pros, '+')}
        {list('Cons', product.cons, '–')}
      </Row>
    </Section>
  );
}

export function ComparisonTable({ ids, attributes, position = 1 }: { ids: string[]; attributes: string[] } & Positioned) {
  const { products: all } = useNewsletter();
  const products = ids.map((id) => findProduct(all, 'ComparisonTable', id));
  const href = useGoHref();
  const { accent } = useNewsletter();
  const cell = { borderBottom: '1px solid #e4e4e7', padding: '8px', fontSize: '14px', textAlign: 'left' as const };
  return (
    <Section style={{ margin: '16px 0' }}>
      <table width="100%" cellPadding={0} cellSpacing={0} role="presentation" style={{ borderCollapse: 'collapse' }}>
        <tbody>
          <tr>
            <th style={cell} />
            {products.map((p, i) => (
              <th key={ids[i]} style={cell}>
                {p.name}
              </th>
            ))}
          </tr>
          {attributes.map((attr) => (
            <tr key={attr}>
              <th style={{ ...cell, fontWeight: 400, color: '#52525b' }}>{attr}</th>
              {products.map((p, i) => (
                <td key={ids[i]} style={cell}>
                  {String(p.specs[attr] ?? '–')}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <td style={cell} />
            {products.map((p, i) => (
              <td key={ids[i]} style={cell}>
                <Link href={href(p.links[0]!.slug, `comparison-table:${position}`)} rel={REL_SPONSORED} style={{ color: accent, fontWeight: 600 }}>
                  {p.links[0]!.merchant}
                </Link>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </Section>
  );
}

/** Everything a newsletter may use without importing it, as in articles. */
export const productComponents = { ProductCard, ProductGrid, TopPick, BuyButton, ProsCons, ComparisonTable };
