// `npm run content -- export`: the studio's changes written back into content files; a rebuild
// from those files alone (fresh database) serves the same bio page and the same redirects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createDb, type Db } from '../../db/client.ts';
import { bioSchema } from '../../src/site/content-schemas.ts';
import { docFromContent, type BioDoc } from '../../src/bio/bio-doc.ts';
import { exportContent } from '../../src/studio/content-export.ts';
import { saveBio } from '../../src/studio/studio-bio.ts';
import { createLink, saveLink } from '../../src/studio/studio-links.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { prepareSite, runAstro, type SiteBuild } from '../support/site-build.ts';
import type { LinkFields } from '../../src/studio/link-form.ts';

/** Waits for a change to show, with room for a busy machine. */
const POLL = { timeout: 10_000, interval: 100 };

let live: RunningServer;
let rebuilt: RunningServer | undefined;
let site: Omit<SiteBuild, 'ok' | 'output'>;
let db: Db;

beforeAll(async () => {
  live = await startServer();
  db = createDb(live.databaseUrl);
  site = prepareSite('content');
});
afterAll(async () => {
  db?.$client.close();
  await Promise.all([live?.stop(), rebuilt?.stop()]);
  site?.cleanup();
});

const fields = (o: Partial<LinkFields>): LinkFields => ({ url: 'https://x.example/', merchant: 'Shop', network: 'other', subIdParam: null, endsAt: null, fallback: null, paused: false, ...o });

/** What the bio page shows: each button's title, href and entry id, and the shelf's buy links. */
async function bioPage(base: string): Promise<{ buttons: string[]; shelf: string[] }> {
  const html = await (await fetch(`${base}/links/`)).text();
  return {
    buttons: [...html.matchAll(/<a class="link[^"]*" href="([^"]+)"[^>]*data-entry="(\d+)"[^>]*>[\s\S]*?<span class="link-title">([^<]+)</g)].map((m) => `${m[2]} ${m[3]} ${m[1]}`),
    shelf: [...html.matchAll(/class="btn-solid buy" href="([^"]+)"/g)].map((m) => m[1]!),
  };
}

it('exports the studio bio and link changes into the files, and a rebuild from them serves the same page', async () => {
  const content = docFromContent(bioSchema.parse(parse(readFileSync('content/bio.yaml', 'utf8'))));
  await createLink(db, { links: {} }, { ...fields({ url: 'https://shop.example/story' }), slug: 'story-deal', fallback: 'home' });
  await createLink(db, { links: {} }, { ...fields({ url: 'https://shop.example/unused' }), slug: 'not-in-bio', fallback: 'home' });
  const catalog = JSON.parse(readFileSync('dist/client/_perch/links.json', 'utf8'));
  await saveLink(db, catalog, 'vantage-pro-16-direct', fields({ url: 'https://vantage.example/pro-16?sale=winter', merchant: 'Vantage', fallback: 'product' }), 0);
  // Reordered (3 before 1), one hidden, one removed, one added on a studio link, a pick dropped.
  const [e1, e2, e3, ...rest] = content.entries;
  const doc: BioDoc = {
    entries: [e3!, e1!, { ...e2!, hidden: true }, ...rest.slice(1), { id: 9, title: 'Story deal', link: 'story-deal', highlight: true, hidden: false }],
    picks: content.picks.slice(1),
    lastEntryId: 9,
    lastPickId: content.lastPickId,
  };
  expect(await saveBio(db, doc, 0)).toEqual({ ok: true, version: 1 });
  await expect.poll(async () => (await bioPage(live.url)).buttons.some((b) => b.startsWith("9 Story deal")), POLL).toBe(true);
  const before = await bioPage(live.url);

  const report = await exportContent(db, site.contentDir);
  expect(report).toEqual({ written: ['bio.yaml', 'products/vantage-pro-16.yaml'], databaseOnly: ['not-in-bio'], problems: [] });
  const product = readFileSync(join(site.contentDir, 'products/vantage-pro-16.yaml'), 'utf8');
  expect(product).toContain('url: https://vantage.example/pro-16?sale=winter');
  expect(product).toContain('slug: vantage-pro-16-amazon');

  const build = await runAstro(site, 'build');
  expect(build.ok, build.output.slice(-3000)).toBe(true);
  rebuilt = await startServer({}, { root: site.dir });
  expect(await bioPage(rebuilt.url)).toEqual(before);
  const go = await fetch(`${rebuilt.url}/go/vantage-pro-16-direct`, { redirect: 'manual', headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' } });
  expect(go.headers.get('location')).toBe('https://vantage.example/pro-16?sale=winter');
}, 300_000);
