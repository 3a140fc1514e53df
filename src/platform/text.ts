/** Control characters (line breaks, tabs, NUL, DEL…) never belong in a stored one-line field. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A free-text value as it may be stored: control characters removed, trimmed, cut to `max`
 * characters (without splitting a surrogate pair); null when nothing is left.
 */
export function cleanText(value: string | null | undefined, max: number): string | null {
  if (value == null) return null;
  const chars = Array.from(value.replace(CONTROL, '').trim());
  const text = chars.slice(0, max).join('').trim();
  return text || null;
}
