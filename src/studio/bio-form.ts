/**
 * The studio's bio editor form: every entry and pick of the page in one post, plus the
 * button that was pressed (move, remove, add, save). Checked with zod; messages per field
 * (`e3.showUntil`), and nothing is saved while one is wrong.
 */
import { z } from 'astro/zod';
import type { BioDoc, BioDocEntry, BioDocPick } from '../bio/bio-doc.ts';
import type { FieldErrors } from './link-form.ts';

/** What an entry may point at: `link:<slug>`, `product:<id>`, or `url:<slug>` (a file's URL entry, kept). */
export interface Targets {
  links: ReadonlySet<string>;
  products: ReadonlySet<string>;
}

const when = (label: string) =>
  z
    .string()
    .trim()
    .max(40, { error: `${label}: that is not a date.` })
    .transform((v, ctx) => {
      if (!v) return undefined;
      const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);
      if (Number.isNaN(date.getTime())) ctx.addIssue({ code: 'custom', message: 'Use a date and time, like 2026-12-24 18:00.' });
      return date.toISOString();
    });

const entrySchema = z
  .object({
    title: z.string().trim().min(1, { error: 'Give the button a title.' }).max(120, { error: 'Keep the title under 120 characters.' }),
    target: z.string().max(200),
    icon: z.string().trim().max(40, { error: 'Use an icon name or one emoji.' }),
    highlight: z.string(),
    hidden: z.string(),
    showFrom: when('Show from'),
    showUntil: when('Show until'),
  })
  .refine((e) => !e.showFrom || !e.showUntil || e.showUntil > e.showFrom, { error: 'The end must come after the start.', path: ['showUntil'] });

export type BioOp = { kind: 'save' } | { kind: 'up' | 'down' | 'remove'; key: string } | { kind: 'add-entry' } | { kind: 'add-pick' };

/** The pressed button's `op` value: `save`, `add-entry`, `add-pick`, or `up:e3`, `down:p2`, `remove:e4`. */
export function parseOp(value: string | null): BioOp {
  const m = /^(up|down|remove):([ep]\d{1,6})$/.exec(value ?? '');
  if (m) return { kind: m[1] as 'up' | 'down' | 'remove', key: m[2]! };
  return value === 'add-entry' || value === 'add-pick' ? { kind: value } : { kind: 'save' };
}

function field(form: URLSearchParams, prefix: string) {
  const get = (name: string) => form.get(`${prefix}.${name}`) ?? '';
  return { title: get('title'), target: get('target'), icon: get('icon'), highlight: get('highlight'), hidden: get('hidden'), showFrom: get('showFrom'), showUntil: get('showUntil') };
}

function parseEntry(form: URLSearchParams, prefix: string, id: number, before: BioDocEntry | undefined, targets: Targets, errors: FieldErrors): BioDocEntry | null {
  const parsed = entrySchema.safeParse(field(form, prefix));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[`${prefix}.${String(issue.path[0])}`] ??= issue.message;
    return null;
  }
  const e = parsed.data;
  const [kind, ref = ''] = e.target.split(/:(.*)/s);
  const base = { id, title: e.title, highlight: e.highlight === 'on', hidden: e.hidden === 'on', ...(e.icon && { icon: e.icon }), ...(e.showFrom && { showFrom: e.showFrom }), ...(e.showUntil && { showUntil: e.showUntil }) };
  if (kind === 'link' && targets.links.has(ref)) return { ...base, link: ref };
  if (kind === 'product' && targets.products.has(ref)) return { ...base, product: ref };
  if (kind === 'url' && before?.url && before.slug === ref) return { ...base, url: before.url, slug: before.slug };
  errors[`${prefix}.target`] = 'Choose one of your links or products.';
  return null;
}

function move<T>(list: T[], index: number, by: -1 | 1): void {
  const to = index + by;
  if (index < 0 || to < 0 || to >= list.length) return;
  [list[index], list[to]] = [list[to]!, list[index]!];
}

/**
 * The document the post asks for: the current one with every field as submitted, in the
 * submitted order, then the pressed button applied. New ids continue after the highest ever used.
 */
export function applyBioForm(current: BioDoc, form: URLSearchParams, targets: Targets): { ok: true; doc: BioDoc } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const entries: BioDocEntry[] = [];
  for (const before of current.entries) {
    const entry = parseEntry(form, `e${before.id}`, before.id, before, targets, errors);
    if (entry) entries.push(entry);
  }
  const picks: BioDocPick[] = current.picks.map((p) => ({ ...p, hidden: form.get(`p${p.id}.hidden`) === 'on' }));
  const op = parseOp(form.get('op'));
  if (op.kind === 'add-entry') {
    const id = current.lastEntryId + 1;
    const entry = parseEntry(form, 'new', id, undefined, targets, errors);
    if (entry) entries.push(entry);
  }
  if (op.kind === 'add-pick') {
    const product = form.get('newPick') ?? '';
    if (!targets.products.has(product)) errors.newPick = 'Choose a product.';
    else if (picks.some((p) => p.product === product)) errors.newPick = 'That product is already on the shelf.';
    else picks.push({ id: current.lastPickId + 1, product, hidden: false });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  if (op.kind === 'up' || op.kind === 'down' || op.kind === 'remove') {
    const list: { id: number }[] = op.key.startsWith('e') ? entries : picks;
    const index = list.findIndex((x) => x.id === Number(op.key.slice(1)));
    if (op.kind === 'remove') list.splice(index, index < 0 ? 0 : 1);
    else move(list, index, op.kind === 'up' ? -1 : 1);
  }
  const lastEntryId = Math.max(current.lastEntryId, ...entries.map((e) => e.id));
  const lastPickId = Math.max(current.lastPickId, ...picks.map((p) => p.id));
  return { ok: true, doc: { entries, picks, lastEntryId, lastPickId } };
}
