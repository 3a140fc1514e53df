/**
 * Builds the site's own tracked path for a merchant link: `/go/<slug>?src=<page>&pos=<placement>`.
 * Every affiliate link rendered anywhere (articles, bio page, emails) goes through here.
 */
export interface ClickOrigin {
  /** The page path (e.g. "/posts/best-paddles/") or "email:<name>" for newsletters; null when unknown. */
  source?: string | null;
  /** Where on the page: a component and position, e.g. "product-card:2" or "bio:entry-3"; null when unknown. */
  placement?: string | null;
}

export const REL_SPONSORED = 'sponsored nofollow noopener';

export function goHref(slug: string, origin: ClickOrigin = {}, base = ''): string {
  const params = new URLSearchParams();
  if (origin.source) params.set('src', origin.source);
  if (origin.placement) params.set('pos', origin.placement);
  const query = params.toString();
  return `${base}/go/${encodeURIComponent(slug)}${query ? `?${query}` : ''}`;
}
