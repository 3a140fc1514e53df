import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { subscribers } from '../../db/schema/subscribers.ts';
import { detectTool, exportSubscribersCsv, importSubscribersCsv } from '../../src/subscribers/subscriber-csv.ts';
import { findSubscriberByEmail, registerSignup } from '../../src/subscribers/subscribers.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const KIT = `first_name,email_address,state,created_at,tags
Ana,ana@Example.com,active,2024-02-01T10:00:00Z,"paddles, beginners"
Ben,ben@example.com,inactive,2024-02-02T10:00:00Z,
,not-an-email,active,2024-02-03T10:00:00Z,
Cy,cy@example.com,bounced,2024-02-04T10:00:00Z,
Dee,dee@example.com,weird,2024-02-05T10:00:00Z,
Ana again,ANA@example.com,active,2024-02-06T10:00:00Z,
Eve,eve@example.com,complained,2024-02-07T10:00:00Z,
`;

const MAILCHIMP_SUBSCRIBED = `Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS
fay@example.com,Fay,Lee,2,2023-05-01 08:00:00,,2023-05-01 08:05:00,,,,,,,,,2023-05-01 08:05:00,1,a,,
gus@example.com,"Gus ""G""",Ng,2,2023-05-02 08:00:00,,,,,,,,,,,2023-05-02 08:00:00,2,b,,
fay@example.com,Fay,Lee,2,2023-05-01 08:00:00,,2023-05-01 08:05:00,,,,,,,,,2023-05-01 08:05:00,1,a,,
bad@,Bad,Row,2,2023-05-03 08:00:00,,,,,,,,,,,2023-05-03 08:00:00,3,c,,
`;

const MAILCHIMP_UNSUBSCRIBED = `Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,CONFIRM_TIME,UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_REASON,LAST_CHANGED
hal@example.com,Hal,,1,2022-01-01 00:00:00,2022-01-01 00:01:00,2023-01-01 00:00:00,March,,2023-01-01 00:00:00
`;

describe('importSubscribersCsv', () => {
  let t: TestDb;
  beforeEach(async () => (t = await createTestDb()));
  afterEach(() => t.cleanup());

  test('imports a Kit export: statuses kept, bad and repeated rows skipped with their lines', async () => {
    const report = await importSubscribersCsv(t.db, KIT);
    expect(report.tool).toBe('kit');
    expect(report.imported).toBe(4);
    expect(report.byStatus).toEqual({ confirmed: 1, pending: 0, unsubscribed: 3 });
    expect(report.duplicates).toEqual([{ line: 7, email: 'ANA@example.com' }]);
    expect(report.invalid.map((i) => i.line)).toEqual([4, 6]);
    expect(report.invalid[1]!.reason).toMatch(/unknown status "weird"/);
    const ana = await findSubscriberByEmail(t.db, 'ana@example.com');
    expect(ana).toMatchObject({ status: 'confirmed', firstName: 'Ana', source: 'import:kit' });
    expect(ana!.confirmedAt!.toISOString()).toBe('2024-02-01T10:00:00.000Z');
    expect(await findSubscriberByEmail(t.db, 'cy@example.com')).toMatchObject({ status: 'unsubscribed', suppressionReason: 'bounce' });
    expect(await findSubscriberByEmail(t.db, 'eve@example.com')).toMatchObject({ suppressionReason: 'complaint' });
  });

  test('imports Mailchimp exports, taking the status from which file it is', async () => {
    const report = await importSubscribersCsv(t.db, MAILCHIMP_SUBSCRIBED);
    expect(report).toMatchObject({ tool: 'mailchimp', imported: 2, byStatus: { confirmed: 2, pending: 0, unsubscribed: 0 } });
    expect(report.duplicates).toEqual([{ line: 4, email: 'fay@example.com' }]);
    expect(report.invalid).toHaveLength(1);
    expect(await findSubscriberByEmail(t.db, 'gus@example.com')).toMatchObject({ firstName: 'Gus "G"', source: 'import:mailchimp' });
    expect((await findSubscriberByEmail(t.db, 'fay@example.com'))!.createdAt.toISOString()).toBe('2023-05-01T08:05:00.000Z');
    const second = await importSubscribersCsv(t.db, MAILCHIMP_UNSUBSCRIBED);
    expect(second.byStatus.unsubscribed).toBe(1);
    expect(await findSubscriberByEmail(t.db, 'hal@example.com')).toMatchObject({ status: 'unsubscribed' });
  });

  test('never overwrites someone already on the list', async () => {
    await registerSignup(t.db, { email: 'ana@example.com', source: 'form:/#x' });
    const report = await importSubscribersCsv(t.db, KIT);
    expect(report.duplicates.map((d) => d.email)).toContain('ana@Example.com'.replace('Example', 'example'));
    expect(await findSubscriberByEmail(t.db, 'ana@example.com')).toMatchObject({ status: 'pending', source: 'form:/#x' });
  });

  test('round-trips its own export as a plain CSV', async () => {
    await importSubscribersCsv(t.db, KIT);
    const csv = await exportSubscribersCsv(t.db);
    expect(csv.split('\n')[0]).toBe('email,first_name,status,source,created_at,confirmed_at,unsubscribed_at');
    expect(csv).toContain('ana@example.com,Ana,confirmed,import:kit,2024-02-01T10:00:00.000Z,2024-02-01T10:00:00.000Z,');
    const other = await createTestDb();
    try {
      const report = await importSubscribersCsv(other.db, csv, 'plain');
      expect(report).toMatchObject({ imported: 4, invalid: [], duplicates: [] });
      expect(await other.db.select().from(subscribers)).toHaveLength(4);
    } finally {
      other.cleanup();
    }
  });

  test('detects the tool from the header row', () => {
    expect(detectTool(['Email Address', 'First Name'])).toBe('mailchimp');
    expect(detectTool(['email_address', 'state'])).toBe('kit');
    expect(detectTool(['email', 'status', 'created_at', 'utm_source'])).toBe('beehiiv');
    expect(detectTool(['email', 'first_name', 'status', 'created_at'])).toBe('plain');
  });
});
