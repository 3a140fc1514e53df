// Astro's middleware, in order: Perch's origin check (in place of Astro's, which cannot see the
// protocol a trusted proxy received), then the page cache that makes scheduled posts appear on
// time without a rebuild.
import { sequence } from 'astro:middleware';
import { originCheck } from './platform/http/origin-middleware.ts';
import { scheduledPageCache } from './site/page-cache-middleware.ts';

export const onRequest = sequence(originCheck, scheduledPageCache);
