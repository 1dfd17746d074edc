import { CaseOutcome, CasePhase, ComplexCaseCriterion, type LifeDomain } from './case.entity.js';

export { CaseOutcome };

/**
 * Who may take a step: the case's process director, or a member with role PROCESS_DIRECTOR or
 * COORDINATOR of a partner (`DIRECTOR`); the case director appointed by the case meeting (ZVHD 14.2–14.3:
 * oversees the plan and agrees progress with the process director) only where named (`CASE_DIRECTOR`).
 */
export type TransitionActor = 'DIRECTOR' | 'CASE_DIRECTOR';

export interface PhaseTransitionRule {
  from: CasePhase;
  to: CasePhase;
  outcome: CaseOutcome;
  by: TransitionActor[];
}

const D: TransitionActor[] = ['DIRECTOR'];
const DC: TransitionActor[] = ['DIRECTOR', 'CASE_DIRECTOR'];
const { INTAKE, TRIAGE, CASE_MEETING, ACTION_PLAN, MONITORING, DE_ESCALATED, REFERRED, CLOSED } = CasePhase;
const { TAKEN_ON, REFERRED_WITH_ADVICE, NOT_SUITABLE } = CaseOutcome;

/**
 * The work process of ZVHD bijlage 3 as the only allowed steps (O27): aanmelding en intake → triage en
 * voorbereiding → maatwerkoverleg → plan van aanpak / monitoring → afschalen; from intake, triage and the
 * case meeting a case may be referred elsewhere with advice or found not suitable. A monitored case may
 * go back to a case meeting. Referred and de-escalated cases are closed when their dossier is done.
 */
export const PHASE_TRANSITIONS: readonly PhaseTransitionRule[] = [
  { from: INTAKE, to: TRIAGE, outcome: TAKEN_ON, by: D },
  { from: INTAKE, to: REFERRED, outcome: REFERRED_WITH_ADVICE, by: D },
  { from: INTAKE, to: CLOSED, outcome: NOT_SUITABLE, by: D },
  { from: TRIAGE, to: CASE_MEETING, outcome: TAKEN_ON, by: D },
  { from: TRIAGE, to: REFERRED, outcome: REFERRED_WITH_ADVICE, by: D },
  { from: TRIAGE, to: CLOSED, outcome: NOT_SUITABLE, by: D },
  { from: CASE_MEETING, to: ACTION_PLAN, outcome: TAKEN_ON, by: D },
  { from: CASE_MEETING, to: REFERRED, outcome: REFERRED_WITH_ADVICE, by: D },
  { from: CASE_MEETING, to: CLOSED, outcome: NOT_SUITABLE, by: D },
  { from: CASE_MEETING, to: DE_ESCALATED, outcome: CaseOutcome.DE_ESCALATED, by: D },
  { from: ACTION_PLAN, to: MONITORING, outcome: TAKEN_ON, by: DC },
  { from: ACTION_PLAN, to: DE_ESCALATED, outcome: CaseOutcome.DE_ESCALATED, by: D },
  { from: MONITORING, to: CASE_MEETING, outcome: TAKEN_ON, by: DC },
  { from: MONITORING, to: DE_ESCALATED, outcome: CaseOutcome.DE_ESCALATED, by: D },
  { from: REFERRED, to: CLOSED, outcome: REFERRED_WITH_ADVICE, by: D },
  { from: DE_ESCALATED, to: CLOSED, outcome: CaseOutcome.DE_ESCALATED, by: D },
];

/** Phases in which the case is no longer worked on: no new subjects, information or participants. */
export const FINISHED_PHASES: ReadonlySet<CasePhase> = new Set([DE_ESCALATED, REFERRED, CLOSED]);

export function transitionRule(from: CasePhase, to: CasePhase): PhaseTransitionRule | undefined {
  return PHASE_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The phases a case in `from` may move to, for the actors given. */
export function nextPhases(from: CasePhase, actors: readonly TransitionActor[]): CasePhase[] {
  return PHASE_TRANSITIONS.filter((t) => t.from === from && t.by.some((a) => actors.includes(a))).map((t) => t.to);
}

/**
 * ZVHD bijlage 2 (O28): a case is complex casuistry when there is a serious local safety problem or an impact
 * on the (family) system, and cooperation of several chains is needed, and there are several problems on
 * more than one life domain. Null when met, else what is missing.
 */
export function complexCaseFailure(criteria: readonly ComplexCaseCriterion[], lifeDomains: readonly LifeDomain[]): string | null {
  const has = (c: ComplexCaseCriterion) => criteria.includes(c);
  if (!has(ComplexCaseCriterion.LOCAL_SAFETY_PROBLEM) && !has(ComplexCaseCriterion.SYSTEM_IMPACT)) {
    return 'a serious local safety problem or an impact on the (family) system';
  }
  if (!has(ComplexCaseCriterion.MULTIPLE_CHAINS_NEEDED)) return 'cooperation of several chains being needed';
  if (!has(ComplexCaseCriterion.MULTI_PROBLEM)) return 'several problems on more than one life domain';
  if (lifeDomains.length < 2) return 'the case names more than one life domain';
  return null;
}
