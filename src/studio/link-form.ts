/**
 * The studio's link form: what a creator may submit, checked with zod, answered with a
 * message per field. Nothing is stored unless every field is right.
 */
import { z } from 'astro/zod';
import { NETWORKS } from '../site/content-schemas.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SUB_ID = /^[A-Za-z0-9_.-]+(=[A-Za-z0-9_.-]*\{clickId\}[A-Za-z0-9_.-]*)?$/;

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, { error: message })
    .transform((v) => v || null);

export const linkFormSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, { error: 'Paste the web address the link should open.' })
    .max(2000, { error: 'That address is longer than 2,000 characters.' })
    .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), { error: 'Use a full web address starting with https:// (or http://).' })
    .transform((v) => new URL(v).href),
  merchant: z.string().trim().min(1, { error: 'Name the shop, e.g. "Amazon".' }).max(60, { error: 'Keep the shop name under 60 characters.' }),
  network: z.enum(NETWORKS, { error: `Choose one of: ${NETWORKS.join(', ')}.` }),
  subIdParam: optionalText(100, 'Keep the sub-ID parameter under 100 characters.').refine((v) => v === null || SUB_ID.test(v), {
    error: 'Use a parameter name like "subid", or a template like "subid=perch-{clickId}".',
  }),
  endsAt: z
    .string()
    .trim()
    .max(40, { error: 'That is not a date.' })
    .transform((v, ctx) => {
      if (!v) return null;
      // datetime-local sends "2026-12-24T18:00" with no zone: the studio shows and reads UTC.
      const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);
      if (Number.isNaN(date.getTime())) ctx.addIssue({ code: 'custom', message: 'Use a date and time, like 2026-12-24 18:00.' });
      return date;
    }),
  fallback: optionalText(100, 'That fallback is too long.').refine((v) => v === null || v === 'home' || v === 'product' || SLUG.test(v), {
    error: 'Choose the home page, the product page or another link.',
  }),
  paused: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});

export const newLinkSchema = linkFormSchema.extend({
  slug: z
    .string()
    .trim()
    .min(1, { error: 'Give the link a short name for its address, e.g. "paddle-sale".' })
    .max(60, { error: 'Keep the short name under 60 characters.' })
    .regex(SLUG, { error: 'Use lowercase letters, digits and single dashes, e.g. "paddle-sale".' }),
});

export const versionSchema = z.coerce.number().int().min(0);

export type LinkFields = z.infer<typeof linkFormSchema>;
export type NewLinkFields = z.infer<typeof newLinkSchema>;
export type FieldErrors = Partial<Record<string, string>>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Parses a submitted form with a schema, keeping the first message of each field. */
export function parseForm<T>(schema: z.ZodObject & z.ZodType<T>, form: URLSearchParams): Parsed<T> {
  // A field left out of the post (an unchecked box, a script) reads as empty, like a blank input.
  const raw: Record<string, string> = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, '']));
  for (const [key, value] of form) raw[key] = value;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The raw values of a form, to show back what the creator typed next to the messages. */
export function formValues(form: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) values[key] = value.slice(0, 2000);
  return values;
}

/** Studio forms are small: anything over this is refused before it is read. */
export const FORM_LIMIT = 64 * 1024;
