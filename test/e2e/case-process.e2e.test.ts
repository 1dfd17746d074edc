import { startTestServer, testClock, type TestServer } from '../helpers/test-server';

const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id phase nextPhases } }`;
const STEP = `mutation($input: ChangeCasePhaseInput!) { changeCasePhase(input: $input) { id phase nextPhases caseDirector { login }
  processDirector { login } phaseHistory { fromPhase toPhase outcome reason advice at by { login } } } }`;
const INVITE = `mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id role confidentialitySignedAt } }`;
const SIGN = `mutation($input: RecordConfidentialityStatementInput!) { recordConfidentialityStatement(input: $input) {
  id role confidentialitySignedAt confidentialityLegalGround member { login } } }`;
const REMOVE = `mutation($id: ID!) { removeParticipant(participantId: $id) { id participants { role organisation { name } } } }`;
const CASE = `query($id: ID!) { case(id: $id) { reference phase } }`;
const ADD_SUBJECT = `mutation($input: AddSubjectInput!) { addSubject(input: $input) { id } }`;

/** Row counts of what the process mutations write: "nothing changed" means these and the phase do not move. */
async function snapshot(s: TestServer, caseId: string) {
  const [row] = await s.ds.query(
    `SELECT (SELECT phase FROM "case" WHERE id = $1) AS phase, (SELECT case_director_id FROM "case" WHERE id = $1) AS case_director,
       (SELECT count(*) FROM case_phase_transition)::int AS transitions, (SELECT count(*) FROM case_participant)::int AS participants,
       (SELECT count(*) FROM case_participant WHERE confidentiality_signed_at IS NOT NULL)::int AS statements,
       (SELECT count(*) FROM mutation_audit)::int AS audit`,
    [caseId],
  );
  return row as Record<string, unknown>;
}

describe('case process (issue 6)', () => {
  const clock = testClock('2026-03-02T09:00:00Z');
  let s: TestServer;
  let zeistId: string;
  const member = async (login: string) =>
    (await s.ds.query(`SELECT id, organisation_id FROM member WHERE login = $1`, [login]))[0] as { id: string; organisation_id: string };

  beforeAll(async () => {
    s = await startTestServer({ clock: clock.clock });
    zeistId = (await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`))[0].id;
  });
  afterAll(() => s.stop());

  async function register(reference: string, login = 'sociaalteam.zeist', collaborationId = zeistId) {
    const res = await s.as(login).gql(REGISTER, { input: { collaborationId, reference, kind: 'INDIVIDUAL' } });
    expect(res.errors).toBeUndefined();
    return res.data!.registerCase as { id: string; phase: string; nextPhases: string[] };
  }

  test('[O27] a case walks intake → triage → case meeting → action plan → monitoring → de-escalated; each step recorded with who, when and why', async () => {
    const c = await register('ZST-2026-600');
    expect(c).toMatchObject({ phase: 'INTAKE', nextPhases: ['TRIAGE', 'REFERRED', 'CLOSED'] });
    const woongoed = await member('woonconsulent.zeist');
    await s.as('sociaalteam.zeist').gql(INVITE, { input: { caseId: c.id, organisationId: woongoed.organisation_id, role: 'PARTNER' } });

    const step = (login: string, to: string, extra: Record<string, unknown> = {}) =>
      s.as(login).gql(STEP, { input: { caseId: c.id, to, reason: `stap naar ${to}`, ...extra } });
    expect((await step('sociaalteam.zeist', 'TRIAGE')).data?.changeCasePhase.phase).toBe('TRIAGE');
    clock.advanceDays(7);
    expect((await step('sociaalteam.zeist', 'CASE_MEETING')).data?.changeCasePhase.phase).toBe('CASE_MEETING');

    // [O29] the action plan comes with a case director, a member of a partner taking part.
    const before = await snapshot(s, c.id);
    const noDirector = await step('sociaalteam.zeist', 'ACTION_PLAN');
    expect(noDirector.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseDirectorId' });
    const outsider = await step('sociaalteam.zeist', 'ACTION_PLAN', { caseDirectorId: (await member('wijkagent.zeist')).id });
    expect(outsider.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseDirectorId' });
    expect(await snapshot(s, c.id)).toEqual(before);

    clock.advanceDays(14);
    const plan = await step('sociaalteam.zeist', 'ACTION_PLAN', { caseDirectorId: woongoed.id });
    expect(plan.errors).toBeUndefined();
    expect(plan.data!.changeCasePhase).toMatchObject({ phase: 'ACTION_PLAN', caseDirector: { login: 'woonconsulent.zeist' } });

    // The case director oversees the plan (ZVHD 14.2): starts monitoring, but de-escalation is the process director's.
    const monitoring = await step('woonconsulent.zeist', 'MONITORING');
    expect(monitoring.data?.changeCasePhase).toMatchObject({ phase: 'MONITORING', nextPhases: ['CASE_MEETING'] });
    const byCaseDirector = await step('woonconsulent.zeist', 'DE_ESCALATED');
    expect(byCaseDirector.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ALLOWED_TO_STEP' });

    clock.advanceDays(90);
    const done = await step('sociaalteam.zeist', 'DE_ESCALATED');
    expect(done.errors).toBeUndefined();
    const t = done.data!.changeCasePhase;
    expect(t.phase).toBe('DE_ESCALATED');
    expect(t.processDirector.login).toBe('sociaalteam.zeist');
    expect(t.phaseHistory.map((h: any) => [h.fromPhase, h.toPhase, h.outcome, h.by.login])).toEqual([
      ['INTAKE', 'TRIAGE', 'TAKEN_ON', 'sociaalteam.zeist'],
      ['TRIAGE', 'CASE_MEETING', 'TAKEN_ON', 'sociaalteam.zeist'],
      ['CASE_MEETING', 'ACTION_PLAN', 'TAKEN_ON', 'sociaalteam.zeist'],
      ['ACTION_PLAN', 'MONITORING', 'TAKEN_ON', 'woonconsulent.zeist'],
      ['MONITORING', 'DE_ESCALATED', 'DE_ESCALATED', 'sociaalteam.zeist'],
    ]);
    // Time from the injectable clock, not the wall clock.
    expect(t.phaseHistory[0].at).toBe('2026-03-02T09:00:00.000Z');
    expect(t.phaseHistory[4].at).toBe(clock.now().toISOString());
    expect(t.phaseHistory[4].reason).toBe('stap naar DE_ESCALATED');

    // A de-escalated case takes no new subjects.
    const late = await s.as('sociaalteam.zeist').gql(ADD_SUBJECT, { input: { caseId: c.id, roleInCase: 'bewoner' } });
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CASE_FINISHED' });
    // The audit trail attributes each step to its operation.
    const [audit] = await s.ds.query(
      `SELECT count(*)::int AS n FROM mutation_audit WHERE operation = 'changeCasePhase' AND table_name = 'case_phase_transition' AND row_id IN
         (SELECT id::text FROM case_phase_transition WHERE case_id = $1)`,
      [c.id],
    );
    expect(audit.n).toBe(5);
  });

  test('[O27] an illegal transition → CONFLICT ILLEGAL_TRANSITION; a member who does not direct the case → FORBIDDEN; nothing changes', async () => {
    const c = await register('ZST-2026-601');
    const woongoed = await member('woonconsulent.zeist');
    await s.as('sociaalteam.zeist').gql(INVITE, { input: { caseId: c.id, organisationId: woongoed.organisation_id, role: 'PARTNER' } });
    const before = await snapshot(s, c.id);
    const skip = await s.as('sociaalteam.zeist').gql(STEP, { input: { caseId: c.id, to: 'ACTION_PLAN', reason: 'snel' } });
    expect(skip.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION', from: 'INTAKE', to: 'ACTION_PLAN' });
    const back = await s.as('sociaalteam.zeist').gql(STEP, { input: { caseId: c.id, to: 'INTAKE', reason: 'terug' } });
    expect(back.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    const plainMember = await s.as('woonconsulent.zeist').gql(STEP, { input: { caseId: c.id, to: 'TRIAGE', reason: 'doorzetten' } });
    expect(plainMember.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ALLOWED_TO_STEP' });
    const noReason = await s.as('sociaalteam.zeist').gql(STEP, { input: { caseId: c.id, to: 'TRIAGE', reason: '' } });
    expect(noReason.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // A referral elsewhere carries advice to the reporting party (ZVHD bijlage 3).
    const noAdvice = await s.as('sociaalteam.zeist').gql(STEP, { input: { caseId: c.id, to: 'REFERRED', reason: 'hoort bij ZSM' } });
    expect(noAdvice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'advice' });
    // [O6] a member whose organisation does not take part sees no case to step.
    const uninvited = await s.as('dorpencontact.dewolden').gql(STEP, { input: { caseId: c.id, to: 'TRIAGE', reason: 'x y z' } });
    expect(uninvited.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await snapshot(s, c.id)).toEqual(before);

    const referred = await s.as('sociaalteam.zeist').gql(STEP, {
      input: { caseId: c.id, to: 'REFERRED', reason: 'hoort bij ZSM', advice: 'Meld aan bij ZSM-tafel' },
    });
    expect(referred.data?.changeCasePhase).toMatchObject({
      phase: 'REFERRED', nextPhases: ['CLOSED'], phaseHistory: [{ outcome: 'REFERRED_WITH_ADVICE', advice: 'Meld aan bij ZSM-tafel' }],
    });
  });

  test('[O20] an ad-hoc participant sees nothing until its signed confidentiality statement with legal ground is recorded', async () => {
    const c = await register('ZST-2026-602');
    const huisarts = await member('huisarts.zeist');
    const inv = await s.as('sociaalteam.zeist').gql(INVITE, {
      input: { caseId: c.id, organisationId: huisarts.organisation_id, memberId: huisarts.id, role: 'AD_HOC' },
    });
    expect(inv.data?.inviteParticipant).toMatchObject({ role: 'AD_HOC', confidentialitySignedAt: null });
    const participantId = inv.data!.inviteParticipant.id;

    const unsigned = await s.as('huisarts.zeist').gql(CASE, { id: c.id });
    expect(unsigned.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONFIDENTIALITY_STATEMENT_MISSING' });
    const listed = await s.as('huisarts.zeist').gql(`{ cases(first: 50) { edges { node { id } } } }`);
    expect(listed.data!.cases.edges.map((e: any) => e.node.id)).not.toContain(c.id);

    const before = await snapshot(s, c.id);
    const byPartner = await s.as('wijkagent.zeist').gql(SIGN, { input: { participantId, legalGround: 'Zeist art. 11' } });
    expect(byPartner.errors?.[0].extensions?.code).toBe('NOT_FOUND'); // the police do not take part in this case
    const noGround = await s.as('sociaalteam.zeist').gql(SIGN, { input: { participantId, legalGround: '' } });
    expect(noGround.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await snapshot(s, c.id)).toEqual(before);

    clock.advanceDays(1);
    const signed = await s.as('sociaalteam.zeist').gql(SIGN, {
      input: { participantId, legalGround: 'Privacyregeling Zeist art. 11, bijlage 1.a; WGBO 7:457 BW' },
    });
    expect(signed.errors).toBeUndefined();
    expect(signed.data!.recordConfidentialityStatement).toMatchObject({
      member: { login: 'huisarts.zeist' }, confidentialitySignedAt: clock.now().toISOString(),
      confidentialityLegalGround: 'Privacyregeling Zeist art. 11, bijlage 1.a; WGBO 7:457 BW',
    });
    const again = await s.as('sociaalteam.zeist').gql(SIGN, { input: { participantId, legalGround: 'nogmaals art. 11' } });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const seen = await s.as('huisarts.zeist').gql(CASE, { id: c.id });
    expect(seen.data?.case.reference).toBe('ZST-2026-602');

    // Only ad-hoc participants sign a statement.
    const partner = (await s.ds.query(`SELECT id FROM case_participant WHERE case_id = $1 AND role = 'PARTNER'`, [c.id]))[0].id;
    const onPartner = await s.as('sociaalteam.zeist').gql(SIGN, { input: { participantId: partner, legalGround: 'Zeist art. 11' } });
    expect(onPartner.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'participantId' });
  });

  test('[O20] the database itself hides the case from an ad-hoc member without a recorded statement (row-level security)', async () => {
    const c = await register('ZST-2026-603');
    const huisarts = await member('huisarts.zeist');
    await s.as('sociaalteam.zeist').gql(INVITE, {
      input: { caseId: c.id, organisationId: huisarts.organisation_id, memberId: huisarts.id, role: 'AD_HOC' },
    });
    const qr = s.ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      await qr.query(`SET LOCAL ROLE schakel_app`);
      await qr.query(`SELECT set_config('schakel.member_id', $1, true), set_config('schakel.organisation_id', $2, true)`, [
        huisarts.id, huisarts.organisation_id,
      ]);
      expect(await qr.query(`SELECT id FROM "case" WHERE id = $1`, [c.id])).toHaveLength(0);
      await qr.rollbackTransaction();
    } finally {
      await qr.release();
    }
  });

  test('removing a participant removes its access on the next request; the own participation cannot be removed', async () => {
    const c = await register('ZST-2026-604');
    const police = await member('wijkagent.zeist');
    const huisarts = await member('huisarts.zeist');
    const p1 = await s.as('sociaalteam.zeist').gql(INVITE, { input: { caseId: c.id, organisationId: police.organisation_id, role: 'PARTNER' } });
    const p2 = await s.as('sociaalteam.zeist').gql(INVITE, {
      input: { caseId: c.id, organisationId: huisarts.organisation_id, memberId: huisarts.id, role: 'AD_HOC' },
    });
    await s.as('sociaalteam.zeist').gql(SIGN, { input: { participantId: p2.data!.inviteParticipant.id, legalGround: 'Zeist art. 11, bijlage 1.a' } });
    expect((await s.as('wijkagent.zeist').gql(CASE, { id: c.id })).data?.case.reference).toBe('ZST-2026-604');
    expect((await s.as('huisarts.zeist').gql(CASE, { id: c.id })).data?.case.reference).toBe('ZST-2026-604');

    const before = await snapshot(s, c.id);
    const byPolice = await s.as('wijkagent.zeist').gql(REMOVE, { id: p2.data!.inviteParticipant.id });
    expect(byPolice.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PROCESS_DIRECTOR' });
    const own = (await s.ds.query(`SELECT id FROM case_participant WHERE case_id = $1 AND organisation_id <> $2 AND role = 'PARTNER' AND organisation_id <> $3`,
      [c.id, police.organisation_id, huisarts.organisation_id]))[0].id;
    const self = await s.as('sociaalteam.zeist').gql(REMOVE, { id: own });
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OWN_PARTICIPATION' });
    expect(await snapshot(s, c.id)).toEqual(before);

    const r1 = await s.as('sociaalteam.zeist').gql(REMOVE, { id: p1.data!.inviteParticipant.id });
    expect(r1.errors).toBeUndefined();
    const r2 = await s.as('sociaalteam.zeist').gql(REMOVE, { id: p2.data!.inviteParticipant.id });
    expect(r2.data!.removeParticipant.participants).toHaveLength(1);
    expect((await s.as('wijkagent.zeist').gql(CASE, { id: c.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await s.as('huisarts.zeist').gql(CASE, { id: c.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const [audit] = await s.ds.query(`SELECT count(*)::int AS n FROM mutation_audit WHERE operation = 'removeParticipant' AND action = 'DELETE'`);
    expect(audit.n).toBe(2);
  });
});
