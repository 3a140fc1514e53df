/**
 * Checks that need more than one file: zod checks each file alone, these check that files
 * agree (a link slug used twice, an article or the bio page naming a product that does not
 * exist). Each problem names the file and the field, worded as advice for the creator.
 */
import { pickProduct, type BioEntry, type BioPick, type Post } from './content-schemas.ts';
import type { ContentProblem } from './content-problem.ts';
import { findComponentRefs, findComponentTags, KNOWN_COMPONENTS, type ComponentTag } from './affiliate-refs.ts';
import { bodyAffiliateLinks, untrackedLinkAdvice } from './body-links.ts';
import type { Catalog, ProductEntry } from './catalog.ts';
import { findIcon, iconNames } from './icons.ts';

export type { ContentProblem };

export interface PostToCheck {
  id: string;
  filePath?: string;
  body?: string;
  /** The file line the body starts on (after the frontmatter), so problems name real lines. */
  bodyLine?: number;
  data: Pick<Post, 'products'> & { draft?: boolean };
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

/**
 * The one check of tracked-link slugs: unique across products, and each fallback "product",
 * another link's slug or a bio URL's slug, never the link itself. (Bio slugs are checked
 * against these in checkBio.)
 */
export function checkLinkSlugs(products: readonly ProductEntry[], bioEntries: readonly BioEntry[] = []): ContentProblem[] {
  const owners = new Map<string, string>();
  const problems: ContentProblem[] = [];
  const bioSlugs = new Set(bioEntries.flatMap((e) => (e.url && e.slug ? [e.slug] : [])));
  for (const product of [...products].sort((a, b) => a.id.localeCompare(b.id))) {
    product.data.links.forEach((link, i) => {
      const file = fileOf(product, `content/products/${product.id}.yaml`);
      const owner = owners.get(link.slug);
      if (owner) {
        problems.push({ file, field: `links[${i}].slug`, message: `"${link.slug}" is already used by ${owner}. Each link needs its own slug: it becomes the tracked address /go/${link.slug}.` });
      } else owners.set(link.slug, `${file} (links[${i}])`);
      const known = (slug: string) => bioSlugs.has(slug) || products.some((p) => p.data.links.some((l) => l.slug === slug));
      if (link.fallback === link.slug) {
        problems.push({ file, field: `links[${i}].fallback`, message: `"${link.fallback}" is this link itself: fall back to "product" or another link's slug.` });
      } else if (link.fallback && link.fallback !== 'product' && !known(link.fallback)) {
        problems.push({ file, field: `links[${i}].fallback`, message: `"${link.fallback}" must be "product" or another link's slug.` });
      }
    });
  }
  return problems;
}

/** Every product an article names, in its frontmatter or in a component, must exist. */
export function checkPost(post: PostToCheck, catalog: Catalog): ContentProblem[] {
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
  return [...problems, ...checkBody(post, catalog, file)];
}

/** What the body itself says: components Perch has, table rows that exist, no untracked affiliate link. */
function checkBody(post: PostToCheck, catalog: Catalog, file: string): ContentProblem[] {
  const body = post.body ?? '';
  const at = (line: number) => `line ${line + (post.bodyLine ?? 1) - 1}`;
  const problems: ContentProblem[] = [];
  for (const tag of findComponentTags(body)) {
    if (!KNOWN_COMPONENTS.includes(tag.name)) {
      problems.push({ file, field: `<${tag.name}> (${at(tag.line)})`, message: `"${tag.name}" is not a component Perch has. Use one of: ${KNOWN_COMPONENTS.join(', ')}.` });
    } else if (tag.name === 'ComparisonTable') problems.push(...checkTableAttributes(tag, catalog, file, at(tag.line)));
  }
  for (const link of bodyAffiliateLinks(body, catalog)) {
    if (!link.slug || link.html) problems.push({ file, field: `link (${at(link.line)})`, message: untrackedLinkAdvice(link) });
  }
  return problems;
}

/** A table row names `price`, `rating` or a `specs` key one of its products has; a typo would draw a row of dashes. */
function checkTableAttributes(tag: ComponentTag, catalog: Catalog, file: string, where: string): ContentProblem[] {
  const products = (tag.attributes.ids ?? []).flatMap((id) => catalog.products.get(id) ?? []);
  const known = new Set(['price', 'rating', ...products.flatMap((p) => Object.keys(p.data.specs))]);
  return (tag.attributes.attributes ?? [])
    .filter((name) => !known.has(name))
    .map((name) => ({ file, field: `<ComparisonTable attributes> (${where})`, message: `"${name}" is not a row these products have. Use price, rating or one of their specs: ${listOf([...known].filter((k) => k !== 'price' && k !== 'rating'))}.` }));
}

/** Products nothing names (no article, no bio entry or pick, not featured): reachable only from the product list. */
export function checkUnusedProducts(catalog: Catalog, posts: readonly PostToCheck[], bio?: BioFile): ContentProblem[] {
  const used = new Set<string>();
  for (const post of posts) {
    post.data.products.forEach((id) => used.add(id));
    for (const ref of findComponentRefs(post.body ?? '')) used.add(ref.kind === 'product' ? ref.value : (catalog.links.get(ref.value)?.product.id ?? ''));
    for (const link of bodyAffiliateLinks(post.body ?? '', catalog)) if (link.slug) used.add(catalog.links.get(link.slug)!.product.id);
  }
  for (const entry of bio?.data.entries ?? []) used.add(entry.product ?? catalog.links.get(entry.link ?? '')?.product.id ?? entry.link ?? '');
  bio?.data.picks.forEach((pick) => used.add(pickProduct(pick)));
  return [...catalog.products.values()]
    .filter((p) => !used.has(p.id) && !p.data.featured)
    .map((p) => ({ file: fileOf(p, `content/products/${p.id}.yaml`), field: 'line 1', message: `"${p.id}" is not used by any article, the bio page or the featured picks; it is only listed on /products/.` }));
}

/** Bio entries and picks must name existing products and links; url entries' slugs must not clash with link slugs. */
export function checkBio(bio: BioFile, catalog: Catalog): ContentProblem[] {
  const file = fileOf(bio, 'content/bio.yaml');
  const problems: ContentProblem[] = [];
  const bioSlugs = new Map<string, number>();
  bio.data.entries.forEach((entry, i) => {
    if (entry.url && entry.slug) {
      const first = bioSlugs.get(entry.slug);
      if (first !== undefined) problems.push({ file, field: `entries[${i}].slug`, message: `"${entry.slug}" is already used by entries[${first}]; each link needs its own slug for /go/${entry.slug}.` });
      else bioSlugs.set(entry.slug, i);
    }
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

/** Articles are .mdx files; a .md file would be skipped without a word, so it is refused. */
export function checkPostFileNames(files: readonly string[], postsDir: string): ContentProblem[] {
  return files
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ file: `${postsDir}/${f}`, field: 'file name', message: 'Perch reads articles from .mdx files. Rename it to .mdx: plain Markdown is valid MDX (write < as &lt; and { as \\{).' }));
}
