import { isoDate } from '../../src/common/clock';

describe('dates on the Dutch calendar (src/common/clock.ts)', () => {
  test('[O5] a moment’s date is its Dutch date: after Dutch midnight it is the next day, in winter and in summer time', () => {
    expect(isoDate(new Date('2026-11-30T22:59:59Z'))).toBe('2026-11-30'); // 23:59:59 CET
    expect(isoDate(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01'); // 00:30 CET
    expect(isoDate(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30'); // 23:59:59 CEST
    expect(isoDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01'); // 00:30 CEST
  });
});
