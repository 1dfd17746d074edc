/**
 * The moment a request happens. Every time-dependent rule (art. 20 validity, party departure, terms,
 * notice, evaluations) reads the request's `ctx.now`, taken once from the clock the server was started
 * with — so a test can run a rule at any moment without waiting, and one request sees one moment.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/*
 * Dates are Dutch calendar dates (Europe/Amsterdam): at 00:30 Dutch time on 1 December it is 1 December, although it is
 * still 30 November in UTC. An agreement or art. 20 decision valid until a date stops at Dutch midnight; a deadline
 * counts Dutch days.
 */
export const ZONE = 'Europe/Amsterdam';

const zoneFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
});

/** A wall-clock moment on the Dutch calendar; `month` 1–12. */
export interface DutchDateTime { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number }

/** The Dutch calendar date and time of day of an instant. */
export function dutchParts(d: Date): DutchDateTime {
  const p: Record<string, number> = {};
  for (const { type, value } of zoneFormat.formatToParts(d)) if (type !== 'literal') p[type] = Number(value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour % 24, minute: p.minute, second: p.second, ms: d.getUTCMilliseconds() };
}

/** The offset of Dutch time from UTC at an instant, in ms (1 h in winter, 2 h in summer). */
function offsetAt(t: number): number {
  const p = dutchParts(new Date(t));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms) - t;
}

/**
 * The instant of a Dutch wall-clock time (month 1–12; day and month may overflow, as with Date.UTC). A time that
 * occurs twice (the last Sunday of October, 02:00–03:00) is its first occurrence; one that does not exist (the
 * last Sunday of March, 02:00–03:00) is read in winter time: an hour later in summer time.
 */
export function fromDutch(w: DutchDateTime): Date {
  const local = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  const summer = local - 2 * 3600_000;
  return new Date(offsetAt(summer) === 2 * 3600_000 ? summer : local - 3600_000);
}

/** The Dutch calendar date of a moment, as agreements and decisions state dates: YYYY-MM-DD. */
export function isoDate(d: Date): string {
  const w = dutchParts(d);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
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
