import { isbot } from 'isbot';
import { memoize } from '../platform/memo.ts';

/** Why a hit on /go/ or a page view is not counted (it is still answered). */
export type FilterReason = 'bot' | 'preview' | 'head' | 'prefetch';

/** Reads one request header, lower-case name; works for Node's and the Fetch API's headers. */
export type HeaderReader = (name: string) => string | null | undefined;

// Link-preview fetchers unfurl a shared link; some of them are not in isbot's list, or
// pose as a browser with a marker of their own.
// Words only a fetcher uses: an app's own in-app browser (Snapchat, Teams, LinkedInApp)
// must not match, or a follower's real tap would be thrown away.
const PREVIEW_AGENTS =
  /slackbot|slack-imgproxy|facebookexternalhit|facebookcatalog|facebot|meta-externalagent|twitterbot|discordbot|whatsapp\/|telegrambot|linkedinbot|skypeuripreview|iframely|embedly|pinterestbot|redditbot|mastodon\/|pleroma|misskey\/|akkoma|bluesky cardyb|cardyb\/|vkshare|google-pagerenderer|bitlybot|outbrain|nuzzel|quora link preview|zoominfobot|microsoftpreview|kakaotalk-scrap|embed\.ly/i;

/**
 * Classifies a hit: `null` means a person's click or view that counts. HEAD requests are
 * generally from bots or link checkers; prefetches and prerenders are the browser guessing,
 * not the follower choosing.
 */
export function classifyHit(method: string, header: HeaderReader): FilterReason | null {
  if (method === 'HEAD') return 'head';
  if (isPrefetch(header)) return 'prefetch';
  return classifyUserAgent(header('user-agent') ?? '');
}

// Real traffic repeats a few hundred user agents and isbot's pattern is long: each answer is remembered.
const classifyUserAgent = memoize((ua): FilterReason | null =>
  // iMessage's preview fetcher poses as Facebook's and Twitter's bots at once.
  PREVIEW_AGENTS.test(ua) ? 'preview' : !ua.trim() || isbot(ua) ? 'bot' : null,
);

const PURPOSE_HEADERS = ['sec-purpose', 'purpose', 'x-purpose', 'x-moz'];

function isPrefetch(header: HeaderReader): boolean {
  for (const name of PURPOSE_HEADERS) {
    const value = header(name);
    if (value && /prefetch|prerender|preview/i.test(value)) return true;
  }
  return false;
}
