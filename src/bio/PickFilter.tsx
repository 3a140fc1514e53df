/**
 * Category chips for the "my picks" shelf. Each chip is a real link (`?category=…#picks`)
 * that the server answers with the shelf filtered, so it works without JavaScript; once
 * hydrated, a tap filters in place. Filtering is one generated CSS rule over the cards'
 * `data-cat` attributes, so the island never touches DOM it does not own.
 */
import { useState, type MouseEvent } from 'react';

export interface PickFilterProps {
  /** Category names in shelf order; a card's `data-cat` is `c<index>`. */
  categories: string[];
  /** The category the page was requested with, if any. */
  initial?: string;
}

function label(category: string): string {
  return category.charAt(0).toUpperCase() + category.slice(1);
}

export default function PickFilter({ categories, initial }: PickFilterProps) {
  const [active, setActive] = useState<string | undefined>(initial);
  const index = active === undefined ? -1 : categories.indexOf(active);

  function choose(event: MouseEvent<HTMLAnchorElement>, category?: string) {
    event.preventDefault();
    setActive(category);
    const url = new URL(window.location.href);
    if (category) url.searchParams.set('category', category);
    else url.searchParams.delete('category');
    // Keeps the chosen filter on reload and in a shared link, without a new history entry.
    window.history.replaceState(null, '', url);
  }

  const chip = (category: string | undefined, text: string) => (
    <a
      key={category ?? ''}
      className="chip"
      href={category ? `?category=${encodeURIComponent(category)}#picks` : '?#picks'}
      aria-current={active === category ? 'true' : undefined}
      onClick={(e) => choose(e, category)}
    >
      {text}
    </a>
  );

  return (
    <nav className="chips" aria-label="Filter picks by category">
      {chip(undefined, 'All')}
      {categories.map((c) => chip(c, label(c)))}
      {index >= 0 && <style>{`.shelf>li:not([data-cat="c${index}"]){display:none}`}</style>}
    </nav>
  );
}
