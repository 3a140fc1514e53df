import { describe, expect, test } from 'vitest';
import { checkDateTexts, dateTextProblem } from '../../src/site/content-dates.ts';
import { merchantLinkSchema, postSchema } from '../../src/site/content-schemas.ts';

describe('content dates', () => {
  test('real days and times with offsets pass', () => {
    for (const ok of ['2026-03-02', '2024-02-29', '2026-03-02T09:00:00Z', '2026-03-02T09:00+01:00', '2026-12-31 23:59:59-05:00']) expect(dateTextProblem(ok), ok).toBeUndefined();
  });
  test('rolled-over days, impossible months and times without a zone are refused with advice', () => {
    expect(dateTextProblem('2026-13-45')).toMatch(/no month 13/);
    expect(dateTextProblem('2026-02-29')).toMatch(/2026-02 has 28 days/);
    expect(dateTextProblem('2026-03-02T25:00Z')).toMatch(/not a time/);
    expect(dateTextProblem('2026-03-02T09:00')).toMatch(/no time zone.*2026-03-02T09:00Z/);
    expect(dateTextProblem('next tuesday')).toMatch(/not a date/);
  });
  test('a file text names the field and its line (YAML has already rolled the Date over)', () => {
    const source = '---\ntitle: x\npublishDate: 2026-13-45\n---\n';
    expect(checkDateTexts('content/posts/x.mdx', source)).toEqual([{ file: 'content/posts/x.mdx', field: 'publishDate (line 3)', message: expect.stringContaining('no month 13') }]);
    expect(checkDateTexts('content/posts/x.mdx', '---\npublishDate: 2026-03-02\n---\n\nWrite it as\npublishDate: 2026-13-45\n')).toEqual([]);
    expect(checkDateTexts('content/bio.yaml', "entries:\n  - title: a\n    showFrom: '2026-02-30'")[0].field).toBe('showFrom (line 3)');
  });
  test('the schema takes only real dates as strings, and only http(s) merchant URLs', () => {
    const base = { title: 't', description: 'd' };
    expect(postSchema.safeParse({ ...base, publishDate: '2026-02-30' }).success).toBe(false);
    expect(postSchema.safeParse({ ...base, publishDate: '2026-03-02T09:00:00+01:00' }).data?.publishDate.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    const link = { slug: 'a', merchant: 'A' };
    for (const url of ['javascript:alert(1)', 'ftp://files.example/x', 'mailto:a@b.example']) {
      const result = merchantLinkSchema.safeParse({ ...link, url });
      expect(result.success, url).toBe(false);
      expect(result.error?.issues[0].message, url).toMatch(/https:\/\//);
    }
    expect(merchantLinkSchema.safeParse({ ...link, url: 'https://shop.example/x' }).success).toBe(true);
  });
});
