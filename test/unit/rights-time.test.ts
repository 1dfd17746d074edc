import { addMonthsAt, addWorkingDays, ageOn } from '../../src/domain/rights/rights-time';

/** Deadlines and ages on the Dutch calendar (Europe/Amsterdam), not the UTC one (O24, O34, O36). */
describe('rights deadlines and ages on the Dutch calendar', () => {
  const at = (s: string) => new Date(s);
  const iso = (d: Date) => d.toISOString();

  test('[O34] a request received 31 January 00:30 Dutch time (30 January in UTC) is due 28 February, Dutch time', () => {
    // 2026-01-30T23:30Z is 31 January 00:30 CET; one month later, clamped: 28 February 00:30 CET.
    expect(iso(addMonthsAt(at('2026-01-30T23:30:00Z'), 1))).toBe('2026-02-27T23:30:00.000Z');
  });

  test('[O34] one month keeps the day and the time of day; an extension of two months too', () => {
    expect(iso(addMonthsAt(at('2026-11-23T09:00:00Z'), 1))).toBe('2026-12-23T09:00:00.000Z');
    expect(iso(addMonthsAt(at('2026-12-23T09:00:00Z'), 2))).toBe('2027-02-23T09:00:00.000Z');
    expect(iso(addMonthsAt(at('2026-03-31T10:00:00Z'), 1))).toBe('2026-04-30T10:00:00.000Z');
    // Across the change to summer time the Dutch time of day (10:00) stays: 09:00Z in winter, 08:00Z in summer.
    expect(iso(addMonthsAt(at('2026-03-15T09:00:00Z'), 1))).toBe('2026-04-15T08:00:00.000Z');
  });

  test('[O24] a child born 15 June 2014 is 12 on 15 June 2026 from 00:00 Dutch time (22:00 UTC the day before)', () => {
    expect(ageOn('2014-06-15', at('2026-06-14T22:30:00Z'))).toBe(12);
    expect(ageOn('2014-06-15', at('2026-06-14T21:30:00Z'))).toBe(11);
    expect(ageOn('2010-11-23', at('2026-11-23T09:00:00Z'))).toBe(16);
    expect(ageOn('2010-11-24', at('2026-11-23T09:00:00Z'))).toBe(15);
  });

  test('[O36] an order received Saturday 00:30 Dutch time (Friday in UTC) is due two working days later: Tuesday 00:30', () => {
    // 2026-11-27T23:30Z is Saturday 28 November 00:30 CET: Monday and Tuesday count, not Monday as the second day.
    expect(iso(addWorkingDays(at('2026-11-27T23:30:00Z'), 2))).toBe('2026-11-30T23:30:00.000Z');
    // Friday 16:00 Dutch time: Monday and Tuesday.
    expect(iso(addWorkingDays(at('2026-11-27T15:00:00Z'), 2))).toBe('2026-12-01T15:00:00.000Z');
    // Monday 23:30 Dutch time is still Monday (22:30Z): Wednesday 23:30.
    expect(iso(addWorkingDays(at('2026-11-30T22:30:00Z'), 2))).toBe('2026-12-02T22:30:00.000Z');
  });
});
