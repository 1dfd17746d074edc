import { createHash } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/test-server';

const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id reference kind phase lifeDomains
  reportingOrganisation { name } participants { role organisation { name } } } }`;
const ADD_SUBJECT = `mutation($input: AddSubjectInput!) { addSubject(input: $input) { id pseudonym roleInCase } }`;
const ADD_ITEM = `mutation($input: AddInformationItemInput!) { addInformationItem(input: $input) { id category content kind provider { name } providedBy { login } } }`;
const INVITE = `mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id role organisation { name } member { login } } }`;

/** Row counts of every table the mutations write to: "nothing written" means these do not move. */
async function counts(s: TestServer) {
  const [row] = await s.ds.query(`SELECT
    (SELECT count(*) FROM "case")::int AS cases, (SELECT count(*) FROM case_participant)::int AS participants,
    (SELECT count(*) FROM subject)::int AS subjects, (SELECT count(*) FROM case_subject)::int AS case_subjects,
    (SELECT count(*) FROM information_item)::int AS items`);
  return row as Record<string, number>;
}

describe('mutations', () => {
  let s: TestServer;
  let zeistId: string;
  let dewoldenId: string;
  beforeAll(async () => {
    s = await startTestServer();
    const cols = await s.ds.query(`SELECT id, slug FROM collaboration`);
    zeistId = cols.find((c: any) => c.slug === 'zeist').id;
    dewoldenId = cols.find((c: any) => c.slug === 'dewolden').id;
  });
  afterAll(() => s.stop());

  test('bad input → BAD_USER_INPUT naming the field, and nothing written', async () => {
    const before = await counts(s);
    const tooShort = await s.as('sociaalteam.zeist').gql(REGISTER, {
      input: { collaborationId: zeistId, reference: 'x', kind: 'INDIVIDUAL' },
    });
    expect(tooShort.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooShort.errors?.[0].extensions?.field).toBe('reference');
    const badId = await s.as('sociaalteam.zeist').gql(REGISTER, {
      input: { collaborationId: 'not-a-uuid', reference: 'ZST-2026-900', kind: 'INDIVIDUAL' },
    });
    expect(badId.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(badId.errors?.[0].extensions?.field).toBe('collaborationId');
    const badEnum = await s.as('sociaalteam.zeist').gql(REGISTER, {
      input: { collaborationId: zeistId, reference: 'ZST-2026-901', kind: 'SECRET' },
    });
    expect(badEnum.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const noSuch = await s.as('sociaalteam.zeist').gql(REGISTER, {
      input: { collaborationId: '00000000-0000-4000-8000-000000000000', reference: 'ZST-2026-902', kind: 'INDIVIDUAL' },
    });
    expect(noSuch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'collaborationId' });
    expect(await counts(s)).toEqual(before);
  });

  test('[O6] [O16] a partner registers a case, adds a subject and a fact; others cannot see it', async () => {
    const reg = await s.as('sociaalteam.zeist').gql(REGISTER, {
      input: { collaborationId: zeistId, reference: 'ZST-2026-100', title: 'Overlast portiek', kind: 'INDIVIDUAL', lifeDomains: ['WONEN', 'VEILIGHEID'] },
    });
    expect(reg.errors).toBeUndefined();
    const c = reg.data!.registerCase;
    expect(c).toMatchObject({ reference: 'ZST-2026-100', phase: 'INTAKE', lifeDomains: ['WONEN', 'VEILIGHEID'] });
    expect(c.participants).toHaveLength(1);
    expect(c.participants[0].role).toBe('PARTNER');

    const subj = await s.as('sociaalteam.zeist').gql(ADD_SUBJECT, { input: { caseId: c.id, roleInCase: 'hoofdbewoner' } });
    expect(subj.errors).toBeUndefined();
    const item = await s.as('sociaalteam.zeist').gql(ADD_ITEM, {
      input: { caseId: c.id, subjectId: subj.data!.addSubject.id, category: 'FINANCE', content: 'Schuldhulpverlening lijkt nodig (inschatting)', kind: 'OPINION' },
    });
    expect(item.errors).toBeUndefined();
    expect(item.data!.addInformationItem).toMatchObject({ category: 'FINANCE', kind: 'OPINION', providedBy: { login: 'sociaalteam.zeist' } });

    const other = await s.as('wijkagent.zeist').gql('query($id: ID!) { case(id: $id) { id } }', { id: c.id });
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  test('a duplicate reference → CONFLICT and nothing written', async () => {
    const before = await counts(s);
    const dup = await s.as('sociaalteam.zeist').gql(REGISTER, {
      input: { collaborationId: zeistId, reference: 'ZST-2026-100', kind: 'INDIVIDUAL' },
    });
    expect(dup.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await counts(s)).toEqual(before);
  });

  test('[O1] an organisation that is not a party cannot register a case in the collaboration', async () => {
    const res = await s.as('sociaalteam.zeist').gql(REGISTER, {
      input: { collaborationId: dewoldenId, reference: 'DWL-2026-900', kind: 'INDIVIDUAL' },
    });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  test('[O9] police data is provided only by the police officer; [O17] special data needs a legal ground', async () => {
    const [row] = await s.ds.query(
      `SELECT c.id AS case_id, cs.subject_id FROM "case" c JOIN case_subject cs ON cs.case_id = c.id WHERE c.reference = 'ZST-2026-001' LIMIT 1`,
    );
    const before = await counts(s);
    const byCorp = await s.as('woonconsulent.zeist').gql(ADD_ITEM, {
      input: { caseId: row.case_id, subjectId: row.subject_id, category: 'POLICE_INCIDENTS', content: 'melding', legalGround: 'art. 20 Wpg' },
    });
    expect(byCorp.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const noGround = await s.as('wijkagent.zeist').gql(ADD_ITEM, {
      input: { caseId: row.case_id, subjectId: row.subject_id, category: 'POLICE_INCIDENTS', content: 'melding overlast' },
    });
    expect(noGround.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'legalGround' });
    const careNoGround = await s.as('sociaalteam.zeist').gql(ADD_ITEM, {
      input: { caseId: row.case_id, subjectId: row.subject_id, category: 'CARE', content: 'indicatie begeleiding' },
    });
    expect(careNoGround.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'legalGround' });
    expect(await counts(s)).toEqual(before);
    const ok = await s.as('wijkagent.zeist').gql(ADD_ITEM, {
      input: { caseId: row.case_id, subjectId: row.subject_id, category: 'POLICE_INCIDENTS', content: 'Melding geluidsoverlast 12-11', legalGround: 'art. 20 Wpg, besluit Zeist',
        policeJustification: 'Geen andere bron dan de politie; juist, actueel en niet bovenmatig' },
    });
    expect(ok.errors).toBeUndefined();
  });

  test('[O10] police data is provided only with the officer’s justification, which the item then carries (the audit trail only its hash); a non-police item carries none, also after an upsert makes it one', async () => {
    const [row] = await s.ds.query(
      `SELECT c.id AS case_id, cs.subject_id FROM "case" c JOIN case_subject cs ON cs.case_id = c.id WHERE c.reference = 'ZST-2026-001' LIMIT 1`,
    );
    const ADD = `mutation($input: AddInformationItemInput!) { addInformationItem(input: $input) { id category policeJustification } }`;
    const UPSERT = `mutation($input: UpsertInformationItemInput!) { upsertInformationItem(input: $input) { outcome id } }`;
    const police = { caseId: row.case_id, subjectId: row.subject_id, category: 'POLICE_INCIDENTS', content: 'Melding overlast 14-11', legalGround: 'art. 20 Wpg, besluit Zeist §4.1 d' };
    const agent = s.as('wijkagent.zeist');
    const before = await counts(s);
    const without = await agent.gql(ADD, { input: police });
    expect(without.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'policeJustification' });
    const blank = await agent.gql(ADD, { input: { ...police, policeJustification: '            ' } });
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'policeJustification' });
    // A registration system's upsert is held to the same rule.
    const upserted = await agent.gql(UPSERT, { input: { ...police, sourceSystem: 'bvh', externalId: 'M-1411', caseId: row.case_id } });
    expect(upserted.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'policeJustification' });
    expect(await counts(s)).toEqual(before);

    const why = '  Niet uit een andere bron te krijgen; juist, actueel, volledig, relevant en niet bovenmatig  ';
    const ok = await agent.gql(ADD, { input: { ...police, policeJustification: why } });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.addInformationItem).toMatchObject({ category: 'POLICE_INCIDENTS', policeJustification: why.trim() });
    const [stored] = await s.ds.query(`SELECT police_justification FROM information_item WHERE id = $1`, [ok.data!.addInformationItem.id]);
    expect(stored.police_justification).toBe(why.trim());
    // The audit trail, which every party's privacy officer reads, keeps the justification as its hash only, like the content.
    const [audit] = await s.ds.query(`SELECT after FROM mutation_audit WHERE table_name = 'information_item' AND row_id = $1`, [ok.data!.addInformationItem.id]);
    expect(audit.after.police_justification).toBeUndefined();
    expect(audit.after.police_justification_sha256).toBe(createHash('sha256').update(why.trim()).digest('hex'));
    const viaUpsert = await agent.gql(UPSERT, { input: { ...police, sourceSystem: 'bvh', externalId: 'M-1411', caseId: row.case_id, policeJustification: why } });
    expect(viaUpsert.errors).toBeUndefined();
    expect(viaUpsert.data!.upsertInformationItem.outcome).toBe('CREATED');
    // An update that leaves it out keeps the recorded one.
    const updated = await agent.gql(UPSERT, {
      input: { ...police, content: 'Melding overlast 14-11, 23.10 uur', sourceSystem: 'bvh', externalId: 'M-1411', caseId: row.case_id, expectedVersion: 1 },
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.upsertInformationItem.outcome).toBe('UPDATED');
    const [kept] = await s.ds.query(`SELECT police_justification FROM information_item WHERE id = $1`, [viaUpsert.data!.upsertInformationItem.id]);
    expect(kept.police_justification).toBe(why.trim());
    // An update that makes it a non-police item drops the justification: it would otherwise show to that category's readers.
    const recategorised = await agent.gql(UPSERT, {
      input: { ...police, category: 'PERSON_CONTACT', sourceSystem: 'bvh', externalId: 'M-1411', caseId: row.case_id, expectedVersion: 2 },
    });
    expect(recategorised.errors).toBeUndefined();
    expect(recategorised.data!.upsertInformationItem.outcome).toBe('UPDATED');
    const [dropped] = await s.ds.query(`SELECT category, police_justification FROM information_item WHERE id = $1`, [viaUpsert.data!.upsertInformationItem.id]);
    expect(dropped).toEqual({ category: 'person.contact', police_justification: null });

    const housing = await s.as('woonconsulent.zeist').gql(ADD, {
      input: { caseId: row.case_id, subjectId: row.subject_id, category: 'HOUSING', content: 'Huurachterstand twee maanden' },
    });
    expect(housing.errors).toBeUndefined();
    expect(housing.data!.addInformationItem.policeJustification).toBeNull();
    // Only police items carry one.
    const beforeHousing = await counts(s);
    const housingWithWhy = await s.as('woonconsulent.zeist').gql(ADD, {
      input: { caseId: row.case_id, subjectId: row.subject_id, category: 'HOUSING', content: 'Overlast gemeld door buren', policeJustification: 'Politie zegt dat hij dealt' },
    });
    expect(housingWithWhy.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'policeJustification' });
    expect(await counts(s)).toEqual(beforeHousing);
  });

  test('[O8] an ad-hoc participant cannot add information; only partners change a case', async () => {
    const [row] = await s.ds.query(
      `SELECT c.id AS case_id, cs.subject_id FROM "case" c JOIN case_subject cs ON cs.case_id = c.id WHERE c.reference = 'ZST-2026-001' LIMIT 1`,
    );
    const res = await s.as('huisarts.zeist').gql(ADD_ITEM, {
      input: { caseId: row.case_id, subjectId: row.subject_id, category: 'HOUSING', content: 'x' },
    });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  test('[O6] the process director invites partners that are parties, and ad-hoc participants by name', async () => {
    const reg = await s.as('sociaalteam.zeist').gql(REGISTER, {
      input: { collaborationId: zeistId, reference: 'ZST-2026-101', kind: 'INDIVIDUAL' },
    });
    const caseId = reg.data!.registerCase.id;
    const orgs = await s.ds.query(`SELECT o.id, o.sector, o.name FROM organisation o`);
    const police = await s.ds.query(`SELECT organisation_id FROM member WHERE login = 'wijkagent.zeist'`);
    const huisarts = await s.ds.query(`SELECT id, organisation_id FROM member WHERE login = 'huisarts.zeist'`);
    const dewoldenOrg = await s.ds.query(`SELECT organisation_id FROM member WHERE login = 'woonconsulent.dewolden'`);
    expect(orgs.length).toBeGreaterThan(0);

    const before = await counts(s);
    const notParty = await s.as('sociaalteam.zeist').gql(INVITE, {
      input: { caseId, organisationId: dewoldenOrg[0].organisation_id, role: 'PARTNER' },
    });
    expect(notParty.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const adHocNoMember = await s.as('sociaalteam.zeist').gql(INVITE, {
      input: { caseId, organisationId: huisarts[0].organisation_id, role: 'AD_HOC' },
    });
    expect(adHocNoMember.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    expect(await counts(s)).toEqual(before);

    const partner = await s.as('sociaalteam.zeist').gql(INVITE, {
      input: { caseId, organisationId: police[0].organisation_id, role: 'PARTNER' },
    });
    expect(partner.errors).toBeUndefined();
    const adHoc = await s.as('sociaalteam.zeist').gql(INVITE, {
      input: { caseId, organisationId: huisarts[0].organisation_id, memberId: huisarts[0].id, role: 'AD_HOC' },
    });
    expect(adHoc.errors).toBeUndefined();
    expect(adHoc.data!.inviteParticipant).toMatchObject({ role: 'AD_HOC', member: { login: 'huisarts.zeist' } });
    const again = await s.as('sociaalteam.zeist').gql(INVITE, {
      input: { caseId, organisationId: police[0].organisation_id, role: 'PARTNER' },
    });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    // The invited police now see the case.
    const seen = await s.as('wijkagent.zeist').gql('query($id: ID!) { case(id: $id) { reference } }', { id: caseId });
    expect(seen.data?.case.reference).toBe('ZST-2026-101');
    // A plain member (not process director or coordinator) cannot invite.
    const byPolice = await s.as('wijkagent.zeist').gql(INVITE, {
      input: { caseId, organisationId: huisarts[0].organisation_id, memberId: huisarts[0].id, role: 'AD_HOC' },
    });
    expect(byPolice.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
