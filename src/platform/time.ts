/** Calendar days as Perch stores and shows them: UTC, `YYYY-MM-DD`. */
export const DAY_MS = 86_400_000;

/** The UTC day of a time. */
export function dayOf(time: Date | number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Milliseconds at the start (00:00 UTC) of a `YYYY-MM-DD` day. */
export function startOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}
