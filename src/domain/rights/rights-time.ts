/*
 * The deadlines of issue 8, computed from the request's moment (ctx.now), never from the wall clock.
 */

/** `months` calendar months later (AVG 12(3): one month, extendable by two); the end of a shorter month clamps. */
export function addMonthsAt(d: Date, months: number): Date {
  const r = new Date(d);
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + months);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}

export const addHours = (d: Date, hours: number) => new Date(d.getTime() + hours * 3600_000);

/**
 * `days` working days later, at the same time of day (Walcheren AVG art. 5: "binnen twee werkdagen").
 * Saturdays and Sundays do not count; public holidays are not known to the platform (see README).
 */
export function addWorkingDays(d: Date, days: number): Date {
  const r = new Date(d);
  let left = days;
  while (left > 0) {
    r.setUTCDate(r.getUTCDate() + 1);
    const wd = r.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return r;
}

/** Age in whole years on a date (O24). */
export function ageOn(birthDate: string, at: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = at.getUTCFullYear() - y;
  if (at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d)) age--;
  return age;
}
