import { describe, expect, test } from 'vitest';
import { createUniqueWindow, UNIQUE_WINDOW_MS } from '../../src/tracking/unique-clicks.ts';

describe('createUniqueWindow', () => {
  test('opens a window per visitor and link, closed after an hour', () => {
    const window = createUniqueWindow();
    expect(window.isUnique('v1', 'a', 0)).toBe(true);
    expect(window.isUnique('v1', 'a', UNIQUE_WINDOW_MS - 1)).toBe(false);
    expect(window.isUnique('v1', 'b', 1)).toBe(true);
    expect(window.isUnique('v2', 'a', 1)).toBe(true);
    // A repeat does not extend the window: the next hour counts the visitor again.
    expect(window.isUnique('v1', 'a', UNIQUE_WINDOW_MS)).toBe(true);
  });

  test('forgets ended windows when pruned', () => {
    const window = createUniqueWindow();
    window.isUnique('v1', 'a', 0);
    window.isUnique('v2', 'a', UNIQUE_WINDOW_MS / 2);
    window.isUnique('v1', 'b', 0);
    expect(window.prune(UNIQUE_WINDOW_MS)).toBe(1);
    expect(window.isUnique('v2', 'a', UNIQUE_WINDOW_MS)).toBe(false);
    expect(window.isUnique('v1', 'a', UNIQUE_WINDOW_MS)).toBe(true);
    expect(window.isUnique('v1', 'b', UNIQUE_WINDOW_MS)).toBe(true);
  });
});
