import { describe, expect, test } from 'vitest';
import { memoize } from '../../src/platform/memo.ts';

function counted<T>(fn: (input: string) => T) {
  const calls: string[] = [];
  return { calls, fn: (input: string) => (calls.push(input), fn(input)) };
}

describe('memoize', () => {
  test('answers a repeated input from memory, including null answers', () => {
    const { calls, fn } = counted((s) => (s === 'none' ? null : s.length));
    const remembered = memoize(fn);
    expect([remembered('abc'), remembered('abc'), remembered('none'), remembered('none')]).toEqual([3, 3, null, null]);
    expect(calls).toEqual(['abc', 'none']);
  });

  test('starts over when full, so it holds at most `max` answers', () => {
    const { calls, fn } = counted((s) => s.toUpperCase());
    const remembered = memoize(fn, { max: 2 });
    for (const input of ['a', 'b', 'c', 'a']) remembered(input);
    // 'c' found the memory full and cleared it, so 'a' is computed again.
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  test('never keeps an input longer than maxLength', () => {
    const { calls, fn } = counted((s) => s.length);
    const remembered = memoize(fn, { maxLength: 4 });
    expect([remembered('long input'), remembered('long input'), remembered('tiny'), remembered('tiny')]).toEqual([10, 10, 4, 4]);
    expect(calls).toEqual(['long input', 'long input', 'tiny']);
  });
});
