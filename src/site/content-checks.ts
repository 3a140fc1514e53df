/**
 * Checks that need more than one file: zod checks each file alone, these check that files
 * agree (a link slug used twice, an article or the bio page naming a product that does not
 * exist). Each problem names the file and the field, worded as advice for the creator.
 */
import { pickProduct, type BioEntry, type BioPick, type Post } from './content-schemas.ts';
import { findComponentRefs } from './affiliate-refs.ts';
import type { Catalog, ProductEntry } from './catalog.ts';
import { findIcon, iconNames } from './icons.ts';

export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

export interface PostEntry {
  id: string;
  filePath?: string;
  body?: string;
  data: Pick<Post, 'products'>;
}

export interface BioFile {
  filePath?: string;
  data: { entries: BioEntry[]; picks: BioPick[] };
}

const fileOf = (entry: { filePath?: string }, fallback: string) => entry.filePath ?? fallback;

function listOf(ids: Iterable<string>): string {
  const all = [...ids].sort();
  return all.length > 8 ? `${all.slice(0, 8).join(', ')} … (${all.length} in all)` : all.join(', ') || 'none yet';
}

function unknownProduct(catalog: Catalog, id: string): string {
  return `"${id}" is not a product. Product ids are the file names in content/products/ (known: ${listOf(catalog.products.keys())}).`;
}

function unknownLink(catalog: Catalog, slug: string): string {
  return `"${slug}" is not a merchant link slug. Link slugs are the "slug" of a link under "links:" in content/products/ (known: ${listOf(catalog.links.keys())}).`;
}

/** Link slugs are the /go/<slug> URLs, so each must belong to one merchant link only. */
export function checkLinkSlugs(products: readonly ProductEntry[]): ContentProblem[] {
  const owners = new Map<string, string>();
  const problems: ContentProblem[] = [];
  for (const product of [...products].sort((a, b) => a.id.localeCompare(b.id))) {
    product.data.links.forEach((link, i) => {
      const file = fileOf(product, `content/products/${product.id}.yaml`);
      const owner = owners.get(link.slug);
      if (owner) {
        problems.push({ file, field: `links[${i}].slug`, message: `"${link.slug}" is already used by ${owner}. Each link needs its own slug: it becomes the tracked address /go/${link.slug}.` });
      } else owners.set(link.slug, `${file} (links[${i}])`);
      if (link.fallback && link.fallback !== 'product' && !products.some((p) => p.data.links.some((l) => l.slug === link.fallback))) {
        problems.push({ file, field: `links[${i}].fallback`, message: `"${link.fallback}" must be "product" or another link's slug.` });
      }
    });
  }
  return problems;
}

/** Every product an article names, in its frontmatter or in a component, must exist. */
export function checkPost(post: PostEntry, catalog: Catalog): ContentProblem[] {
  const file = fileOf(post, `content/posts/${post.id}.mdx`);
  const problems: ContentProblem[] = [];
  post.data.products.forEach((id, i) => {
    if (!catalog.products.has(id)) problems.push({ file, field: `products[${i}]`, message: unknownProduct(catalog, id) });
  });
  for (const ref of findComponentRefs(post.body ?? '')) {
    const known = ref.kind === 'product' ? catalog.products.has(ref.value) : catalog.links.has(ref.value);
    if (known) continue;
    const message = ref.kind === 'product' ? unknownProduct(catalog, ref.value) : unknownLink(catalog, ref.value);
    problems.push({ file, field: `<${ref.component} ${ref.attribute}>`, message });
  }
  return problems;
}

/** Bio entries and picks must name existing products and links; url entries' slugs must not clash with link slugs. */
export function checkBio(bio: BioFile, catalog: Catalog): ContentProblem[] {
  const file = fileOf(bio, 'content/bio.yaml');
  const problems: ContentProblem[] = [];
  bio.data.entries.forEach((entry, i) => {
    if (entry.product && !catalog.products.has(entry.product)) problems.push({ file, field: `entries[${i}].product`, message: unknownProduct(catalog, entry.product) });
    if (entry.link && !catalog.links.has(entry.link)) problems.push({ file, field: `entries[${i}].link`, message: unknownLink(catalog, entry.link) });
    // A word that names no icon would show as plain text on the button; an emoji is fine.
    if (entry.icon && /^[a-z][a-z0-9-]*$/i.test(entry.icon) && !findIcon(entry.icon)) {
      problems.push({ file, field: `entries[${i}].icon`, message: `"${entry.icon}" is not an icon Perch draws. Use one of: ${iconNames().join(', ')}, or an emoji.` });
    }
    if (entry.slug && catalog.links.has(entry.slug)) problems.push({ file, field: `entries[${i}].slug`, message: `"${entry.slug}" is already a merchant link slug in content/products/; pick another so /go/${entry.slug} stays unambiguous.` });
  });
  bio.data.picks.forEach((pick, i) => {
    const id = pickProduct(pick);
    if (!catalog.products.has(id)) problems.push({ file, field: `picks[${i}]`, message: unknownProduct(catalog, id) });
  });
  return problems;
}

/** One readable block for the build log, one line per problem. */
export function formatProblems(problems: readonly ContentProblem[]): string {
  const lines = problems.map((p) => `  ${p.file} → ${p.field}: ${p.message}`);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `Perch found ${count} in your content:\n${lines.join('\n')}`;
}
