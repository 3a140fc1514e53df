/**
 * The one request-body reader: every route that reads a body goes through here with its own
 * byte limit, so an oversized post is refused before it is buffered (a declared
 * Content-Length first, then the bytes as they arrive).
 */
import type { IncomingMessage } from 'node:http';

export type Body<T> = { ok: true; value: T } | { ok: false; status: 413 | 415; message: string };

const tooLarge = (limit: number) =>
  ({ ok: false, status: 413, message: `That request was too large to accept (more than ${Math.round(limit / 1024)} KB). Please shorten what you sent.` }) as const;

/** Where a body comes from: a web Request (Astro) or Node's IncomingMessage (the wrapper). */
type Source = Request | IncomingMessage;

function header(source: Source, name: string): string {
  if (source instanceof Request) return source.headers.get(name) ?? '';
  const value = source.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function stream(source: Source): AsyncIterable<Uint8Array> | null {
  return source instanceof Request ? (source.body as AsyncIterable<Uint8Array> | null) : source;
}

/** The body's bytes, or a 413 as soon as it passes `limit`. */
export async function readBytes(source: Source, limit: number): Promise<Body<Uint8Array>> {
  if (Number(header(source, 'content-length') || 0) > limit) return tooLarge(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream(source) ?? []) {
    size += chunk.byteLength;
    if (size > limit) return tooLarge(limit);
    chunks.push(chunk);
  }
  return { ok: true, value: Buffer.concat(chunks) };
}

/** The body as UTF-8 text. */
export async function readText(source: Source, limit: number): Promise<Body<string>> {
  const bytes = await readBytes(source, limit);
  return bytes.ok ? { ok: true, value: new TextDecoder().decode(bytes.value) } : bytes;
}

/**
 * A submitted form (URL-encoded or multipart, as RFC 8058 one-click posts may be) as its text
 * fields; files are ignored.
 */
export async function readForm(source: Source, limit: number): Promise<Body<URLSearchParams>> {
  const bytes = await readBytes(source, limit);
  return bytes.ok ? parseFormBytes(bytes.value, header(source, 'content-type')) : bytes;
}

export async function parseFormBytes(bytes: Uint8Array, contentType: string): Promise<Body<URLSearchParams>> {
  const type = contentType.toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) {
    return { ok: false, status: 415, message: 'Please send the form as a normal web form.' };
  }
  try {
    const data = await new Response(Buffer.from(bytes), { headers: { 'content-type': contentType } }).formData();
    const form = new URLSearchParams();
    for (const [name, value] of data) if (typeof value === 'string') form.append(name, value);
    return { ok: true, value: form };
  } catch {
    return { ok: false, status: 415, message: 'The form could not be read. Please send it again.' };
  }
}
