import { startTestServer, type TestServer } from '../helpers/test-server';

const ASK = `mutation($input: AskKnownToTeamInput!) { askKnownToTeam(input: $input) { id known askedAt organisation { name } } }`;

describe('"is this resident known to your team?" (issue 6)', () => {
  let s: TestServer;
  let caseId: string;
  let subjectId: string;
  const orgOf = async (login: string) => (await s.ds.query(`SELECT organisation_id FROM member WHERE login = $1`, [login]))[0].organisation_id as string;
  const logged = async () => (await s.ds.query(`SELECT count(*)::int AS n FROM known_to_team_query`))[0].n as number;

  beforeAll(async () => {
    s = await startTestServer();
    const zeistId = (await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`))[0].id;
    const reg = await s.as('sociaalteam.zeist').gql(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`, {
      input: { collaborationId: zeistId, reference: 'ZST-2026-800', kind: 'INDIVIDUAL' },
    });
    caseId = reg.data!.registerCase.id;
    // The resident of ZST-2026-001 comes up again in a new case.
    subjectId = (await s.ds.query(`SELECT id FROM subject WHERE pseudonym = 'ZST-P-0001'`))[0].id;
    await s.ds.query(`INSERT INTO case_subject (case_id, subject_id, role_in_case) VALUES ($1, $2, 'bewoner')`, [caseId, subjectId]);
  });
  afterAll(() => s.stop());

  test('[O21] the answer is yes or no only, and every question is logged with who asked whom', async () => {
    const yes = await s.as('sociaalteam.zeist').gql(ASK, { input: { caseId, subjectId, organisationId: await orgOf('wijkagent.zeist') } });
    expect(yes.errors).toBeUndefined();
    expect(Object.keys(yes.data!.askKnownToTeam).sort()).toEqual(['askedAt', 'id', 'known', 'organisation']);
    expect(yes.data!.askKnownToTeam.known).toBe(true);
    // RK Woningbouwvereniging is a party of Zeist, but not in ZST-2026-001 and provided nothing about this resident.
    const rkwbv = (await s.ds.query(`SELECT id FROM organisation WHERE name = 'RK Woningbouwvereniging Zeist'`))[0].id;
    const no = await s.as('sociaalteam.zeist').gql(ASK, { input: { caseId, subjectId, organisationId: rkwbv } });
    expect(no.data!.askKnownToTeam.known).toBe(false);
    const rows = await s.ds.query(
      `SELECT q.known, m.login, q.asked_organisation_id FROM known_to_team_query q JOIN member m ON m.id = q.asked_by_id WHERE q.case_id = $1 ORDER BY q.created_at`,
      [caseId],
    );
    expect(rows.map((r: any) => [r.known, r.login])).toEqual([[true, 'sociaalteam.zeist'], [false, 'sociaalteam.zeist']]);
    const [audit] = await s.ds.query(`SELECT count(*)::int AS n FROM mutation_audit WHERE operation = 'askKnownToTeam'`);
    expect(audit.n).toBe(2);
  });

  test('[O21] only the one directing the case asks, only a party of the collaboration is asked; a refusal logs nothing', async () => {
    const before = await logged();
    const plain = await s.as('woonconsulent.zeist').gql(ASK, { input: { caseId, subjectId, organisationId: await orgOf('wijkagent.zeist') } });
    expect(plain.errors?.[0].extensions?.code).toBe('NOT_FOUND'); // woongoed does not take part in this case
    const notParty = await s.as('sociaalteam.zeist').gql(ASK, { input: { caseId, subjectId, organisationId: await orgOf('woonconsulent.dewolden') } });
    expect(notParty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    const woongoed = await orgOf('woonconsulent.zeist');
    await s.as('sociaalteam.zeist').gql(`mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id } }`, {
      input: { caseId, organisationId: woongoed, role: 'PARTNER' },
    });
    const member = await s.as('woonconsulent.zeist').gql(ASK, { input: { caseId, subjectId, organisationId: await orgOf('wijkagent.zeist') } });
    expect(member.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PROCESS_DIRECTOR' });
    expect(await logged()).toBe(before);
  });
});
