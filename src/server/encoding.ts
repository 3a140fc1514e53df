/** Content-Encoding negotiation for precompressed files: br, then gzip, then none. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the request's Accept-Encoding allows (q=0 refuses) among those available. */
export function pickEncoding(accept: string | undefined, available: { br: boolean; gzip: boolean }): Encoding {
  if (!accept) return 'identity';
  const q = new Map<string, number>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name.trim(), weight ? Number(weight.slice(2)) || 0 : 1);
  }
  const allows = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (available.br && allows('br')) return 'br';
  if (available.gzip && allows('gzip')) return 'gzip';
  return 'identity';
}

/** Whether an If-None-Match header names `etag` (weak or strong) or `*`: the answer may be a 304. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
}
