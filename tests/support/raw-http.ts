import { connect } from 'node:net';
import { PATIENCE_MS } from './wait.ts';

export interface RawResponse {
  /** 0 when the server closed the connection without an answer. */
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends bytes as they are over a plain TCP connection (any method, any request target, any
 * header: what fetch refuses to send) and reads the answer until the server closes.
 * `localAddress` (e.g. 127.0.0.7) makes the request come from another client address.
 */
export function rawRequest(port: number, request: string | Buffer, options: { localAddress?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: options.localAddress });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error(`No answer within ${PATIENCE_MS} ms to ${String(request).slice(0, 80)}`)), PATIENCE_MS);
    socket.on('data', (c) => chunks.push(c));
    // The server may close before the whole request was written (a refused body): that is an answer too.
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseResponse(Buffer.concat(chunks).toString('latin1')));
    });
    socket.write(request);
  });
}

function parseResponse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    // A repeated header (two Set-Cookie lines) keeps every value, joined as fetch does.
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { status, headers, body: end === -1 ? '' : text.slice(end + 4) };
}

/** One HTTP/1.1 request as text, closing the connection after the answer. */
export function httpText(method: string, target: string, headers: Record<string, string> = {}, body = ''): string {
  const all: Record<string, string> = { Host: '127.0.0.1', Connection: 'close', ...headers };
  if (body && !('Content-Length' in all) && !('Transfer-Encoding' in all)) all['Content-Length'] = String(Buffer.byteLength(body));
  return `${method} ${target} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`;
}
