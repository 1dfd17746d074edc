import { applyRetention } from '../../src/domain/case/retention';
import { startTestServer, testClock, type TestServer } from '../helpers/test-server';

/**
 * Done-when of issue 6: per seed collaboration, a case walks from intake to de-escalation through the API
 * as that collaboration's personas, asserting who sees what at each phase; after the retention term the
 * removed data is gone from the database.
 */
const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id phase } }`;
const STEP = `mutation($input: ChangeCasePhaseInput!) { changeCasePhase(input: $input) { phase phaseHistory { toPhase complexCaseCriteria by { login } } } }`;
const INVITE = `mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id } }`;
const ADD_SUBJECT = `mutation($input: AddSubjectInput!) { addSubject(input: $input) { id } }`;
const ADD_ITEM = `mutation($input: AddInformationItemInput!) { addInformationItem(input: $input) { id } }`;
const CASE = `query($id: ID!) { case(id: $id) { phase participants { role } } }`;

interface Walk {
  slug: string;
  reference: string;
  director: string;
  partner: string;
  outsider: string;
}

const WALKS: Walk[] = [
  { slug: 'zeist', reference: 'ZST-2027-001', director: 'sociaalteam.zeist', partner: 'woonconsulent.zeist', outsider: 'opbouwwerker.zeist' },
  { slug: 'dewolden', reference: 'DWL-2027-001', director: 'dorpencontact.dewolden', partner: 'woonconsulent.dewolden', outsider: 'wijkagent.dewolden' },
  { slug: 'zvhd', reference: 'ZVHD-2027-001', director: 'procesregisseur.zvhd', partner: 'reclassering.zvhd', outsider: 'ggz.zvhd' },
  { slug: 'walcheren', reference: 'WTW-2027-001', director: 'consulent.walcheren', partner: 'corporatie.walcheren', outsider: 'begeleider.walcheren' },
];

describe('a case from intake to de-escalation, per collaboration (issue 6)', () => {
  const clock = testClock('2027-01-04T09:00:00Z');
  let s: TestServer;
  const walked = new Map<string, { caseId: string; subjectId: string }>();
  const member = async (login: string) =>
    (await s.ds.query(`SELECT id, organisation_id FROM member WHERE login = $1`, [login]))[0] as { id: string; organisation_id: string };
  const items = async (caseId: string) => (await s.ds.query(`SELECT count(*)::int AS n FROM information_item WHERE case_id = $1`, [caseId]))[0].n;
  const sees = async (login: string, caseId: string) => {
    const r = await s.as(login).gql(CASE, { id: caseId });
    return r.errors ? (r.errors[0].extensions?.code as string) : (r.data!.case.phase as string);
  };

  beforeAll(async () => {
    s = await startTestServer({ clock: clock.clock });
  });
  afterAll(() => s.stop());

  test.each(WALKS)('[O27] [O30] $slug: intake → triage → case meeting → action plan → monitoring → de-escalated', async (w) => {
    const colId = (await s.ds.query(`SELECT id FROM collaboration WHERE slug = $1`, [w.slug]))[0].id;
    const partner = await member(w.partner);
    const step = (login: string, to: string, extra: Record<string, unknown> = {}) =>
      s.as(login).gql(STEP, { input: { caseId, to, reason: `${w.slug}: ${to}`, ...extra } });

    // Intake: only the reporting organisation sees the case.
    const reg = await s.as(w.director).gql(REGISTER, {
      input: { collaborationId: colId, reference: w.reference, kind: 'INDIVIDUAL', lifeDomains: ['WONEN', 'FINANCIEN', 'VEILIGHEID'] },
    });
    expect(reg.errors).toBeUndefined();
    const caseId: string = reg.data!.registerCase.id;
    const subjectId: string = (await s.as(w.director).gql(ADD_SUBJECT, { input: { caseId, roleInCase: 'bewoner' } })).data!.addSubject.id;
    walked.set(w.slug, { caseId, subjectId });
    expect(await sees(w.director, caseId)).toBe('INTAKE');
    expect(await sees(w.partner, caseId)).toBe('NOT_FOUND');

    // Triage: the process director invites the partner needed; the outsider, a party too, still sees nothing.
    clock.advanceDays(2);
    // [O28] ZVHD takes a case on only when the complex-case criteria of bijlage 2 are met.
    const criteria = w.slug === 'zvhd' ? { complexCaseCriteria: ['SYSTEM_IMPACT', 'MULTIPLE_CHAINS_NEEDED', 'MULTI_PROBLEM'] } : {};
    if (w.slug === 'zvhd') {
      const notComplex = await step(w.director, 'TRIAGE', { complexCaseCriteria: ['SYSTEM_IMPACT', 'MULTI_PROBLEM'] });
      expect(notComplex.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'complexCaseCriteria' });
      expect(await sees(w.director, caseId)).toBe('INTAKE');
    }
    const triage = await step(w.director, 'TRIAGE', criteria);
    expect(triage.errors).toBeUndefined();
    expect(triage.data!.changeCasePhase.phase).toBe('TRIAGE');
    expect((await s.as(w.director).gql(INVITE, { input: { caseId, organisationId: partner.organisation_id, role: 'PARTNER' } })).errors).toBeUndefined();
    expect(await sees(w.partner, caseId)).toBe('TRIAGE');
    expect(await sees(w.outsider, caseId)).toBe('NOT_FOUND');
    // The partner cannot take the step; the outsider cannot even find the case. Nothing changes.
    expect((await step(w.partner, 'CASE_MEETING')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await step(w.outsider, 'CASE_MEETING')).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await sees(w.director, caseId)).toBe('TRIAGE');

    // Case meeting: the partner provides information.
    clock.advanceDays(7);
    expect((await step(w.director, 'CASE_MEETING')).data?.changeCasePhase.phase).toBe('CASE_MEETING');
    const item = await s.as(w.partner).gql(ADD_ITEM, { input: { caseId, subjectId, category: 'HOUSING', content: 'Huurachterstand 2 maanden' } });
    expect(item.errors).toBeUndefined();
    expect(await items(caseId)).toBe(1);
    // The director reads the subject's information: the disclosure log records the reading (O12).
    const read = await s.as(w.director, 'CASE_COORDINATION').gql(
      `query($id: ID!) { case(id: $id) { subjects { information { housing { content } } } } }`, { id: caseId },
    );
    expect(read.data?.case.subjects).toHaveLength(1);

    // Action plan with the partner's member as case director (O29), who starts the monitoring.
    clock.advanceDays(7);
    expect((await step(w.director, 'ACTION_PLAN', { caseDirectorId: partner.id })).data?.changeCasePhase.phase).toBe('ACTION_PLAN');
    expect((await step(w.partner, 'MONITORING')).data?.changeCasePhase.phase).toBe('MONITORING');

    // De-escalation (process director only) cleans the dossier: the provided information is gone (O30).
    clock.advanceDays(60);
    expect((await step(w.partner, 'DE_ESCALATED')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const done = await step(w.director, 'DE_ESCALATED');
    expect(done.data!.changeCasePhase.phaseHistory.map((h: any) => `${h.toPhase}:${h.by.login}`)).toEqual([
      `TRIAGE:${w.director}`, `CASE_MEETING:${w.director}`, `ACTION_PLAN:${w.director}`, `MONITORING:${w.partner}`, `DE_ESCALATED:${w.director}`,
    ]);
    expect(done.data!.changeCasePhase.phaseHistory[0].complexCaseCriteria).toEqual(
      w.slug === 'zvhd' ? ['SYSTEM_IMPACT', 'MULTIPLE_CHAINS_NEEDED', 'MULTI_PROBLEM'] : [],
    );
    expect(await items(caseId)).toBe(0);
    expect(await sees(w.partner, caseId)).toBe('DE_ESCALATED');
    const late = await s.as(w.partner).gql(ADD_ITEM, { input: { caseId, subjectId, category: 'HOUSING', content: 'nog iets' } });
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CASE_FINISHED' });
  });

  test('[O27] zeist: a de-escalated case takes no new participants', async () => {
    const { caseId } = walked.get('zeist')!;
    const huisarts = await member('huisarts.zeist');
    const inv = await s.as('sociaalteam.zeist').gql(INVITE, {
      input: { caseId, organisationId: huisarts.organisation_id, memberId: huisarts.id, role: 'AD_HOC' },
    });
    expect(inv.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CASE_FINISHED' });
  });

  test('[O30] [O38] after the retention term the finished cases are removed for real; the disclosure log keeps its records', async () => {
    const ids = [...walked.values()].map((v) => v.caseId);
    const subjects = [...walked.values()].map((v) => v.subjectId);
    const logged = async () => (await s.ds.query(`SELECT count(*)::int AS n FROM disclosure_log WHERE case_id = ANY($1::uuid[])`, [ids]))[0].n;
    const logBefore = await logged();
    expect(logBefore).toBeGreaterThan(0);

    // One day short of the term of the case de-escalated last (Walcheren): that one stays.
    const early = await applyRetention(s.ds, new Date(clock.now().getTime() + 729 * 86_400_000), '2 years');
    expect(early.removedCases).toContain('ZST-2027-001');
    expect(early.removedCases).not.toContain('WTW-2027-001');
    expect((await s.ds.query(`SELECT count(*)::int AS n FROM "case" WHERE reference = 'WTW-2027-001'`))[0].n).toBe(1);

    clock.advanceDays(731);
    const r = await applyRetention(s.ds, clock.now(), '2 years');
    expect(r.removedCases).toContain('WTW-2027-001');
    const [gone] = await s.ds.query(
      `SELECT (SELECT count(*) FROM "case" WHERE id = ANY($1::uuid[]))::int AS cases,
              (SELECT count(*) FROM case_participant WHERE case_id = ANY($1::uuid[]))::int AS participants,
              (SELECT count(*) FROM case_subject WHERE case_id = ANY($1::uuid[]))::int AS links,
              (SELECT count(*) FROM case_phase_transition WHERE case_id = ANY($1::uuid[]))::int AS transitions,
              (SELECT count(*) FROM information_item WHERE case_id = ANY($1::uuid[]))::int AS items,
              (SELECT count(*) FROM subject WHERE id = ANY($2::uuid[]))::int AS subjects`,
      [ids, subjects],
    );
    expect(gone).toEqual({ cases: 0, participants: 0, links: 0, transitions: 0, items: 0, subjects: 0 });
    expect(await logged()).toBe(logBefore);
    // The removal is attributed in the audit trail.
    const [audit] = await s.ds.query(`SELECT count(*)::int AS n FROM mutation_audit WHERE operation = 'retention:apply' AND table_name = 'case' AND action = 'DELETE'`);
    expect(audit.n).toBeGreaterThanOrEqual(4);
    expect(early.removedSubjects + r.removedSubjects).toBeGreaterThanOrEqual(4);
    expect(await sees('sociaalteam.zeist', ids[0])).toBe('NOT_FOUND');
  });
});
