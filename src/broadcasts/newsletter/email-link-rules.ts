/**
 * What a newsletter may link to, decided before it renders. Amazon's Associates rules do not
 * allow Amazon affiliate links in emails, so by default a product's Amazon links are left out
 * (its next merchant is used) and a link that can only go to Amazon is refused, with the
 * product page on the site as the alternative. A pasted affiliate link must be in the catalog
 * (it becomes /go/<slug>). The disclosure goes first, before any affiliate link.
 */
import { findComponentTags } from '../../site/affiliate-refs.ts';
import { bodyAffiliateLinks, untrackedLinkAdvice } from '../../site/body-links.ts';
import { buildCatalog, type Catalog } from '../../site/catalog.ts';
import type { MerchantLink, Product } from '../../site/content-schemas.ts';
import { getDisclosureNeed, isAmazonLink, type DisclosureNeed } from '../../site/disclosure.ts';

export interface EmailLinkRules {
  /** Problems that stop the email, one sentence each, with the line. */
  problems: string[];
  /** The products as the email shows them (without Amazon links unless allowed). */
  products: Map<string, Product>;
  /** Every merchant link by slug (all of them, for matching pasted links). */
  catalog: Catalog;
  disclosure: DisclosureNeed;
}

const ALLOW = 'If Amazon has allowed you in writing, add allowAmazonLinks: true to the email\'s frontmatter.';

function productPageAdvice(id: string, product: Product): string {
  return `Link the product page instead, [${product.name}](/products/${id}/): it carries the disclosure and the Amazon button. ${ALLOW}`;
}

/** Applies the rules to a newsletter body (`bodyLine`: the file line the body starts on). */
export function applyEmailLinkRules(body: string, all: Map<string, Product>, allowAmazon: boolean, bodyLine = 1): EmailLinkRules {
  const catalog = buildCatalog([...all].map(([id, data]) => ({ id, data })));
  const products = new Map([...all].map(([id, p]) => [id, allowAmazon ? p : { ...p, links: p.links.filter((l) => !isAmazonLink(l)) }]));
  const problems: string[] = [];
  const rendered: MerchantLink[] = [];
  const at = (line: number) => `line ${line + bodyLine - 1}`;
  for (const tag of findComponentTags(body)) {
    if (tag.name === 'BuyButton') {
      const found = catalog.links.get(tag.attributes.link?.[0] ?? '');
      if (found && !allowAmazon && isAmazonLink(found.link)) {
        const others = products.get(found.product.id)?.links.map((l) => `<BuyButton link="${l.slug}" />`) ?? [];
        problems.push(`<BuyButton link="${found.link.slug}"> (${at(tag.line)}) goes to Amazon, and Amazon's Associates rules do not allow Amazon affiliate links in emails. ${others.length ? `Use another merchant (${others.join(', ')}), or link` : 'Link'} the product page, [${found.product.data.name}](/products/${found.product.id}/). ${ALLOW}`);
      } else if (found) rendered.push(found.link);
      continue;
    }
    if (tag.name === 'ProsCons') continue;
    for (const id of [...(tag.attributes.id ?? []), ...(tag.attributes.ids ?? [])]) {
      const shown = products.get(id);
      if (!shown) continue; // Unknown ids are reported when the component renders.
      if (shown.links.length) rendered.push(shown.links[0]);
      else problems.push(`<${tag.name} id="${id}"> (${at(tag.line)}): ${shown.name} is sold only on Amazon, and Amazon's Associates rules do not allow Amazon affiliate links in emails. ${productPageAdvice(id, shown)}`);
    }
  }
  for (const link of bodyAffiliateLinks(body, catalog)) {
    if (!link.slug || link.html) problems.push(`${at(link.line)}: ${untrackedLinkAdvice(link)}`);
    else if (!allowAmazon && isAmazonLink(link.link!)) problems.push(`${at(link.line)}: ${link.href} is an Amazon link, and Amazon's Associates rules do not allow Amazon affiliate links in emails. ${productPageAdvice(catalog.links.get(link.slug)!.product.id, catalog.links.get(link.slug)!.product.data)}`);
    else rendered.push(link.link!);
  }
  return { problems, products, catalog, disclosure: getDisclosureNeed(rendered) };
}
