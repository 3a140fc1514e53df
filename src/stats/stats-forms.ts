import type { Db } from '../../db/client.ts';
import { checkBrandReportInput, createBrandReport, revokeBrandReport } from './brand-reports.ts';
import { MEDIA_KIT_FIGURES, saveMediaKitSettings, type MediaKitFigure } from './media-kit.ts';
import type { Catalog } from './tables.ts';

export type FormOutcome = { ok: true; message: string; url?: string } | { ok: false; problems: string[] };

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
};

/**
 * The stats page's brand-report form: `action=create` (merchant, optional name, link slugs,
 * dates, expiry in days, conversions box) or `action=revoke` (id). Returns the report's URL
 * once on creation: only a hash of its token is stored.
 */
export async function handleBrandReportForm(db: Db, form: FormData, catalog: Catalog, siteUrl: string): Promise<FormOutcome> {
  if (text(form, 'action') === 'revoke') {
    const id = Number(text(form, 'id'));
    if (!Number.isInteger(id) || id <= 0) return { ok: false, problems: ['Which report? The form sent no report number.'] };
    return (await revokeBrandReport(db, id)) ? { ok: true, message: 'Revoked: its link now answers "page not found".' } : { ok: false, problems: [`There is no report ${id}.`] };
  }
  const merchant = text(form, 'merchant');
  const merchantLinks = [...catalog.links].filter(([, l]) => l.merchant === merchant).map(([slug]) => slug);
  const links = form.getAll('links').filter((v): v is string => typeof v === 'string' && merchantLinks.includes(v));
  const days = text(form, 'expires_days');
  const expiresDays = days ? Number(days) : null;
  const problems: string[] = [];
  if (expiresDays !== null && (!Number.isInteger(expiresDays) || expiresDays < 1 || expiresDays > 3650)) problems.push('Expiry: a whole number of days from 1 to 3650, or empty for never.');
  const input = {
    merchant,
    label: text(form, 'label'),
    links,
    from: text(form, 'from') || undefined,
    to: text(form, 'to') || undefined,
    showConversions: form.get('conversions') === 'on',
    expiresAt: expiresDays ? new Date(Date.now() + expiresDays * 86_400_000) : null,
  };
  problems.push(...checkBrandReportInput(input, new Set([...catalog.links.values()].map((l) => l.merchant))));
  if (problems.length) return { ok: false, problems };
  const { token } = await createBrandReport(db, input);
  return { ok: true, message: 'Created. Copy this link now: it is shown only once.', url: `${siteUrl.replace(/\/$/, '')}/r/${token}` };
}

/** The media-kit form: `enabled` and one checkbox per figure. */
export async function handleMediaKitForm(db: Db, form: FormData): Promise<FormOutcome> {
  const figures = form.getAll('figures').filter((f): f is MediaKitFigure => typeof f === 'string' && f in MEDIA_KIT_FIGURES);
  const enabled = form.get('enabled') === 'on';
  await saveMediaKitSettings(db, { enabled, figures });
  return { ok: true, message: enabled ? `The media kit is public at /media-kit/ with ${figures.length} figure(s).` : 'The media kit is off: /media-kit/ answers "page not found".' };
}
