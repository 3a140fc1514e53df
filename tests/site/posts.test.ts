import { describe, expect, test } from 'vitest';
import { groupByTag, isPublished, sortNewestFirst, tagSlug } from '../../src/site/posts.ts';

const now = new Date('2026-06-01T12:00:00Z');

describe('isPublished', () => {
  test('shows a post whose date has passed', () => {
    expect(isPublished({ draft: false, publishDate: new Date('2026-05-31') }, now)).toBe(true);
  });
  test('hides drafts even when their date has passed', () => {
    expect(isPublished({ draft: true, publishDate: new Date('2026-01-01') }, now)).toBe(false);
  });
  test('hides a post scheduled for later', () => {
    expect(isPublished({ draft: false, publishDate: new Date('2026-06-01T12:00:01Z') }, now)).toBe(false);
  });
});

describe('tagSlug', () => {
  test('turns a tag label into a URL segment', () => {
    expect(tagSlug(' Buying Guide ')).toBe('buying-guide');
    expect(tagSlug('Shoes & Socks!')).toBe('shoes-socks');
  });
});

describe('groupByTag', () => {
  test('groups posts under each tag slug, newest first, keeping the first label seen', () => {
    const post = (id: string, day: string, tags: string[]) => ({ id, data: { tags, publishDate: new Date(day) } });
    const older = post('older', '2026-01-01', ['Paddles']);
    const newer = post('newer', '2026-02-01', ['paddles', 'Balls']);
    const groups = groupByTag([older, newer]);
    expect([...groups.keys()].sort()).toEqual(['balls', 'paddles']);
    expect(groups.get('paddles')!.posts.map((p) => p.id)).toEqual(['newer', 'older']);
    expect(groups.get('paddles')!.label).toBe('paddles');
    expect(sortNewestFirst([older, newer])[0].id).toBe('newer');
  });
});
