/**
 * `npm run content -- export`: writes the studio's bio page and link overrides back into the
 * content files, so git keeps them and a rebuild from the files alone gives the same site.
 * Files are edited in place (comments and key order kept): content/bio.yaml's entries and
 * picks, and each overridden link in its content/products/<id>.yaml.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, isMap, isSeq, type Document } from 'yaml';
import type { Db } from '../../db/client.ts';
import { readBioDoc, type BioDocEntry } from '../bio/bio-doc.ts';
import { readOverrides, type LinkOverride } from '../tracking/live-catalog.ts';

export interface ExportReport {
  /** Files written, relative to the content folder. */
  written: string[];
  /** Studio links that live only in the database (no file has a place for them), unless a bio button uses them. */
  databaseOnly: string[];
  problems: string[];
}

/** A studio link a bio button uses becomes a url + slug entry, which content/bio.yaml can hold. */
function entryYaml(e: BioDocEntry, position: number, studioOnly: ReadonlyMap<string, LinkOverride>): Record<string, unknown> {
  const studio = e.link ? studioOnly.get(e.link) : undefined;
  const target = studio ? { url: studio.url, slug: studio.slug } : e.link ? { link: e.link } : e.product ? { product: e.product } : { url: e.url, slug: e.slug };
  return {
    // The id is written only where it differs from the position, which is the default.
    ...(e.id !== position && { id: e.id }),
    title: e.title,
    ...target,
    ...(e.icon && { icon: e.icon }),
    ...(e.highlight && { highlight: true }),
    ...(e.showFrom && { showFrom: e.showFrom }),
    ...(e.showUntil && { showUntil: e.showUntil }),
    ...(e.hidden && { hidden: true }),
  };
}

function write(path: string, doc: Document): void {
  writeFileSync(path, doc.toString({ lineWidth: 0 }));
}

/** A paused link is written as one that ended at the export: followers still go to its fallback. */
function linkFields(o: LinkOverride, now: Date): Record<string, unknown> {
  const endsAt = o.paused ? now : o.endsAt;
  return { url: o.url, network: o.network, subIdParam: o.subIdParam ?? undefined, endsAt: endsAt?.toISOString(), fallback: o.fallback ?? undefined };
}

function exportOverride(contentDir: string, o: LinkOverride, now: Date, report: ExportReport): void {
  const file = `products/${o.productId}.yaml`;
  const path = join(contentDir, file);
  if (!o.productId || !existsSync(path)) return void report.problems.push(`${o.slug}: its product file ${file} is gone; the change stays in the database.`);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  const links = doc.get('links');
  const item = isSeq(links) ? links.items.find((l) => isMap(l) && l.get('slug') === o.slug) : undefined;
  if (!isMap(item)) return void report.problems.push(`${o.slug}: no longer in ${file}; the change stays in the database.`);
  for (const [key, value] of Object.entries(linkFields(o, now))) {
    if (value === undefined || (key === 'network' && value === 'other' && !item.has('network'))) item.delete(key);
    else item.set(key, value);
  }
  write(path, doc);
  if (!report.written.includes(file)) report.written.push(file);
}

/** Writes the studio's changes into `contentDir`. Without studio changes, nothing is touched. */
export async function exportContent(db: Db, contentDir: string, now = new Date()): Promise<ExportReport> {
  const report: ExportReport = { written: [], databaseOnly: [], problems: [] };
  const overrides = await readOverrides(db);
  const studioOnly = new Map(overrides.filter((o) => o.kind === 'new').map((o) => [o.slug, o]));
  const saved = await readBioDoc(db);
  if (saved) {
    const path = join(contentDir, 'bio.yaml');
    const doc = existsSync(path) ? parseDocument(readFileSync(path, 'utf8')) : parseDocument('{}');
    doc.set('entries', doc.createNode(saved.doc.entries.map((e, i) => entryYaml(e, i + 1, studioOnly))));
    const picks = saved.doc.picks.filter((p) => !p.hidden);
    doc.set('picks', doc.createNode(picks.map((p, i) => (p.id === i + 1 ? p.product : { product: p.product, id: p.id }))));
    write(path, doc);
    report.written.push('bio.yaml');
  }
  const usedByBio = new Set(saved?.doc.entries.map((e) => e.link).filter(Boolean));
  for (const o of overrides) {
    if (o.kind === 'override') exportOverride(contentDir, o, now, report);
    else if (!usedByBio.has(o.slug)) report.databaseOnly.push(o.slug);
  }
  return report;
}
