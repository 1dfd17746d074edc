import { startTestServer, testClock, type TestServer } from '../helpers/test-server';

const INFORM = `mutation($input: RecordInformingInput!) { recordInforming(input: $input) { id status ageBand representation informedAt method
  exceptionGround explanation recordedAt provider { name } informsAfterwards { name } } }`;
const CONSENT = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id status ageBand representation explanation recordedAt provider { name } } }`;
const FINANCE = `query($id: ID!) { case(id: $id) { subjects { id information { finance { content informedStatus consentStatus } }
  informing { status exceptionGround explanation informsAfterwards { name } provider { name } }
  consents { status explanation provider { name } } } } }`;
const ADD_ITEM = `mutation($input: AddInformationItemInput!) { addInformationItem(input: $input) { id informedStatus consentStatus } }`;

async function counts(s: TestServer) {
  const [row] = await s.ds.query(`SELECT (SELECT count(*) FROM informing_record)::int AS informing, (SELECT count(*) FROM consent_record)::int AS consents,
    (SELECT string_agg(informed_status::text || '/' || consent_status::text, ',' ORDER BY id) FROM information_item) AS statuses`);
  return row as Record<string, unknown>;
}

describe('informing and consent per subject and providing party (issue 6)', () => {
  const clock = testClock('2026-04-01T10:00:00Z');
  let s: TestServer;
  let caseId: string;
  let subjectId: string;
  let sociaalTeamOrg: string;

  beforeAll(async () => {
    s = await startTestServer({ clock: clock.clock });
    const zeistId = (await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`))[0].id;
    const reg = await s.as('sociaalteam.zeist').gql(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`, {
      input: { collaborationId: zeistId, reference: 'ZST-2026-700', kind: 'INDIVIDUAL' },
    });
    caseId = reg.data!.registerCase.id;
    const meander = (await s.ds.query(`SELECT organisation_id FROM member WHERE login = 'opbouwwerker.zeist'`))[0].organisation_id;
    sociaalTeamOrg = (await s.ds.query(`SELECT organisation_id FROM member WHERE login = 'sociaalteam.zeist'`))[0].organisation_id;
    await s.as('sociaalteam.zeist').gql(`mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id } }`, {
      input: { caseId, organisationId: meander, role: 'PARTNER' },
    });
    const subj = await s.as('sociaalteam.zeist').gql(`mutation($input: AddSubjectInput!) { addSubject(input: $input) { id } }`, {
      input: { caseId, roleInCase: 'hoofdbewoner' },
    });
    subjectId = subj.data!.addSubject.id;
    const item = await s.as('sociaalteam.zeist').gql(ADD_ITEM, {
      input: { caseId, subjectId, category: 'FINANCE', content: 'Schuldhulpverlening gestart' },
    });
    expect(item.data!.addInformationItem).toMatchObject({ informedStatus: 'UNKNOWN', consentStatus: 'UNKNOWN' });
  });
  afterAll(() => s.stop());

  const financeSeenBy = async (login: string) => {
    const res = await s.as(login, 'CASE_COORDINATION').gql(FINANCE, { id: caseId });
    return res.data!.case.subjects[0];
  };

  test('[O22] [O23] the records drive the policy: finance reaches the welzijn partner only once informed and consented', async () => {
    expect((await financeSeenBy('opbouwwerker.zeist')).information.finance).toEqual([]);

    const informed = await s.as('sociaalteam.zeist').gql(INFORM, {
      input: { caseId, subjectId, status: 'INFORMED', ageBand: 'FROM_16', representation: 'SUBJECT', informedAt: '2026-03-30T14:00:00Z', method: 'mondeling, huisbezoek' },
    });
    expect(informed.errors).toBeUndefined();
    expect(informed.data!.recordInforming).toMatchObject({ status: 'INFORMED', recordedAt: '2026-04-01T10:00:00.000Z', provider: { name: 'Gemeente Zeist – Sociaal Team' } });
    expect((await financeSeenBy('opbouwwerker.zeist')).information.finance).toEqual([]); // consent still missing

    const consent = await s.as('sociaalteam.zeist').gql(CONSENT, {
      input: { caseId, subjectId, status: 'GIVEN', ageBand: 'FROM_16', representation: 'SUBJECT' },
    });
    expect(consent.errors).toBeUndefined();
    const seen = await financeSeenBy('opbouwwerker.zeist');
    expect(seen.information.finance).toEqual([{ content: 'Schuldhulpverlening gestart', informedStatus: 'INFORMED', consentStatus: 'GIVEN' }]);

    // A new item of the same provider about the same subject takes its statuses from the records.
    const later = await s.as('sociaalteam.zeist').gql(ADD_ITEM, {
      input: { caseId, subjectId, category: 'FINANCE', content: 'Budgetbeheer aangevraagd', informedStatus: 'NOT_INFORMED' },
    });
    expect(later.data!.addInformationItem).toMatchObject({ informedStatus: 'INFORMED', consentStatus: 'GIVEN' });

    // Refusal recorded later withdraws the items on the next request.
    clock.advanceDays(3);
    await s.as('sociaalteam.zeist').gql(CONSENT, { input: { caseId, subjectId, status: 'REFUSED', ageBand: 'FROM_16', representation: 'SUBJECT' } });
    expect((await financeSeenBy('opbouwwerker.zeist')).information.finance).toEqual([]);
  });

  test('[O23] a recorded weighing lets the data through; the weighing itself is read back only by its provider', async () => {
    const w = await s.as('sociaalteam.zeist').gql(CONSENT, {
      input: { caseId, subjectId, status: 'WEIGHED', explanation: 'Dreigende huisuitzetting met kinderen in huis; gedeeld ondanks weigering (art. 9.2)' },
    });
    expect(w.errors).toBeUndefined();
    const other = await financeSeenBy('opbouwwerker.zeist');
    expect(other.information.finance).toHaveLength(2);
    expect(other.consents.at(-1)).toMatchObject({ status: 'WEIGHED', explanation: null });
    const own = await financeSeenBy('sociaalteam.zeist');
    expect(own.consents.at(-1).explanation).toMatch(/Dreigende huisuitzetting/);
  });

  test('[O22] [O26] an exception of 8.2 or a safety deviation says why and who informs afterwards; recipients see both', async () => {
    const before = await counts(s);
    const noWho = await s.as('sociaalteam.zeist').gql(INFORM, {
      input: { caseId, subjectId, status: 'EXCEPTION', exceptionGround: 'SAFETY_DEVIATION', explanation: 'Acuut gevaar voor huisgenoten' },
    });
    expect(noWho.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'informsAfterwardsOrganisationId' });
    const noWhy = await s.as('sociaalteam.zeist').gql(INFORM, {
      input: { caseId, subjectId, status: 'EXCEPTION', exceptionGround: 'PROTECTION', informsAfterwardsOrganisationId: sociaalTeamOrg },
    });
    expect(noWhy.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'explanation' });
    const notPartner = await s.as('sociaalteam.zeist').gql(INFORM, {
      input: {
        caseId, subjectId, status: 'EXCEPTION', exceptionGround: 'PROTECTION', explanation: 'Bescherming betrokkene',
        informsAfterwardsOrganisationId: (await s.ds.query(`SELECT organisation_id FROM member WHERE login = 'wijkagent.zeist'`))[0].organisation_id,
      },
    });
    expect(notPartner.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'informsAfterwardsOrganisationId' });
    const unknown = await s.as('sociaalteam.zeist').gql(INFORM, { input: { caseId, subjectId, status: 'UNKNOWN' } });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    expect(await counts(s)).toEqual(before);

    const ok = await s.as('sociaalteam.zeist').gql(INFORM, {
      input: { caseId, subjectId, status: 'EXCEPTION', exceptionGround: 'SAFETY_DEVIATION', explanation: 'Acuut gevaar voor huisgenoten', informsAfterwardsOrganisationId: sociaalTeamOrg },
    });
    expect(ok.errors).toBeUndefined();
    const other = await financeSeenBy('opbouwwerker.zeist');
    expect(other.informing.at(-1)).toMatchObject({
      status: 'EXCEPTION', exceptionGround: 'SAFETY_DEVIATION', explanation: 'Acuut gevaar voor huisgenoten',
      informsAfterwards: { name: 'Gemeente Zeist – Sociaal Team' },
    });
    expect(other.information.finance).toHaveLength(2);
  });

  test('[O24] minors: under 12 the legal representative, 12 up to 16 both; anything else → BAD_USER_INPUT and nothing written', async () => {
    const before = await counts(s);
    for (const [ageBand, representation] of [['UNDER_12', 'SUBJECT'], ['FROM_12_TO_16', 'LEGAL_REPRESENTATIVE'], ['FROM_16', 'LEGAL_REPRESENTATIVE']]) {
      const res = await s.as('sociaalteam.zeist').gql(CONSENT, { input: { caseId, subjectId, status: 'GIVEN', ageBand, representation } });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'representation' });
    }
    const noAge = await s.as('sociaalteam.zeist').gql(INFORM, {
      input: { caseId, subjectId, status: 'INFORMED', representation: 'SUBJECT', informedAt: '2026-03-30T14:00:00Z', method: 'brief' },
    });
    expect(noAge.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ageBand' });
    const future = await s.as('sociaalteam.zeist').gql(INFORM, {
      input: { caseId, subjectId, status: 'INFORMED', ageBand: 'UNDER_12', representation: 'LEGAL_REPRESENTATIVE', informedAt: '2027-01-01T00:00:00Z', method: 'brief' },
    });
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'informedAt' });
    expect(await counts(s)).toEqual(before);
    const both = await s.as('sociaalteam.zeist').gql(CONSENT, {
      input: { caseId, subjectId, status: 'GIVEN', ageBand: 'FROM_12_TO_16', representation: 'SUBJECT_AND_REPRESENTATIVE' },
    });
    expect(both.data?.recordConsent).toMatchObject({ status: 'GIVEN', representation: 'SUBJECT_AND_REPRESENTATIVE' });
  });

  test('[O6] a member whose organisation does not take part records nothing', async () => {
    const before = await counts(s);
    const res = await s.as('woonconsulent.dewolden').gql(CONSENT, { input: { caseId, subjectId, status: 'WEIGHED', explanation: 'poging van buiten' } });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await counts(s)).toEqual(before);
  });
});
