import { startTestServer, testClock, type TestServer } from '../helpers/test-server';

const RECORD = `mutation($input: RecordWelcomeAgreementInput!) { recordWelcomeAgreement(input: $input) { id startDate consentClauseSignedOn leaseType
  goalAreas evaluationDueFrom evaluationDueBy evaluationStatus } }`;
const EVALUATE = `mutation($input: WelcomeDateInput!) { recordWelcomeEvaluation(input: $input) { evaluationHeldOn evaluationStatus } }`;
const PERMANENT = `mutation($input: WelcomeDateInput!) { makeLeasePermanent(input: $input) { leaseType permanentSince } }`;
const STATUS = `query($id: ID!) { case(id: $id) { welcomeAgreement { evaluationStatus leaseType } } }`;
const AREAS = ['CARE', 'FINANCE', 'DAY_ACTIVITIES', 'NETWORK', 'HOUSING_RULES', 'NEIGHBOURLINESS'];
const goal = (area: string) => ({ area, result: `Resultaat ${area}`, measure: 'maandelijks besproken met begeleider', dueDate: '2026-12-01' });

describe('Weer Thuis op Walcheren: the Welkom in de Wijk Overeenkomst (issue 6)', () => {
  const clock = testClock('2026-06-01T09:00:00Z');
  let s: TestServer;
  let caseId: string;
  let subjectId: string;
  const orgOf = async (login: string) => (await s.ds.query(`SELECT organisation_id FROM member WHERE login = $1`, [login]))[0].organisation_id as string;
  const counts = async () => (await s.ds.query(`SELECT (SELECT count(*) FROM welcome_agreement)::int AS agreements,
      (SELECT count(*) FROM information_item)::int AS items, (SELECT count(*) FROM consent_record)::int AS consents`))[0];

  beforeAll(async () => {
    s = await startTestServer({ clock: clock.clock });
    const col = (await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'walcheren'`))[0].id;
    const d = s.as('consulent.walcheren');
    caseId = (await d.gql(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`, {
      input: { collaborationId: col, reference: 'WTW-2026-100', kind: 'INDIVIDUAL' },
    })).data!.registerCase.id;
    for (const login of ['corporatie.walcheren', 'begeleider.walcheren']) {
      const r = await d.gql(`mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id } }`, {
        input: { caseId, organisationId: await orgOf(login), role: 'PARTNER' },
      });
      expect(r.errors).toBeUndefined();
    }
    subjectId = (await d.gql(`mutation($input: AddSubjectInput!) { addSubject(input: $input) { id } }`, { input: { caseId, roleInCase: 'cliënt' } })).data!.addSubject.id;
  });
  afterAll(() => s.stop());

  test('[O31] SMART results in all six areas, [O25] with the signed consent clause; anything less writes nothing', async () => {
    const before = await counts();
    const fiveAreas = await s.as('consulent.walcheren').gql(RECORD, {
      input: { caseId, subjectId, startDate: '2026-06-01', consentClauseSignedOn: '2026-05-28', goals: AREAS.slice(1).map(goal) },
    });
    expect(fiveAreas.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'goals' });
    const unsigned = await s.as('consulent.walcheren').gql(RECORD, {
      input: { caseId, subjectId, startDate: '2026-06-01', consentClauseSignedOn: '2026-06-15', goals: AREAS.map(goal) },
    });
    expect(unsigned.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'consentClauseSignedOn' });
    const byCorporation = await s.as('corporatie.walcheren').gql(RECORD, {
      input: { caseId, subjectId, startDate: '2026-06-01', consentClauseSignedOn: '2026-05-28', goals: AREAS.map(goal) },
    });
    expect(byCorporation.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);

    const ok = await s.as('consulent.walcheren').gql(RECORD, {
      input: { caseId, subjectId, startDate: '2026-06-01', consentClauseSignedOn: '2026-05-28', goals: AREAS.map(goal) },
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.recordWelcomeAgreement).toMatchObject({
      leaseType: 'TEMPORARY', goalAreas: AREAS, evaluationDueFrom: '2026-09-01', evaluationDueBy: '2026-12-01', evaluationStatus: 'NOT_YET_DUE',
    });
    // The consent clause is each partner's consent (art. 3); the goals are information items under the policy.
    const after = await counts();
    expect(after.consents - before.consents).toBe(3);
    expect(after.items - before.items).toBe(6);
    const care = await s.as('begeleider.walcheren', 'CASE_COORDINATION').gql(
      `query($id: ID!) { case(id: $id) { subjects { information { care { content } } } } }`, { id: caseId },
    );
    expect(care.data!.case.subjects[0].information.care[0].content).toMatch(/^Welkom in de Wijk, CARE: Resultaat CARE/);
  });

  test('[O31] the evaluation falls between 3 and 6 months: due, overdue, held; then the corporation turns the lease permanent', async () => {
    const status = async () => (await s.as('corporatie.walcheren').gql(STATUS, { id: caseId })).data!.case.welcomeAgreement;
    clock.set('2026-09-02T09:00:00Z');
    expect((await status()).evaluationStatus).toBe('DUE');
    clock.set('2026-12-02T09:00:00Z');
    expect((await status()).evaluationStatus).toBe('OVERDUE');

    const early = await s.as('corporatie.walcheren').gql(PERMANENT, { input: { caseId, on: '2026-12-02' } });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'EVALUATION_MISSING' });
    const tooSoon = await s.as('consulent.walcheren').gql(EVALUATE, { input: { caseId, on: '2026-08-15' } });
    expect(tooSoon.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
    const held = await s.as('consulent.walcheren').gql(EVALUATE, { input: { caseId, on: '2026-11-20' } });
    expect(held.data!.recordWelcomeEvaluation).toEqual({ evaluationHeldOn: '2026-11-20', evaluationStatus: 'HELD' });

    const byMunicipality = await s.as('consulent.walcheren').gql(PERMANENT, { input: { caseId, on: '2026-12-02' } });
    expect(byMunicipality.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_CORPORATION' });
    const permanent = await s.as('corporatie.walcheren').gql(PERMANENT, { input: { caseId, on: '2026-12-02' } });
    expect(permanent.data!.makeLeasePermanent).toEqual({ leaseType: 'PERMANENT', permanentSince: '2026-12-02' });
  });

  test('[O31] rent arrears reach the home team within 2 weeks: late signals are listed; shown as the finance policy allows', async () => {
    const REPORT = `mutation($input: ReportRentArrearsInput!) { reportRentArrears(input: $input) { aroseOn deadline late } }`;
    const LIST = `query($id: ID!) { case(id: $id) { all: rentArrearsSignals { aroseOn late } late: rentArrearsSignals(lateOnly: true) { aroseOn deadline } } }`;
    clock.set('2026-12-02T09:00:00Z');
    const byCare = await s.as('begeleider.walcheren').gql(REPORT, { input: { caseId, subjectId, aroseOn: '2026-11-25' } });
    expect(byCare.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_CORPORATION' });
    const late = await s.as('corporatie.walcheren').gql(REPORT, { input: { caseId, subjectId, aroseOn: '2026-11-10' } });
    expect(late.data!.reportRentArrears).toEqual({ aroseOn: '2026-11-10', deadline: '2026-11-24', late: true });
    const onTime = await s.as('corporatie.walcheren').gql(REPORT, { input: { caseId, subjectId, aroseOn: '2026-11-25' } });
    expect(onTime.data!.reportRentArrears.late).toBe(false);

    const team = await s.as('begeleider.walcheren', 'CASE_COORDINATION').gql(LIST, { id: caseId });
    expect(team.data!.case).toEqual({
      all: [{ aroseOn: '2026-11-10', late: true }, { aroseOn: '2026-11-25', late: false }],
      late: [{ aroseOn: '2026-11-10', deadline: '2026-11-24' }],
    });
    // Without a purpose the policy gives no finance: no signals either.
    expect((await s.as('begeleider.walcheren').gql(LIST, { id: caseId })).data!.case.all).toEqual([]);
    // [O12] Reading a signal discloses its finance item: the log records it.
    const [item] = await s.ds.query(`SELECT i.id FROM information_item i WHERE i.case_id = $1 AND i.subject_id = $2 AND i.content LIKE 'Huurachterstand ontstaan op 2026-11-10%'`, [caseId, subjectId]);
    const [logged] = await s.ds.query(
      `SELECT count(*)::int AS n FROM disclosure_log d JOIN member m ON m.id = d.recipient_member_id WHERE m.login = 'begeleider.walcheren' AND $1::uuid = ANY(d.item_ids)`,
      [item.id],
    );
    expect(logged.n).toBeGreaterThan(0);
  });

  test('[O34] a rent-arrears signal is shown as its finance item is: not once the item is restricted on the subject’s request', async () => {
    const LIST = `query($id: ID!) { case(id: $id) { rentArrearsSignals { aroseOn } } }`;
    const shown = async () => (await s.as('begeleider.walcheren', 'CASE_COORDINATION').gql(LIST, { id: caseId })).data!.case.rentArrearsSignals.map((x: { aroseOn: string }) => x.aroseOn);
    expect(await shown()).toEqual(['2026-11-10', '2026-11-25']);
    const [item] = await s.ds.query(`SELECT i.id FROM information_item i WHERE i.case_id = $1 AND i.subject_id = $2 AND i.content LIKE 'Huurachterstand ontstaan op 2026-11-10%'`, [caseId, subjectId]);
    const restricted = await s.as('corporatie.walcheren').gql(
      `mutation($input: CorrectInformationInput!) { restrictInformation(input: $input) { kind } }`,
      { input: { itemId: item.id, reason: 'Betwist door betrokkene (AVG 18)' } },
    );
    expect(restricted.errors).toBeUndefined();
    expect(await shown()).toEqual(['2026-11-25']);
    // Its corporation still sees both.
    expect((await s.as('corporatie.walcheren', 'HOUSING_SUPPORT').gql(LIST, { id: caseId })).data!.case.rentArrearsSignals).toHaveLength(2);
  });

  test('[O6] the regievoerder finds no case of another collaboration to attach an agreement to', async () => {
    const zeist = (await s.ds.query(`SELECT c.id FROM "case" c WHERE c.reference = 'ZST-2026-001'`))[0].id;
    const res = await s.as('consulent.walcheren').gql(RECORD, {
      input: { caseId: zeist, subjectId, startDate: '2026-06-01', consentClauseSignedOn: '2026-05-28', goals: AREAS.map(goal) },
    });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
