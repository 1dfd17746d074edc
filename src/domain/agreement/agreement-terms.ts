import { addDays, addMonths } from '../../common/clock.js';

/**
 * Term, renewal and notice of an agreement (O2), a pure function of its terms and a date. End dates are
 * exclusive: "tenminste tot 1 januari 2026" ends the first term on 2026-01-01, when the first automatic
 * renewal starts (De Wolden 14.1: each time one year, at most 4 times).
 */
export interface TermFacts {
  effectiveDate: string | null;
  minimumTermMonths: number | null;
  renewalPeriodMonths: number | null;
  maxRenewals: number | null;
  noticePeriodMonths: number | null;
}

export interface TermState {
  /** End of the running term (null: indefinite). */
  currentTermEndsOn: string | null;
  /** Automatic renewals that have taken place by `today`. */
  renewalsUsed: number;
  /** The next automatic renewal, if another is allowed. */
  nextRenewalOn: string | null;
  /** The last day written notice prevents the next renewal (next renewal minus the notice period). */
  noticeDeadline: string | null;
  /** When the agreement ends at the latest (null: no maximum). */
  finalEndDate: string | null;
}

export function termState(a: TermFacts, today: string): TermState {
  const none: TermState = { currentTermEndsOn: null, renewalsUsed: 0, nextRenewalOn: null, noticeDeadline: null, finalEndDate: null };
  if (!a.effectiveDate || a.minimumTermMonths == null) return none; // indefinite (ZVHD 25.1)
  const first = addMonths(a.effectiveDate, a.minimumTermMonths);
  const p = a.renewalPeriodMonths;
  const max = p == null ? 0 : a.maxRenewals;
  const finalEndDate = max == null ? null : addMonths(first, (p ?? 0) * max);
  let renewalsUsed = 0;
  let end = first;
  while (p != null && end <= today && (max == null || renewalsUsed < max)) {
    renewalsUsed += 1;
    end = addMonths(first, p * renewalsUsed);
  }
  const another = p != null && (max == null || renewalsUsed < max);
  const nextRenewalOn = another ? end : null;
  const noticeDeadline = nextRenewalOn && a.noticePeriodMonths != null ? addDays(addMonths(nextRenewalOn, -a.noticePeriodMonths), -1) : null;
  return { currentTermEndsOn: end, renewalsUsed, nextRenewalOn, noticeDeadline, finalEndDate };
}
