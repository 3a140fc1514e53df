/**
 * Finds the recommendation components an MDX article uses and the products and merchant
 * links they name, by reading the article's source. The build uses this to decide, before
 * the body renders, whether a page needs the affiliate disclosure, and to reject an article
 * that names a product or link that does not exist.
 */

/** The MDX components that name catalog entries, and the attribute(s) that do the naming. */
export const COMPONENT_FIELDS = {
  ProductCard: { id: 'product' },
  ProductGrid: { ids: 'product' },
  ComparisonTable: { ids: 'product' },
  BuyButton: { link: 'link' },
  ProsCons: { id: 'product' },
  TopPick: { id: 'product' },
} as const satisfies Record<string, Record<string, 'product' | 'link'>>;

export type ComponentName = keyof typeof COMPONENT_FIELDS;

/** One catalog reference found in an article body, e.g. `<ProductCard id="x"/>` → id "x". */
export interface ComponentRef {
  component: ComponentName;
  /** The attribute that named it: "id", "ids" or "link". */
  attribute: string;
  kind: 'product' | 'link';
  value: string;
}

/** Every component an article may use without importing it. */
export const KNOWN_COMPONENTS = [...Object.keys(COMPONENT_FIELDS), 'SignupForm'];

// An opening tag whose attributes may hold quoted strings and {…} expressions containing ">".
const TAG = /<([A-Z][A-Za-z0-9]*)\b((?:[^>"'{]|"[^"]*"|'[^']*'|\{[^}]*\})*)>/g;
const ATTRIBUTE = /([A-Za-z]+)\s*=\s*("[^"]*"|'[^']*'|\{[^}]*\})/g;
const STRING = /"([^"]*)"|'([^']*)'|`([^`]*)`/g;

/** Code blocks and inline code show components as text, so they name nothing (lines are kept). */
export function blankCode(body: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank).replace(/`[^`\n]*`/g, blank);
}

function stringsIn(value: string): string[] {
  return [...value.matchAll(STRING)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** One component tag in a body: its name, its attributes' string values, and its 1-based line. */
export interface ComponentTag {
  name: string;
  attributes: Record<string, string[]>;
  line: number;
}

/** Every capitalised (component) tag in an MDX body, in order, outside code. */
export function findComponentTags(body: string): ComponentTag[] {
  const text = blankCode(body);
  return [...text.matchAll(TAG)].map((tag) => ({
    name: tag[1],
    attributes: Object.fromEntries([...tag[2].matchAll(ATTRIBUTE)].map(([, name, raw]) => [name, stringsIn(raw)])),
    line: text.slice(0, tag.index).split('\n').length,
  }));
}

/** Every catalog reference in an MDX body, in the order they appear. */
export function findComponentRefs(body: string): ComponentRef[] {
  const refs: ComponentRef[] = [];
  for (const tag of findComponentTags(body)) {
    if (!(tag.name in COMPONENT_FIELDS)) continue;
    const component = tag.name as ComponentName;
    const fields: Record<string, 'product' | 'link'> = COMPONENT_FIELDS[component];
    for (const [attribute, values] of Object.entries(tag.attributes)) {
      const kind = fields[attribute];
      if (kind) for (const value of values) refs.push({ component, attribute, kind, value });
    }
  }
  return refs;
}

/** Component names as written in an article ("ProductCard") → placement prefix ("product-card"). */
export function placementKind(component: string): string {
  return component.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();
}
