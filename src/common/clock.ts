/**
 * The moment a request happens. Every time-dependent rule (art. 20 validity, party departure, terms,
 * notice, evaluations) reads the request's `ctx.now`, taken once from the clock the server was started
 * with — so a test can run a rule at any moment without waiting, and one request sees one moment.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The calendar date (UTC) of a moment, as agreements and decisions state dates: YYYY-MM-DD. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A calendar date plus whole months (day clamped to the month's end: 31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A calendar date plus whole days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * A date column's value as YYYY-MM-DD. node-postgres returns elements of a `date[]` column as Dates at
 * local midnight (single `date` columns come through TypeORM as strings), hence local getters here.
 */
export function toLocalDate(v: string | Date): string {
  if (typeof v === 'string') return v.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
}
