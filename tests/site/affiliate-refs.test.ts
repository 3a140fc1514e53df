import { describe, expect, test } from 'vitest';
import { findComponentRefs, placementKind } from '../../src/site/affiliate-refs.ts';

describe('findComponentRefs', () => {
  test('finds ids, id arrays and link slugs in any quoting style', () => {
    const body = [
      '<ProductCard id="alpha" />',
      "<ProductGrid ids={['bravo', \"charlie\"]}/>",
      '<ComparisonTable ids={["alpha", "bravo"]} attributes={["weight", "core"]} />',
      '<BuyButton link={"alpha-amazon"} label="Buy > now" />',
      '<TopPick\n  id="delta"\n  label="Best for beginners"\n/>',
      '<ProsCons id="echo"/>',
    ].join('\n\n');
    expect(findComponentRefs(body).map((r) => `${r.component}.${r.attribute}=${r.value}:${r.kind}`)).toEqual([
      'ProductCard.id=alpha:product',
      'ProductGrid.ids=bravo:product',
      'ProductGrid.ids=charlie:product',
      'ComparisonTable.ids=alpha:product',
      'ComparisonTable.ids=bravo:product',
      'BuyButton.link=alpha-amazon:link',
      'TopPick.id=delta:product',
      'ProsCons.id=echo:product',
    ]);
  });

  test('ignores components shown as code and unrelated tags', () => {
    const body = 'Write `<BuyButton link="x" />` to add a button.\n\n```mdx\n<ProductCard id="y" />\n```\n\n<ProductCardigan id="z" /> <SignupForm />';
    expect(findComponentRefs(body)).toEqual([]);
  });
});

describe('placementKind', () => {
  test('turns a component name into the placement prefix', () => {
    expect(placementKind('ComparisonTable')).toBe('comparison-table');
    expect(placementKind('BuyButton')).toBe('buy-button');
  });
});
