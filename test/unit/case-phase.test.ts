import { CasePhase } from '../../src/domain/case/case.entity';
import { ComplexCaseCriterion as K, LifeDomain as L } from '../../src/domain/case/case.entity';
import { complexCaseFailure, FINISHED_PHASES, nextPhases, PHASE_TRANSITIONS, transitionRule } from '../../src/domain/case/case-phase';

describe('case phases (ZVHD bijlage 3)', () => {
  test('[O27] intake, triage and case meeting may each refer elsewhere or end as not suitable; nothing goes back to intake', () => {
    for (const from of [CasePhase.INTAKE, CasePhase.TRIAGE, CasePhase.CASE_MEETING]) {
      expect(transitionRule(from, CasePhase.REFERRED)?.outcome).toBe('REFERRED_WITH_ADVICE');
      expect(transitionRule(from, CasePhase.CLOSED)?.outcome).toBe('NOT_SUITABLE');
    }
    expect(PHASE_TRANSITIONS.filter((t) => t.to === CasePhase.INTAKE)).toEqual([]);
    expect(transitionRule(CasePhase.INTAKE, CasePhase.ACTION_PLAN)).toBeUndefined();
  });

  test('[O27] a closed case goes nowhere; every finished phase leads only to closing', () => {
    expect(nextPhases(CasePhase.CLOSED, ['DIRECTOR', 'CASE_DIRECTOR'])).toEqual([]);
    for (const f of FINISHED_PHASES) {
      for (const to of nextPhases(f, ['DIRECTOR', 'CASE_DIRECTOR'])) expect(to).toBe(CasePhase.CLOSED);
    }
  });

  test('[O27] the case director only moves a plan into monitoring and back to a case meeting', () => {
    const byCaseDirector = PHASE_TRANSITIONS.filter((t) => t.by.includes('CASE_DIRECTOR')).map((t) => `${t.from}>${t.to}`);
    expect(byCaseDirector.sort()).toEqual(['ACTION_PLAN>MONITORING', 'MONITORING>CASE_MEETING']);
    expect(nextPhases(CasePhase.MONITORING, [])).toEqual([]);
  });

  test('every phase is reachable from intake', () => {
    const seen = new Set<CasePhase>([CasePhase.INTAKE]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of PHASE_TRANSITIONS) if (seen.has(t.from) && !seen.has(t.to)) seen.add(t.to), (grew = true);
    }
    expect([...seen].sort()).toEqual(Object.values(CasePhase).sort());
  });
});

describe('complex-case criteria (ZVHD bijlage 2)', () => {
  test('[O28] (local safety or system impact) and several chains and multi-problem on more than one life domain', () => {
    expect(complexCaseFailure([K.LOCAL_SAFETY_PROBLEM, K.MULTIPLE_CHAINS_NEEDED, K.MULTI_PROBLEM], [L.WONEN, L.VEILIGHEID])).toBeNull();
    expect(complexCaseFailure([K.SYSTEM_IMPACT, K.MULTIPLE_CHAINS_NEEDED, K.MULTI_PROBLEM], [L.WONEN, L.GEZONDHEID])).toBeNull();
    expect(complexCaseFailure([K.MULTIPLE_CHAINS_NEEDED, K.MULTI_PROBLEM], [L.WONEN, L.VEILIGHEID])).toMatch(/safety|system/);
    expect(complexCaseFailure([K.SYSTEM_IMPACT, K.MULTI_PROBLEM], [L.WONEN, L.VEILIGHEID])).toMatch(/chains/);
    expect(complexCaseFailure([K.SYSTEM_IMPACT, K.MULTIPLE_CHAINS_NEEDED, K.MULTI_PROBLEM], [L.WONEN])).toMatch(/life domain/);
  });
});
