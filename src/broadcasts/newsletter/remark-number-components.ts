// Numbers each product component by kind, in document order, as a `position` attribute, so
// a click says which button in which email earned it ("product-card:2") without the creator
// writing positions by hand.
const KINDS = new Set(['ProductCard', 'ProductGrid', 'TopPick', 'BuyButton', 'ProsCons', 'ComparisonTable']);

interface Node {
  type: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
}

/** remark plugin: adds `position="<n>"` to every product component that has none. */
export function remarkNumberComponents() {
  return (tree: Node) => {
    const seen = new Map<string, number>();
    const walk = (node: Node) => {
      const isJsx = node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
      if (isJsx && node.name && KINDS.has(node.name)) {
        const n = (seen.get(node.name) ?? 0) + 1;
        seen.set(node.name, n);
        const attributes = (node.attributes ??= []);
        if (!attributes.some((a) => a.name === 'position')) attributes.push({ type: 'mdxJsxAttribute', name: 'position', value: String(n) });
      }
      node.children?.forEach(walk);
    };
    walk(tree);
  };
}
