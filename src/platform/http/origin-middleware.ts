// Perch's origin check in place of Astro's (security.checkOrigin is off in astro.config.mjs):
// the same rule, but it compares the browser's Origin with the protocol the client used,
// which behind a trusted https proxy is https (TRUST_PROXY).
import { defineMiddleware } from 'astro:middleware';
import { crossSiteResponse, isCrossSiteForm, isSafeMethod } from './origin-check.ts';
import { getClient } from '../server-settings.ts';

export const originCheck = defineMiddleware((context, next) => {
  if (context.isPrerendered || isSafeMethod(context.request.method)) return next();
  const { protocol } = getClient(context.request, peerOf(context));
  return isCrossSiteForm(context.request, protocol) ? crossSiteResponse(context.request) : next();
});

/** The socket's address; Astro throws when the connection is already gone. */
function peerOf(context: { clientAddress: string }): string {
  try {
    return context.clientAddress;
  } catch {
    return '';
  }
}
