import { expect, test } from 'vitest';
import { formatFrom } from '../../src/mail/sender.ts';

test('the From header names the sender once, safely quoted', () => {
  expect(formatFrom('Maya', 'maya@example.com')).toBe('"Maya" <maya@example.com>');
  expect(formatFrom('Maya', 'Maya Court <maya@example.com>')).toBe('Maya Court <maya@example.com>');
  expect(formatFrom('Ma"ya\r\nBcc: x', 'maya@example.com')).toBe('"MayaBcc: x" <maya@example.com>');
  expect(formatFrom('Maya', undefined)).toBe('"Maya" <onboarding@resend.dev>');
  expect(formatFrom('Maya', undefined, 'newsletter@example.com')).toBe('"Maya" <newsletter@example.com>');
});
