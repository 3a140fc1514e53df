import { z } from 'astro/zod';
import { BODY_LIMITS } from '../platform/http/limits.ts';
import { checkFormToken, type FormTokenCheck } from './form-token.ts';

export const MAX_FORM_BYTES = BODY_LIMITS['/subscribe'];

export type FieldErrors = Partial<Record<'email' | 'firstName' | 'form', string>>;

// Line breaks and other control characters are how header injection starts.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Trims and lower-cases the domain; the local part keeps its case (it may matter). */
export function normalizeEmail(raw: string): string {
  const email = raw.trim();
  const at = email.lastIndexOf('@');
  return at < 0 ? email : `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}

const emailField = z
  .string()
  .refine((v) => !CONTROL.test(v), { error: 'Please enter one email address, without line breaks.' })
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, { error: 'Please enter your email address.' })
      .max(254, { error: 'That email address is too long.' })
      .pipe(z.email({ error: 'That doesn’t look like an email address. Check for typos, like name@example.com.' })),
  );

const firstNameField = z
  .string()
  .transform((v) => v.trim())
  .refine((v) => !CONTROL.test(v), { error: 'Your first name can’t contain line breaks.' })
  .refine((v) => v.length <= 60, { error: 'Please keep your first name under 60 characters.' })
  .refine((v) => !/[<>@]|https?:/i.test(v), { error: 'Please enter just your first name.' });

/** What a person submits; the hidden fields are checked separately. */
export const signupSchema = z.object({
  email: emailField,
  firstName: firstNameField.optional().default(''),
});

export interface SignupInput {
  email: string;
  firstName: string;
  /** "form:<page>#<form>". */
  source: string;
}

export type ParsedSignup = { ok: true; input: SignupInput } | { ok: false; errors: FieldErrors };

function cleanSource(page: string | null, form: string | null): string {
  const path = page && /^\/[\w\-./%]{0,200}$/.test(page) ? page : '/subscribe/';
  const id = form && /^[a-z0-9-]{1,40}$/.test(form) ? form : 'signup';
  return `form:${path}#${id}`;
}

const TOKEN_ERRORS: Record<Exclude<FormTokenCheck, { ok: true }>['reason'], string> = {
  // A prebuilt page without JavaScript has no token: /subscribe/ answers with one.
  missing: 'One more step: please check your address and press “Sign up” again.',
  forged: 'The form was incomplete. Please reload the page and try again.',
  early: 'That was quicker than a person can type. Please wait a moment and send it again.',
  expired: 'This form was open for a long time. Please press “Sign up” again.',
};

/**
 * Validates a submitted signup form. Bot traps first: the honeypot field `website` must be
 * empty and the form's server-signed token (form-token.ts, signed with `key`) must be at
 * least MIN_FILL_MS old.
 */
export function parseSignupForm(form: URLSearchParams, key: string, now = Date.now()): ParsedSignup {
  if (form.get('website')) return { ok: false, errors: { form: 'Your sign-up could not be accepted. If you are a person, leave the “website” field empty.' } };
  const token = checkFormToken(key, form.get('form_token'), now);
  if (!token.ok) return { ok: false, errors: { form: TOKEN_ERRORS[token.reason] } };
  const parsed = signupSchema.safeParse({ email: form.get('email') ?? '', firstName: form.get('first_name') ?? '' });
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'firstName' ? 'firstName' : 'email';
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, input: { ...parsed.data, source: cleanSource(form.get('source'), form.get('form')) } };
}
