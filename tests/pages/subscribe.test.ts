import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDb, type Db } from '../../db/client.ts';
import { emailQueue } from '../../db/schema/email.ts';
import { subscribers } from '../../db/schema/subscribers.ts';
import { linkIn, mailTo, postForm, readOutbox, signupFields, withFormToken } from '../support/email.ts';
import { getSigningKey } from '../../src/mail/email-tokens.ts';
import { mintFormToken } from '../../src/subscribers/form-token.ts';
import { waitFor, waitForMailQueueSettled } from '../support/wait.ts';
import { startFakeResend, type FakeResend } from '../support/fake-resend.ts';
import { startServer, type RunningServer } from '../support/server.ts';

/** Posts a signup form as a page with a fill-time token would (one signed with the server's key). */
async function signUp(server: RunningServer, fields: Record<string, string>, headers?: Record<string, string>, path = '/subscribe/'): Promise<Response> {
  const db = createDb(server.databaseUrl);
  try {
    return await postForm(`${server.url}${path}`, await withFormToken(db, fields), headers);
  } finally {
    db.$client.close();
  }
}

describe('signup over HTTP, sending through Resend', () => {
  let resend: FakeResend;
  let server: RunningServer;
  let db: Db;
  beforeAll(async () => {
    resend = await startFakeResend();
    server = await startServer({ RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url, EMAIL_FROM: 'maya@kitchenline.example' });
    db = createDb(server.databaseUrl);
  });
  afterAll(async () => {
    db.$client.close();
    await server.stop();
    await resend.close();
  });
  const subscribe = (fields: Record<string, string>, headers?: Record<string, string>, path?: string) => signUp(server, fields, headers, path);
  const statusOf = async (email: string) => (await db.select().from(subscribers).where(eq(subscribers.email, email)))[0]?.status;

  test.each([
    ['a malformed address', signupFields('maya@'), 400, /doesn’t look like an email address/],
    ['an address with a header injection', signupFields('maya@example.com\r\nBcc: everyone@example.com'), 400, /without line breaks/],
    ['a name with a header injection', signupFields('maya@example.com', { first_name: 'Maya\r\nBcc: x@example.com' }), 400, /line breaks/],
    ['an overlong address', signupFields(`${'m'.repeat(260)}@example.com`), 400, /too long/],
    ['a filled honeypot', signupFields('maya@example.com', { website: 'https://spam.example' }), 400, /could not be accepted/],
    ['a form sent too fast', signupFields('maya@example.com', { form_token: 'just now' }), 400, /quicker than a person/],
    ['a form whose token was made up (rendered_at=1 no longer counts)', signupFields('maya@example.com', { rendered_at: '1', form_token: `${(Date.now() - 60_000).toString(36)}.forged` }), 400, /reload the page/],
    ['a form whose token is older than 12 hours', signupFields('maya@example.com', { form_token: 'long ago' }), 400, /open for a long time/],
    ['an oversized form', signupFields('maya@example.com', { first_name: 'x'.repeat(20_000) }), 413, /too large/],
  ])('refuses %s with a message a person understands, stores nothing and sends nothing', async (_, fields, status, message) => {
    // Tokens are made when the test runs (with the server's key), not when the table is built.
    const ago = { 'just now': 300, 'long ago': 13 * 3600_000 }[fields.form_token ?? ''];
    const response = await subscribe(ago ? { ...fields, form_token: mintFormToken(await getSigningKey(db), Date.now() - ago) } : fields);
    expect(response.status).toBe(status);
    const html = await response.text();
    expect(html).toMatch(message);
    expect(await db.select().from(subscribers)).toHaveLength(0);
    expect(resend.requests).toHaveLength(0);
  });

  test('a refused form comes back with the error next to the field and the input kept', async () => {
    const html = await (await subscribe(signupFields('maya@example', { first_name: 'Maya' }))).text();
    expect(html).toMatch(/<input[^>]*name="email"[^>]*value="maya@example"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/id="signup-article-end-email-error"[^>]*>That doesn’t look like an email address/);
    expect(html).toMatch(/name="first_name"[^>]*value="Maya"/);
    expect(html).toContain('name="source" value="/posts/test/"');
  });

  test('a form from a prebuilt page without JavaScript (no token) comes back with one, and the second press signs up', async () => {
    const first = await postForm(`${server.url}/subscribe/`, signupFields('nojs@example.com'));
    expect(first.status).toBe(400);
    const html = await first.text();
    expect(html).toContain('One more step: please check your address and press “Sign up” again.');
    expect(html).toMatch(/name="email"[^>]*value="nojs@example.com"/);
    const token = /name="form_token" value="([^"]+)"/.exec(html)?.[1];
    expect(token).toMatch(/^[0-9a-z]+\.[\w-]+$/);
    expect(await statusOf('nojs@example.com')).toBeUndefined();
    // The person reads the message and presses again: the fill time is what is being tested.
    await new Promise((r) => setTimeout(r, 1_600));
    expect((await postForm(`${server.url}/subscribe/`, signupFields('nojs@example.com', { form_token: token! }))).status).toBe(303);
    expect(await statusOf('nojs@example.com')).toBe('pending');
  });

  test('GET /api/form-token mints a token that is refused at once and accepted after the fill time', async () => {
    const response = await fetch(`${server.url}/api/form-token`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token, minFillMs } = (await response.json()) as { token: string; minFillMs: number };
    expect(minFillMs).toBe(1_500);
    const early = await postForm(`${server.url}/api/subscribe`, signupFields('quick@example.com', { form_token: token }), { accept: 'application/json' });
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({ errors: { form: expect.stringMatching(/quicker than a person/) } });
    await new Promise((r) => setTimeout(r, minFillMs + 100));
    expect((await postForm(`${server.url}/api/subscribe`, signupFields('quick@example.com', { form_token: token }), { accept: 'application/json' })).status).toBe(200);
  });

  test('the JSON endpoint answers the same refusals as JSON', async () => {
    const response = await subscribe(signupFields('nope'), { accept: 'application/json' }, '/api/subscribe');
    expect(response.status).toBe(400);
    const email = expect.stringMatching(/doesn’t look like an email/);
    expect(await response.json()).toEqual({ ok: false, error: email, errors: { email } });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  test('a POST from another site is refused by the origin check', async () => {
    const response = await subscribe(signupFields('maya@example.com'), { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });

  test('signing up twice looks the same and sends one confirmation, with the unsubscribe headers', async () => {
    const first = await subscribe(signupFields('twice@Example.com', { first_name: 'Tia' }));
    const second = await subscribe(signupFields('twice@example.COM'));
    for (const r of [first, second]) {
      expect(r.status).toBe(303);
      expect(r.headers.get('location')).toBe('/subscribe/thanks/');
    }
    const [mail] = await resend.waitForEmails(1);
    await waitForMailQueueSettled(db);
    expect(mailTo(resend.emails, 'twice@example.com')).toHaveLength(1);
    expect(mail).toMatchObject({ from: '"Maya at Kitchen Line" <maya@kitchenline.example>', subject: 'Confirm your subscription to Maya at Kitchen Line' });
    const unsubscribe = linkIn(mail!.html!, '/subscribe/unsubscribe?t=');
    expect(unsubscribe.startsWith(`${server.url}/subscribe/unsubscribe?t=`)).toBe(true);
    // The test server's SITE_URL is http: RFC 8058's one-click flag needs https, so only the link goes.
    expect(mail!.headers).toEqual({ 'List-Unsubscribe': `<${unsubscribe}>` });
    expect(mail!.text).toContain('/subscribe/confirm?t=');
    const [row] = await db.select().from(subscribers).where(eq(subscribers.email, 'twice@example.com'));
    expect(row).toMatchObject({ status: 'pending', firstName: 'Tia', source: 'form:/posts/test/#article-end' });
  });

  test('mail scanners fetching the confirmation link confirm nobody; the button does', async () => {
    await subscribe(signupFields('scanned@example.com'));
    const mail = await waitFor(() => mailTo(resend.emails, 'scanned@example.com')[0]);
    const link = linkIn(mail.html!, '/subscribe/confirm?t=');
    for (const agent of ['Mozilla/5.0 (compatible; Barracuda Sentinel)', 'Microsoft Office/16.0 SafeLinks', 'Mozilla/5.0 (iPhone) Mobile Safari']) {
      const page = await fetch(link, { headers: { 'user-agent': agent } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Yes, subscribe me');
    }
    expect((await fetch(link, { method: 'HEAD' })).status).toBeLessThan(500);
    expect(await statusOf('scanned@example.com')).toBe('pending');

    const token = new URL(link).searchParams.get('t')!;
    const confirm = await postForm(link, { t: token });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe('/subscribe/confirmed/');
    expect(await statusOf('scanned@example.com')).toBe('confirmed');
    await postForm(link, { t: token });
    await waitFor(() => mailTo(resend.emails, 'scanned@example.com').length === 2);
    await waitForMailQueueSettled(db);
    expect(mailTo(resend.emails, 'scanned@example.com').map((m) => m.subject)).toEqual([
      'Confirm your subscription to Maya at Kitchen Line',
      'Welcome to Maya at Kitchen Line’s list',
    ]);
    expect(mailTo(resend.emails, 'scanned@example.com')[1]!.html).toContain(`${server.url}/downloads/paddle-checklist.pdf`);
  });

  test('a tampered or foreign confirmation link is refused without changing anything', async () => {
    await subscribe(signupFields('tamper@example.com'));
    const mail = await waitFor(() => mailTo(resend.emails, 'tamper@example.com')[0]);
    const link = new URL(linkIn(mail.html!, '/subscribe/confirm?t='));
    const token = link.searchParams.get('t')!;
    const forged = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await fetch(`${server.url}/subscribe/confirm?t=${forged}`)).status).toBe(400);
    expect((await postForm(`${server.url}/subscribe/confirm?t=${forged}`, { t: forged })).status).toBe(400);
    expect((await fetch(`${server.url}/subscribe/confirm?t=garbage`)).status).toBe(400);
    expect(await statusOf('tamper@example.com')).toBe('pending');
  });

  test('one-click unsubscribe: a POST without Origin (as mail apps send it) unsubscribes and answers 200', async () => {
    await subscribe(signupFields('oneclick@example.com'));
    const mail = await waitFor(() => mailTo(resend.emails, 'oneclick@example.com')[0]);
    const url = mail.headers!['List-Unsubscribe']!.slice(1, -1);
    const body = new FormData();
    body.set('List-Unsubscribe', 'One-Click');
    const response = await fetch(url, { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(await statusOf('oneclick@example.com')).toBe('unsubscribed');
    const forged = url.slice(0, -2) + (url.endsWith('xx') ? 'yy' : 'xx');
    const refused = await fetch(forged, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(refused.status).toBe(400);
  });

  test('Resend answering 500 then 429: the signup is kept at once and the mail arrives once, later', async () => {
    resend.failNext(1, { status: 500 });
    resend.failNext(1, { status: 429, retryAfter: 1 });
    const before = resend.requests.length;
    const response = await subscribe(signupFields('flaky@example.com'));
    expect(response.status).toBe(303);
    expect(await statusOf('flaky@example.com')).toBe('pending');
    const mail = await waitFor(() => mailTo(resend.emails, 'flaky@example.com')[0]);
    await waitForMailQueueSettled(db);
    expect(mailTo(resend.emails, 'flaky@example.com')).toEqual([mail]);
    const attempts = resend.requests.slice(before).map((r) => r.status);
    expect(attempts).toEqual([500, 429, 200]);
    const keys = new Set(resend.requests.slice(before).map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    const [row] = await db.select().from(emailQueue).where(eq(emailQueue.toAddress, 'flaky@example.com'));
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
  });
});

describe('rate limits', () => {
  let server: RunningServer;
  beforeAll(async () => (server = await startServer()));
  afterAll(async () => void (await server.stop()));

  test('one network gets 10 signups per 10 minutes, then a 429 saying when to retry', async () => {
    for (let i = 0; i < 10; i++) expect((await signUp(server, signupFields(`person${i}@example.com`))).status).toBe(303);
    const refused = await signUp(server, signupFields('person10@example.com'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(await refused.text()).toMatch(/Too many sign-ups from here just now\. Please try again in 10 minutes/);
    const db = createDb(server.databaseUrl);
    try {
      expect(await db.select().from(subscribers)).toHaveLength(10);
    } finally {
      db.$client.close();
    }
  });
});

describe('without RESEND_API_KEY', () => {
  let server: RunningServer;
  beforeAll(async () => (server = await startServer()));
  afterAll(async () => void (await server.stop()));

  test('mail goes to the local outbox, with links to the public site URL', async () => {
    expect((await signUp(server, signupFields('outbox@example.com'))).status).toBe(303);
    const [file] = await waitFor(() => readOutbox(server.dataDir).length > 0 && readOutbox(server.dataDir));
    expect(file!.name).toMatch(/confirmation\.html$/);
    const link = linkIn(file!.html, '/subscribe/confirm?t=');
    expect(link.startsWith(`${server.url}/subscribe/confirm?t=`)).toBe(true);
    expect((await postForm(link, { t: new URL(link).searchParams.get('t')! })).status).toBe(303);
    await waitFor(() => readOutbox(server.dataDir).some((f) => f.name.endsWith('welcome.html')));
  });
});
