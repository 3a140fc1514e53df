import { createHash, randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { brandReports } from '../../db/schema/brand-reports.ts';

export interface BrandReportInput {
  merchant: string;
  label?: string;
  /** Narrow to these link slugs (a campaign); empty = all the merchant's links. */
  links?: string[];
  from?: string;
  to?: string;
  showConversions?: boolean;
  expiresAt?: Date | null;
}

export interface BrandReport {
  id: number;
  merchant: string;
  label: string;
  links: string[] | null;
  fromDay: string | null;
  toDay: string | null;
  showConversions: boolean;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Tokens are 32 random bytes (256 bits): base64url, 43 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Problems with a report's settings, as sentences; empty when it can be created. */
export function checkBrandReportInput(input: BrandReportInput, merchants: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!merchants.has(input.merchant)) problems.push(`"${input.merchant}" is not a merchant of any link in content/products.`);
  for (const [name, day] of [['start', input.from], ['end', input.to]] as const) {
    if (day && (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))) problems.push(`The ${name} date must look like 2026-11-30.`);
  }
  if (input.from && input.to && input.from > input.to) problems.push('The start date is after the end date.');
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) problems.push('The expiry must be in the future.');
  if ((input.label ?? '').length > 120) problems.push('The name is longer than 120 characters.');
  return problems;
}

/** Creates a report and returns its token (shown once: only its hash is kept). */
export async function createBrandReport(db: Db, input: BrandReportInput, now = new Date()): Promise<{ id: number; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const [row] = await db.insert(brandReports).values({
    tokenHash: hashToken(token),
    merchant: input.merchant,
    label: input.label?.trim() || input.merchant,
    links: input.links?.length ? JSON.stringify(input.links) : null,
    fromDay: input.from || null,
    toDay: input.to || null,
    showConversions: input.showConversions ?? false,
    createdAt: now,
    expiresAt: input.expiresAt ?? null,
  }).returning({ id: brandReports.id });
  return { id: row!.id, token };
}

/** Revokes a report: its URL answers 404 from then on. Returns whether it existed. */
export async function revokeBrandReport(db: Db, id: number, now = new Date()): Promise<boolean> {
  const rows = await db.update(brandReports).set({ revokedAt: now }).where(eq(brandReports.id, id)).returning({ id: brandReports.id });
  return rows.length > 0;
}

export async function listBrandReports(db: Db): Promise<BrandReport[]> {
  const rows = await db.select().from(brandReports).orderBy(desc(brandReports.createdAt));
  return rows.map(toReport);
}

/** The live report a token opens, or null: unknown, revoked and expired look the same. */
export async function findBrandReport(db: Db, token: string, now = new Date()): Promise<BrandReport | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await db.select().from(brandReports).where(eq(brandReports.tokenHash, hashToken(token)));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now.getTime())) return null;
  return toReport(row);
}

function toReport(row: typeof brandReports.$inferSelect): BrandReport {
  const { tokenHash: _hash, links, ...rest } = row;
  return { ...rest, links: links ? (JSON.parse(links) as string[]) : null };
}
