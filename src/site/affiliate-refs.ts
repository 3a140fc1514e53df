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

const names = Object.keys(COMPONENT_FIELDS).join('|');
// An opening tag whose attributes may hold quoted strings and {…} expressions containing ">".
const TAG = new RegExp(`<(${names})\\b((?:[^>"'{]|"[^"]*"|'[^']*'|\\{[^}]*\\})*)>`, 'g');
const ATTRIBUTE = /([A-Za-z]+)\s*=\s*("[^"]*"|'[^']*'|\{[^}]*\})/g;
const STRING = /"([^"]*)"|'([^']*)'|`([^`]*)`/g;

/** Code blocks and inline code show components as text, so they name nothing. */
function stripCode(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

function stringsIn(value: string): string[] {
  return [...value.matchAll(STRING)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** Every catalog reference in an MDX body, in the order they appear. */
export function findComponentRefs(body: string): ComponentRef[] {
  const refs: ComponentRef[] = [];
  for (const tag of stripCode(body).matchAll(TAG)) {
    const component = tag[1] as ComponentName;
    const fields: Record<string, 'product' | 'link'> = COMPONENT_FIELDS[component];
    for (const [, attribute, raw] of tag[2].matchAll(ATTRIBUTE)) {
      const kind = fields[attribute];
      if (!kind) continue;
      for (const value of stringsIn(raw)) refs.push({ component, attribute, kind, value });
    }
  }
  return refs;
}

/** Component names as written in an article ("ProductCard") → placement prefix ("product-card"). */
export function placementKind(component: string): string {
  return component.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();
}
