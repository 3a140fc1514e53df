export type FormBody = { ok: true; form: URLSearchParams } | { ok: false; status: 413 | 415; message: string };

const TOO_LARGE = { ok: false, status: 413, message: 'That form was too large to accept. Please shorten what you typed.' } as const;

/**
 * Parses a form body (URL-encoded or multipart, as RFC 8058 one-click posts may be) into
 * its text fields. Files are ignored.
 */
export async function parseFormBytes(bytes: Uint8Array, contentType: string): Promise<FormBody> {
  const type = contentType.toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) {
    return { ok: false, status: 415, message: 'Please send the form as a normal web form.' };
  }
  try {
    const data = await new Response(Buffer.from(bytes), { headers: { 'content-type': contentType } }).formData();
    const form = new URLSearchParams();
    for (const [name, value] of data) if (typeof value === 'string') form.append(name, value);
    return { ok: true, form };
  } catch {
    return { ok: false, status: 415, message: 'The form could not be read. Please send it again.' };
  }
}

/** Collects a body stream, giving up as soon as it passes `limit` bytes. */
export async function collectBody(stream: AsyncIterable<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream ?? []) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a submitted form, refusing more than `limit` bytes whether or not the client
 * announced its length, so an oversized post cannot tie up memory.
 */
export async function readFormBody(request: Request, limit: number): Promise<FormBody> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return TOO_LARGE;
  const bytes = await collectBody(request.body as AsyncIterable<Uint8Array> | null, limit);
  if (!bytes) return TOO_LARGE;
  return parseFormBytes(bytes, request.headers.get('content-type') ?? '');
}
