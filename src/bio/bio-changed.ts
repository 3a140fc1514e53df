/**
 * The studio saved the bio or a link in this process: the bio page's content is re-read on the
 * next request (load-bio.ts listens) and no cached bio page outlives the save. Kept apart from
 * load-bio.ts so the studio's modules load outside Astro too (the CLI, tests).
 */
import { BRIEF_PAGES, sharedPageCache } from '../site/page-cache.ts';

const LISTENER = Symbol.for('perch.bio-changed');

export function bioChanged(): void {
  (globalThis as { [LISTENER]?: () => void })[LISTENER]?.();
  sharedPageCache().forget(BRIEF_PAGES);
}

/** load-bio.ts: called on each save in this process. */
export function onBioChanged(listener: () => void): void {
  (globalThis as { [LISTENER]?: () => void })[LISTENER] = listener;
}
