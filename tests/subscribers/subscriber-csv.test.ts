import { readFileSync } from 'node:fs';
import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { subscribers } from '../../db/schema/subscribers.ts';
import { detectFormat, exportSubscribersCsv, importSubscribers, type ListImportOptions, type ListImportReport } from '../../src/subscribers/subscriber-csv.ts';
import { confirmSubscriber, findSubscriberByEmail, registerSignup, unsubscribeSubscriber } from '../../src/subscribers/subscribers.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

// Headers and their sources: tests/fixtures/subscribers/SOURCES.md.
const fixture = (name: string) => readFileSync(new URL(`../fixtures/subscribers/${name}`, import.meta.url), 'utf8');

let t: TestDb;
beforeEach(async () => (t = await createTestDb()));
afterEach(() => t.cleanup());

async function ok(text: string | Uint8Array, options: ListImportOptions = {}, db = t.db): Promise<ListImportReport> {
  const r = await importSubscribers(db, text, options);
  if (!r.ok) throw new Error(r.error);
  return r;
}
const who = (email: string) => findSubscriberByEmail(t.db, email);
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

describe('Mailchimp: status from each row', () => {
  test('the three files: subscribed, unsubscribed (with its date), cleaned (a bounce, with its date); tags kept', async () => {
    const sub = await ok(fixture('mailchimp-subscribed.csv'), { fileName: 'subscribed_email_audience_export_1a2b.csv' });
    expect(sub).toMatchObject({ tool: 'mailchimp', rows: 3, added: { confirmed: 3, pending: 0, unsubscribed: 0, suppressed: 0 } });
    const fay = await who('fay@example.com');
    expect(fay).toMatchObject({ firstName: 'Fay', lastName: 'Lee', status: 'confirmed', source: 'import:mailchimp' });
    expect([iso(fay!.signedUpAt), iso(fay!.confirmedAt)]).toEqual(['2023-05-01T08:00:00.000Z', '2023-05-01T08:05:00.000Z']);
    expect(JSON.parse(fay!.tags!)).toEqual(['Lorem Editors', 'Paddles, carbon']);
    expect((await who('gus@example.com'))!.firstName).toBe('Gus "G"');

    const unsub = await ok(fixture('mailchimp-unsubscribed.csv'), { fileName: 'unsubscribed_email_audience_export_1a2b.csv' });
    expect(unsub.added.unsubscribed).toBe(1);
    expect(unsub.lowered).toEqual([{ line: 2, email: 'hal@example.com', to: 'unsubscribed' }]);
    const hal = await who('hal@example.com');
    expect(hal).toMatchObject({ status: 'unsubscribed', statusSource: 'import:mailchimp:unsubscribed_email_audience_export_1a2b.csv' });
    expect(iso(hal!.unsubscribedAt)).toBe('2023-01-01T00:00:00.000Z');

    const cleaned = await ok(fixture('mailchimp-cleaned.csv'));
    expect(cleaned.added.suppressed).toBe(1);
    expect(await who('fay@example.com')).toMatchObject({ status: 'unsubscribed', suppressionReason: 'bounce' });
    expect(iso((await who('jon@example.com'))!.suppressedAt)).toBe('2024-06-01T12:00:00.000Z');
  });

  test('one header for every status file, and merge fields named UNSUB_*, do not decide the status: the values do', async () => {
    const header = 'Email Address,Name,UNSUB_PREFERENCE,MEMBER_RATING,OPTIN_TIME,CONFIRM_TIME,LAST_CHANGED,UNSUB_TIME,UNSUB_REASON,CLEAN_TIME,LEID,EUID,TAGS';
    const r = await ok(`${header}
ada@example.com,Ada Lovelace,weekly,3,2024-01-01 10:00:00,2024-01-01 10:05:00,2024-01-01 10:05:00,,,,1,a,
bo@example.com,Bo,never,3,2024-01-02 10:00:00,,,2024-05-01 09:00:00,normal_unsubscribe,,2,b,
cy@example.com,,,3,2024-01-03 10:00:00,,,,,2024-06-01 09:00:00,3,c,
`);
    expect(r.added).toEqual({ confirmed: 1, pending: 0, unsubscribed: 1, suppressed: 1 });
    expect(await who('ada@example.com')).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', status: 'confirmed' });
    expect(iso((await who('bo@example.com'))!.unsubscribedAt)).toBe('2024-05-01T09:00:00.000Z');
    expect(await who('cy@example.com')).toMatchObject({ suppressionReason: 'bounce' });
  });
});

describe('consent is never invented and never lost', () => {
  test('a later unsubscribe lowers someone already on the list; a later subscribed file never raises them again', async () => {
    await ok(fixture('mailchimp-subscribed.csv'));
    await ok(fixture('mailchimp-unsubscribed.csv'));
    const again = await ok(fixture('mailchimp-subscribed.csv'));
    expect(again).toMatchObject({ unchanged: 3, lowered: [], added: { confirmed: 0 } });
    expect(await who('hal@example.com')).toMatchObject({ status: 'unsubscribed' });
  });

  test('a person who confirmed in Perch after leaving the other tool stays confirmed', async () => {
    const { subscriber } = await registerSignup(t.db, { email: 'hal@example.com', source: 'form:/#x' });
    await confirmSubscriber(t.db, subscriber.id, Date.parse('2025-01-01T00:00:00Z'));
    const r = await ok(fixture('mailchimp-unsubscribed.csv'));
    expect(r.lowered).toEqual([]);
    expect(await who('hal@example.com')).toMatchObject({ status: 'confirmed', source: 'form:/#x' });
  });

  test('a bounce in a file suppresses a confirmed subscriber; an unsubscribed one is not re-subscribed by an active row', async () => {
    const { subscriber } = await registerSignup(t.db, { email: 'ana@example.com', source: 'form:/#x' });
    await confirmSubscriber(t.db, subscriber.id);
    const left = await registerSignup(t.db, { email: 'ben@example.com', source: 'form:/#x' });
    await unsubscribeSubscriber(t.db, left.subscriber.id);
    await ok('email_address,first_name,state,created_at\nana@example.com,Ana,bounced,2024-02-01T10:00:00Z\nben@example.com,Ben,active,2024-02-01T10:00:00Z\n');
    expect(await who('ana@example.com')).toMatchObject({ status: 'unsubscribed', suppressionReason: 'bounce', statusSource: 'import:kit:upload' });
    expect(await who('ben@example.com')).toMatchObject({ status: 'unsubscribed' });
    // Suppressed: signing up again sends no confirmation.
    expect((await registerSignup(t.db, { email: 'ana@example.com', source: 'form:/#x' })).sendConfirmation).toBe(false);
  });

  test('a file without dates leaves them empty instead of making up a consent time', async () => {
    await ok('email,status\nnodate@example.com,confirmed\n');
    expect(await who('nodate@example.com')).toMatchObject({ status: 'confirmed', signedUpAt: null, confirmedAt: null, unsubscribedAt: null });
  });
});

describe('the other tools', () => {
  test('Kit: state words per row; a US-state column is not Kit and not a status', async () => {
    const r = await ok('first_name,email_address,state,created_at,tags\nAna,ana@Example.com,active,2024-02-01T10:00:00Z,"paddles, beginners"\nBen,ben@example.com,inactive,2024-02-02T10:00:00Z,\nCy,cy@example.com,complained,2024-02-04T10:00:00Z,\nDee,dee@example.com,weird,2024-02-05T10:00:00Z,\nEd,ed@example.com,cancelled,2024-02-05T10:00:00Z,\n');
    expect(r).toMatchObject({ tool: 'kit', added: { confirmed: 1, unsubscribed: 2, suppressed: 1 }, invalid: [{ line: 5, reason: 'unknown status "weird"' }] });
    expect(JSON.parse((await who('ana@example.com'))!.tags!)).toEqual(['paddles', 'beginners']);
    const states = 'email,first_name,state,created_at\nny@example.com,Nia,NY,2024-01-01T00:00:00Z\nca@example.com,Cal,CA,2024-01-02T00:00:00Z\n';
    expect(detectFormat(states.split('\n')[0]!.split(','), [['ny@example.com', 'Nia', 'NY', '']])).toMatchObject({ format: { tool: 'plain' } });
    const refused = await ok(states);
    expect(refused.invalid[0]!.reason).toContain('no status');
    const given = await ok(states, { status: 'confirmed' });
    expect(given.added.confirmed).toBe(2);
    expect(await who('ny@example.com')).toMatchObject({ status: 'confirmed', firstName: 'Nia' });
  });

  test('beehiiv: First Name read, unsubscribed_at wins over status, pending stays pending, UTC dates', async () => {
    const r = await ok(fixture('beehiiv.csv'));
    expect(r).toMatchObject({ tool: 'beehiiv', added: { confirmed: 1, pending: 1, unsubscribed: 1 } });
    expect(await who('lorem@example.com')).toMatchObject({ firstName: 'Lorem Name', lastName: null, tags: '["free"]' });
    expect(iso((await who('unsublit@example.com'))!.unsubscribedAt)).toBe('2024-03-13T11:33:53.000Z');
    expect(iso((await who('amett@example.com'))!.signedUpAt)).toBe('2023-04-11T14:02:46.000Z');
  });

  test("Substack's email_list: no status column, email_disabled means unsubscribed", async () => {
    const r = await ok(fixture('substack-email-list.csv'));
    expect(r).toMatchObject({ tool: 'substack', added: { confirmed: 2, unsubscribed: 1 }, invalid: [] });
    expect(await who('maguirec086@comm.ca')).toMatchObject({ status: 'unsubscribed' });
    expect(iso((await who('herroooo@substack.com'))!.signedUpAt)).toBe('2018-08-27T15:06:27.713Z');
  });

  test("Substack's subscriber list and MailerLite's export, matched by column names", async () => {
    const substack = await ok('Email,Name,Subscription type,Activity,Subscription date,Revenue,Receiving emails for\nsam@example.com,Sam Ray,Free,3,2024-02-01,0,Newsletter\nnomail@example.com,No Mail,Free,0,2024-02-02,0,\n');
    expect(substack).toMatchObject({ tool: 'substack', added: { confirmed: 1, unsubscribed: 1 } });
    expect(await who('sam@example.com')).toMatchObject({ firstName: 'Sam', lastName: 'Ray', tags: '["Free"]' });
    const ml = await ok('Subscriber,Name,Last name,Status,Subscribed,Groups\nmia@example.com,Mia,Ko,active,2024-03-01 10:00:00,"Readers; Buyers"\njunk@example.com,J,,junk,2024-03-02 10:00:00,\n');
    expect(ml).toMatchObject({ tool: 'mailerlite', added: { confirmed: 1, suppressed: 1 } });
    expect(await who('mia@example.com')).toMatchObject({ firstName: 'Mia', lastName: 'Ko', tags: '["Readers","Buyers"]' });
    expect(await who('junk@example.com')).toMatchObject({ suppressionReason: 'complaint' });
  });
});

describe('robust files', () => {
  test('semicolons, Windows-1252 names, a line break in a name, a stray quote, day-first dates', async () => {
    const text = 'email;first_name;status;created_at\r\nzoe@example.com;Zoë;confirmed;25/03/2024\r\nli@example.com;"Li\r\nNa";confirmed;02/03/2024\r\nbad@example.com;"Stray;confirmed;01/01/2024\r\nmo@example.com;Mo;confirmed;01/04/2024\r\n';
    const r = await ok(new Uint8Array(Buffer.from(text, 'latin1')));
    expect(r.added.confirmed).toBe(3);
    // Li's name spans lines 3 and 4, so the stray quote is on line 5.
    expect(r.invalid).toEqual([{ line: 5, reason: 'a quote opened on line 5 is never closed' }]);
    expect(r.notes[0]).toMatchObject({ line: 3 });
    expect(await who('zoe@example.com')).toMatchObject({ firstName: 'Zoë' });
    expect(await who('li@example.com')).toMatchObject({ firstName: null });
    expect(iso((await who('li@example.com'))!.signedUpAt)).toBe('2024-03-02T00:00:00.000Z');
    expect(iso((await who('mo@example.com'))!.signedUpAt)).toBe('2024-04-01T00:00:00.000Z');
  });

  test('a semicolon file whose dates cannot tell day from month is refused; --date-order decides', async () => {
    const text = 'email;status;created_at\nx@example.com;confirmed;03/09/2024\n';
    expect(await importSubscribers(t.db, text)).toMatchObject({ ok: false, error: expect.stringContaining('--date-order') });
    expect(await t.db.select().from(subscribers)).toHaveLength(0);
    await ok(text, { dateOrder: 'dmy' });
    expect(iso((await who('x@example.com'))!.signedUpAt)).toBe('2024-09-03T00:00:00.000Z');
  });

  test('an encoding that is neither UTF-8 nor Windows-1252 is refused; empty and header-only files say so', async () => {
    expect(await importSubscribers(t.db, new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0x81, 0xc3, 0x28]))).toMatchObject({ ok: false, error: expect.stringContaining('encoding') });
    expect(await importSubscribers(t.db, '')).toEqual({ ok: false, error: 'The file is empty.' });
    expect(await importSubscribers(t.db, 'email,status\n')).toEqual({ ok: false, error: 'The file has a header but no rows.' });
  });
});

describe('lossless round trip', () => {
  test('export, import into an empty database, export again: the same list', async () => {
    await ok(fixture('mailchimp-subscribed.csv'));
    await ok(fixture('mailchimp-cleaned.csv'));
    await ok(fixture('beehiiv.csv'));
    await registerSignup(t.db, { email: 'form@example.com', firstName: 'Fo', source: 'form:/#x' }, Date.parse('2026-11-01T00:00:00Z'));
    const first = await exportSubscribersCsv(t.db);
    expect(first.split('\n')[0]).toBe('email,first_name,last_name,status,suppression_reason,suppressed_at,signed_up_at,confirmed_at,unsubscribed_at,added_at,source,status_source,tags');
    expect(first).toContain('fay@example.com,Fay,Lee,unsubscribed,bounce,2024-06-01T12:00:00.000Z,');
    const other = await createTestDb();
    try {
      const r = await ok(first, {}, other.db);
      expect(r).toMatchObject({ tool: 'plain', invalid: [], duplicates: [], notes: [] });
      expect(await exportSubscribersCsv(other.db)).toBe(first);
      const strip = (rows: (typeof subscribers.$inferSelect)[]) => rows.map(({ id: _id, ...rest }) => rest);
      expect(strip(await other.db.select().from(subscribers).orderBy(asc(subscribers.id)))).toEqual(strip(await t.db.select().from(subscribers).orderBy(asc(subscribers.id))));
    } finally {
      other.cleanup();
    }
  });
});
