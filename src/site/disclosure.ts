/**
 * Decides which affiliate disclosure a page needs from the merchant links it renders:
 * none without affiliate links, the creator's disclosure with any, plus the Amazon
 * Associates sentence when one of them goes to Amazon (Amazon's operating agreement asks for it).
 */
import type { MerchantLink } from './content-schemas.ts';
import { affiliateNetworkOf, parseWebUrl } from './affiliate-hosts.ts';

export interface DisclosureNeed {
  show: boolean;
  amazon: boolean;
}

/** True for links in the Amazon Associates programme, by network or by destination host. */
export function isAmazonLink(link: Pick<MerchantLink, 'network' | 'url'>): boolean {
  if (link.network === 'amazon') return true;
  const url = parseWebUrl(link.url);
  return !!url && affiliateNetworkOf(url) === 'amazon';
}

/** The disclosure a page needs, given every merchant link it renders. */
export function getDisclosureNeed(links: ReadonlyArray<Pick<MerchantLink, 'network' | 'url'>>): DisclosureNeed {
  return { show: links.length > 0, amazon: links.some(isAmazonLink) };
}
