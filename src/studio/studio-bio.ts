/** The bio page as the studio edits it: the saved document (or the files'), and saves that detect a stale tab. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { studioBio, studioChanges } from '../../db/schema/studio.ts';
import { readBioDoc, type BioDoc } from '../bio/bio-doc.ts';
import { bioChanged } from '../bio/bio-changed.ts';
import { staleMessageFor } from './studio-links.ts';

/** The document to edit and its version (0: never saved in the studio, the files' bio). */
export async function readEditableBio(db: Db, fromContent: () => Promise<BioDoc>): Promise<{ doc: BioDoc; version: number }> {
  return (await readBioDoc(db)) ?? { doc: await fromContent(), version: 0 };
}

export type BioSave = { ok: true; version: number } | { ok: false; status: 409; message: string };

/** Saves the whole document if `version` is still the current one, and raises the "bio" change counter. */
export async function saveBio(db: Db, doc: BioDoc, version: number, now = new Date()): Promise<BioSave> {
  const saved = await db.transaction(async (tx): Promise<BioSave> => {
    const [row] = await tx.select({ version: studioBio.version }).from(studioBio).where(eq(studioBio.id, 1));
    if ((row?.version ?? 0) !== version) return { ok: false, status: 409, message: staleMessageFor('The bio page') };
    const values = { entries: JSON.stringify(doc.entries), picks: JSON.stringify(doc.picks), lastEntryId: doc.lastEntryId, lastPickId: doc.lastPickId, version: version + 1, updatedAt: now };
    await tx.insert(studioBio).values({ id: 1, ...values }).onConflictDoUpdate({ target: studioBio.id, set: values });
    await tx
      .insert(studioChanges)
      .values({ key: 'bio', version: 1 })
      .onConflictDoUpdate({ target: studioChanges.key, set: { version: sql`${studioChanges.version} + 1` } });
    return { ok: true, version: version + 1 };
  });
  if (saved.ok) bioChanged();
  return saved;
}
