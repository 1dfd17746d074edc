/*
 * The deadlines of issue 8, computed from the request's moment (ctx.now), never from the wall clock.
 *
 * Calendar arithmetic (months, working days, birthdays) is done on the Dutch calendar (Europe/Amsterdam):
 * a request received at 00:30 Dutch time on 31 January was received on 31 January, even though it is still
 * 30 January in UTC. A deadline keeps the Dutch time of day of the moment it runs from (across a change to or
 * from summer time the UTC hour shifts by one).
 */

import { dutchParts, fromDutch } from '../../common/clock.js';

/** `months` calendar months later (AVG 12(3): one month, extendable by two); the end of a shorter month clamps. */
export function addMonthsAt(d: Date, months: number): Date {
  const w = dutchParts(d);
  const first = new Date(Date.UTC(w.year, w.month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromDutch({ ...w, year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day: Math.min(w.day, last) });
}

export const addHours = (d: Date, hours: number) => new Date(d.getTime() + hours * 3600_000);

/**
 * `days` working days later, at the same (Dutch) time of day (Walcheren AVG art. 5: "binnen twee werkdagen").
 * Saturdays and Sundays of the Dutch calendar do not count; public holidays are not known to the platform (see README).
 */
export function addWorkingDays(d: Date, days: number): Date {
  const w = dutchParts(d);
  const date = new Date(Date.UTC(w.year, w.month - 1, w.day));
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const wd = date.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return fromDutch({ ...w, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** Age in whole years on the Dutch calendar date of a moment (O24). */
export function ageOn(birthDate: string, at: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const w = dutchParts(at);
  let age = w.year - y;
  if (w.month < m || (w.month === m && w.day < d)) age--;
  return age;
}
