import { describe, expect, test } from 'vitest';
import { normalizeEmail, parseSignupForm } from '../../src/subscribers/signup-input.ts';
import { checkFormToken, mintFormToken } from '../../src/subscribers/form-token.ts';

const now = 1_800_000_000_000;
const key = 'test-signing-key';
const form = (fields: Record<string, string>) => new URLSearchParams({ form_token: mintFormToken(key, now - 5000), source: '/posts/x/', form: 'article-end', ...fields });

describe('normalizeEmail', () => {
  test('trims and lower-cases the domain but keeps the local part', () => {
    expect(normalizeEmail('  Maya.Lee@Example.COM ')).toBe('Maya.Lee@example.com');
  });
});

describe('parseSignupForm', () => {
  test('accepts a filled form and records the page and form as the source', () => {
    expect(parseSignupForm(form({ email: ' maya@EXAMPLE.com', first_name: ' Maya ' }), key, now)).toEqual({
      ok: true,
      input: { email: 'maya@example.com', firstName: 'Maya', source: 'form:/posts/x/#article-end' },
    });
  });

  test('falls back to a safe source when the hidden fields were tampered with', () => {
    const parsed = parseSignupForm(form({ email: 'a@example.com', source: 'javascript:alert(1)', form: '<b>' }), key, now);
    expect(parsed.ok && parsed.input.source).toBe('form:/subscribe/#signup');
  });

  test.each([
    ['an empty address', { email: '' }, 'email', /enter your email/],
    ['a malformed address', { email: 'maya@' }, 'email', /doesn’t look like an email/],
    ['an address without a dot in the domain', { email: 'maya@localhost' }, 'email', /doesn’t look like an email/],
    ['an overlong address', { email: `${'a'.repeat(250)}@example.com` }, 'email', /too long/],
    ['a header injection in the address', { email: 'maya@example.com\r\nBcc: all@example.com' }, 'email', /without line breaks/],
    ['a header injection in the name', { email: 'a@example.com', first_name: 'Maya\nBcc: x@example.com' }, 'firstName', /line breaks/],
    ['an overlong name', { email: 'a@example.com', first_name: 'M'.repeat(61) }, 'firstName', /under 60/],
    ['a link as the name', { email: 'a@example.com', first_name: 'http://spam.example' }, 'firstName', /just your first name/],
    ['a filled honeypot', { email: 'a@example.com', website: 'http://spam.example' }, 'form', /could not be accepted/],
    ['a form sent too fast', { email: 'a@example.com', form_token: mintFormToken(key, now - 400) }, 'form', /quicker than a person/],
    ['a form without its token', { email: 'a@example.com', form_token: '' }, 'form', /press “Sign up” again/],
    ['a client-made timestamp', { email: 'a@example.com', form_token: '', rendered_at: '1' }, 'form', /press “Sign up” again/],
    ['a token signed with another key', { email: 'a@example.com', form_token: mintFormToken('other-key', now - 5000) }, 'form', /reload the page/],
    ['a token with its time changed', { email: 'a@example.com', form_token: mintFormToken(key, now).replace(/^[^.]+/, (now - 5000).toString(36)) }, 'form', /reload the page/],
    ['a token older than 12 hours', { email: 'a@example.com', form_token: mintFormToken(key, now - 13 * 3600_000) }, 'form', /open for a long time/],
  ])('refuses %s with a message for the right field', (_, fields, field, message) => {
    const parsed = parseSignupForm(form(fields), key, now);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect((parsed.errors as Record<string, string>)[field]).toMatch(message);
  });
});

describe('checkFormToken', () => {
  test('accepts its own token between the fill time and 12 hours, and nothing else', () => {
    const token = mintFormToken(key, now);
    expect(checkFormToken(key, token, now + 1_499)).toEqual({ ok: false, reason: 'early' });
    expect(checkFormToken(key, token, now + 1_500)).toEqual({ ok: true });
    expect(checkFormToken(key, token, now + 12 * 3600_000)).toEqual({ ok: true });
    expect(checkFormToken(key, token, now + 12 * 3600_000 + 1)).toEqual({ ok: false, reason: 'expired' });
    expect(checkFormToken(key, `${token}.x`, now + 5_000)).toEqual({ ok: false, reason: 'forged' });
    expect(checkFormToken(key, null, now)).toEqual({ ok: false, reason: 'missing' });
  });
});
