/** Column names compared loosely: "Sub Id 1", "SubId1" and "sub-id-1" are the same column. */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/\([^)]*\)/g, '').normalize('NFD').replace(/[^a-z0-9]/g, '');
}
