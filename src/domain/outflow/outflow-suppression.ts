/** No count under this is shown (O32: no person can be singled out). */
export const MIN_CELL = 5;

export interface Cell {
  value: string;
  count: number | null;
  suppressed: boolean;
}

/**
 * Small-cell suppression (O32). Every count under MIN_CELL (and above 0) is withheld. When exactly one
 * cell is withheld and the total is shown, it could be worked out from the total: the next-smallest shown
 * cell is withheld too (secondary suppression). A total under MIN_CELL is withheld as well.
 */
export function suppress(counts: ReadonlyMap<string, number>): { cells: Cell[]; total: number | null } {
  const entries = [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const total = entries.reduce((n, [, c]) => n + c, 0);
  const hidden = new Set(entries.filter(([, c]) => c > 0 && c < MIN_CELL).map(([v]) => v));
  const totalShown = total >= MIN_CELL;
  if (hidden.size === 1 && totalShown) {
    const next = entries.filter(([v, c]) => !hidden.has(v) && c > 0).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
    if (next) hidden.add(next[0]);
  }
  return {
    cells: entries.map(([value, count]) => ({ value, count: hidden.has(value) ? null : count, suppressed: hidden.has(value) })),
    total: totalShown ? total : null,
  };
}

/** Waiting time in bands, so that a count never rests on an exact number of days. */
export function waitingBand(days: number): string {
  if (days < 90) return 'UNDER_3_MONTHS';
  if (days < 180) return '3_TO_6_MONTHS';
  if (days < 365) return '6_TO_12_MONTHS';
  return '12_MONTHS_OR_MORE';
}
