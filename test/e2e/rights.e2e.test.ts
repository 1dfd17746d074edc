/**
 * Data-subject rights, corrections, breaches and third-party orders across all partners (issue 8), over HTTP
 * against real PostgreSQL with an injectable clock: the rights-request register with per-party deadlines
 * (O34) and minors (O24), the access report (O34), corrections passed on to every recipient and restriction
 * (O13, O34), breaches (O35), orders (O36), disclosures to third parties (O37), the processing register (O39).
 * Each block runs on a database of its own.
 */
import { applyRetention } from '../../src/domain/case/retention';
import { startTestServer, testClock, type GqlResponse, type TestClock, type TestServer } from '../helpers/test-server';

const DEMO_NOW = '2026-11-23T10:00:00Z'; // a Monday
type Sql = (q: string, p?: unknown[]) => Promise<any[]>;

const code = (r: GqlResponse) => r.errors?.[0]?.extensions?.code;
const field = (r: GqlResponse) => r.errors?.[0]?.extensions?.field;
const noErrors = (r: GqlResponse) => expect(r.errors).toBeUndefined();

async function start(at = DEMO_NOW): Promise<{ s: TestServer; clock: TestClock; sql: Sql }> {
  const clock = testClock(at);
  const s = await startTestServer({ clock: clock.clock });
  return { s, clock, sql: (q, p = []) => s.ds.query(q, p) };
}
const one = async (sql: Sql, q: string, p: unknown[] = []) => {
  const rows = await sql(q, p);
  expect(rows).toHaveLength(1);
  return rows[0].id as string;
};
const collabId = (sql: Sql, slug: string) => one(sql, `SELECT id FROM collaboration WHERE slug = $1`, [slug]);
const caseId = (sql: Sql, ref: string) => one(sql, `SELECT id FROM "case" WHERE reference = $1`, [ref]);
const itemId = (sql: Sql, ref: string, category: string) =>
  one(sql, `SELECT i.id FROM information_item i JOIN "case" c ON c.id = i.case_id JOIN subject s ON s.id = i.subject_id
    WHERE c.reference = $1 AND s.pseudonym = 'ZST-P-0001' AND i.category = $2`, [ref, category]);

const CASE_READ = `query($id: ID!) { case(id: $id) { subjects { pseudonym information {
  policeIncidents { id content } personContact { id content } housing { id content } } } } }`;
const PARTY = 'id organisationName status dueAt overdue extendedAt extensionReason completedAt outcome';
const REQUEST = `id kind subjectPseudonym receivedAt receivingOrganisationName requestedBy representativeName subjectAgeAtReceipt parties { ${PARTY} }`;
const REGISTER = `mutation($input: RegisterRightsRequestInput!) { registerRightsRequest(input: $input) { ${REQUEST} } }`;
const REQUESTS = `query($o: Boolean) { rightsRequests(overdueOnly: $o) { ${REQUEST} } }`;
const EXTEND = `mutation($input: ExtendRightsRequestInput!) { extendRightsRequest(input: $input) { ${PARTY} } }`;
const ANSWER = `mutation($input: AnswerRightsRequestInput!) { answerRightsRequest(input: $input) { ${PARTY} } }`;

describe('[O34] [O24] the rights-request register', () => {
  let s: TestServer;
  let clock: TestClock;
  let sql: Sql;
  let zeist: string;
  beforeAll(async () => {
    ({ s, clock, sql } = await start());
    zeist = await collabId(sql, 'zeist');
  });
  afterAll(() => s.stop());
  const input = (over: Record<string, unknown> = {}) => ({
    collaborationId: zeist, subject: 'ZST-P-0001', kind: 'ACCESS', requestedBy: 'SUBJECT', subjectBirthDate: '1979-03-12',
    description: 'Verzoek om inzage in alle gegevens en ontvangers (brief van 20-11-2026)', receivedAt: '2026-11-23T09:00:00Z', ...over,
  });
  let requestId: string;

  test('[O34] the contact point registers a request; every responsible party gets its part, due in one month', async () => {
    const r = await s.as('privacy.zeist').gql(REGISTER, { input: input() });
    noErrors(r);
    const req = r.data!.registerRightsRequest;
    requestId = req.id;
    expect(req).toMatchObject({ kind: 'ACCESS', subjectPseudonym: 'ZST-P-0001', receivingOrganisationName: 'Gemeente Zeist', subjectAgeAtReceipt: 47 });
    const names = req.parties.map((p: any) => p.organisationName);
    // The providers of data about the subject and the contact point itself.
    expect(names).toEqual(expect.arrayContaining(['Gemeente Zeist', 'Politie Midden-Nederland', 'Woongoed Zeist']));
    for (const p of req.parties) expect(p).toMatchObject({ status: 'OPEN', dueAt: '2026-12-23T09:00:00.000Z', overdue: false });
    // The other parties see the request too.
    const police = await s.as('privacy.politie.zeist').gql(REQUESTS);
    noErrors(police);
    expect(police.data!.rightsRequests.map((x: any) => x.id)).toContain(requestId);
  });

  test('[O34] only the contact point receives requests, only privacy officers handle them; a rejected request writes nothing', async () => {
    const before = (await sql(`SELECT count(*)::int AS n FROM rights_request`))[0].n;
    expect(code(await s.as('privacy.politie.zeist').gql(REGISTER, { input: input() }))).toBe('FORBIDDEN');
    expect(code(await s.as('woonconsulent.zeist').gql(REGISTER, { input: input() }))).toBe('FORBIDDEN');
    expect(code(await s.as('woonconsulent.zeist').gql(REQUESTS))).toBe('FORBIDDEN');
    const unknown = await s.as('privacy.zeist').gql(REGISTER, { input: input({ subject: 'DWL-P-0001' }) });
    expect([code(unknown), field(unknown)]).toEqual(['BAD_USER_INPUT', 'subject']);
    expect((await sql(`SELECT count(*)::int AS n FROM rights_request`))[0].n).toBe(before);
  });

  test('[O34] a party extends its deadline once, by at most two months, with a reason, within the first month', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const ext = await s.as('privacy.politie.zeist').gql(EXTEND, { input: { requestId, months: 2, reason: 'Complex: gegevens uit meerdere politiesystemen (AVG 12(3))' } });
    noErrors(ext);
    expect(ext.data!.extendRightsRequest).toMatchObject({ dueAt: '2027-02-23T09:00:00.000Z', extendedAt: '2026-12-01T10:00:00.000Z' });
    const again = await s.as('privacy.politie.zeist').gql(EXTEND, { input: { requestId, months: 1, reason: 'Nog een keer verlengen graag' } });
    expect(code(again)).toBe('CONFLICT');
    const tooLong = await s.as('privacy.woongoed.zeist').gql(EXTEND, { input: { requestId, months: 3, reason: 'Drie maanden extra nodig' } });
    expect(code(tooLong)).toBe('BAD_USER_INPUT');
  });

  test('[O34] after the month, the parties still open are overdue — by the clock; an extended party is not', async () => {
    clock.set('2026-12-23T08:59:00Z');
    expect((await s.as('privacy.zeist').gql(REQUESTS, { o: true })).data!.rightsRequests).toHaveLength(0);
    clock.set('2026-12-23T09:01:00Z');
    const r = await s.as('privacy.zeist').gql(REQUESTS, { o: true });
    noErrors(r);
    const req = r.data!.rightsRequests.find((x: any) => x.id === requestId);
    const by = (n: string) => req.parties.find((p: any) => p.organisationName === n);
    expect(by('Gemeente Zeist').overdue).toBe(true);
    expect(by('Woongoed Zeist').overdue).toBe(true);
    expect(by('Politie Midden-Nederland').overdue).toBe(false);
    // Too late to extend now.
    const late = await s.as('privacy.woongoed.zeist').gql(EXTEND, { input: { requestId, months: 1, reason: 'Te laat om te verlengen' } });
    expect(code(late)).toBe('CONFLICT');
    const done = await s.as('privacy.zeist').gql(ANSWER, { input: { requestId, status: 'COMPLETED', outcome: 'Inzageoverzicht verstrekt per post' } });
    noErrors(done);
    expect(done.data!.answerRightsRequest).toMatchObject({ status: 'COMPLETED', overdue: false, outcome: 'Inzageoverzicht verstrekt per post' });
    expect(code(await s.as('privacy.zeist').gql(ANSWER, { input: { requestId, status: 'REFUSED', outcome: 'nogmaals' } }))).toBe('CONFLICT');
  });

  test('[O24] under 12 the legal representative exercises the right, from 12 to 16 both, from 16 the subject', async () => {
    clock.set(DEMO_NOW);
    const child = (birth: string, requestedBy: string, representativeName: string | null = 'M. de Vries (moeder, gezag)') =>
      s.as('privacy.zeist').gql(REGISTER, { input: input({ subject: 'ZST-P-0002', subjectBirthDate: birth, requestedBy, representativeName }) });
    // 10 years old
    let r = await child('2016-05-01', 'SUBJECT');
    expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'requestedBy']);
    r = await child('2016-05-01', 'LEGAL_REPRESENTATIVE', null);
    expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'representativeName']);
    r = await child('2016-05-01', 'LEGAL_REPRESENTATIVE');
    noErrors(r);
    expect(r.data!.registerRightsRequest).toMatchObject({ requestedBy: 'LEGAL_REPRESENTATIVE', subjectAgeAtReceipt: 10 });
    // 12 on the day the request is received: both
    r = await child('2014-11-23', 'LEGAL_REPRESENTATIVE');
    expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'requestedBy']);
    r = await child('2014-11-23', 'SUBJECT_AND_REPRESENTATIVE');
    noErrors(r);
    expect(r.data!.registerRightsRequest.subjectAgeAtReceipt).toBe(12);
    // 15 years old, one day before 16: still both; on the 16th birthday: the subject alone
    expect(field(await child('2010-11-24', 'SUBJECT'))).toBe('requestedBy');
    r = await child('2010-11-23', 'SUBJECT');
    noErrors(r);
    expect(r.data!.registerRightsRequest.subjectAgeAtReceipt).toBe(16);
    expect(field(await child('2010-11-23', 'LEGAL_REPRESENTATIVE'))).toBe('requestedBy');
  });
});

const REPORT = `query($c: ID!, $s: String!) { accessReport(collaborationId: $c, subject: $s) { subjectPseudonym collaborationName generatedAt
  holdings { category providerOrganisationName itemCount restrictedCount ownContents }
  disclosures { at recipientOrganisationName caseReference purpose categories legalGround }
  thirdPartyDisclosures { organisationName thirdParty ground categories } text } }`;
const NOTICES = `query($o: Boolean) { correctionNotices(openOnly: $o) { id kind informationItemId category recipientOrganisationId reason acknowledgedAt } }`;
const CORRECTION = 'kind itemId notices { id kind recipientOrganisationId reason notifiedAt acknowledgedAt }';
const RECTIFY = `mutation($input: CorrectInformationInput!) { rectifyInformation(input: $input) { ${CORRECTION} } }`;
const RESTRICT = `mutation($input: CorrectInformationInput!) { restrictInformation(input: $input) { ${CORRECTION} } }`;
const ERASE = `mutation($input: CorrectInformationInput!) { eraseInformation(input: $input) { ${CORRECTION} } }`;
const ACK = `mutation($id: ID!) { acknowledgeCorrection(id: $id) { id acknowledgedAt } }`;

describe('[O34] [O13] access report, rectification, erasure and restriction', () => {
  let s: TestServer;
  let clock: TestClock;
  let sql: Sql;
  let zeist: string;
  let zst1: string;
  let incident: string;
  beforeAll(async () => {
    ({ s, clock, sql } = await start());
    zeist = await collabId(sql, 'zeist');
    zst1 = await caseId(sql, 'ZST-2026-001');
    incident = await itemId(sql, 'ZST-2026-001', 'police.incidents');
    // The corporation receives the police incidents (logged in disclosure_log).
    const r = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(CASE_READ, { id: zst1 });
    expect(r.data!.case.subjects[0].information.policeIncidents).toHaveLength(1);
  });
  afterAll(() => s.stop());
  const woongoed = () => one(sql, `SELECT id FROM organisation WHERE name = 'Woongoed Zeist'`);

  test('[O34] the access report lists the data per category and provider and every disclosure, as JSON and printable', async () => {
    const r = await s.as('privacy.zeist').gql(REPORT, { c: zeist, s: 'ZST-P-0001' });
    noErrors(r);
    const rep = r.data!.accessReport;
    const holding = (cat: string) => rep.holdings.find((h: any) => h.category === cat);
    expect(holding('police.incidents')).toMatchObject({ providerOrganisationName: 'Politie Midden-Nederland', itemCount: 1, ownContents: null });
    // Contents only of the officer's own organisation's items: the police give their own copy (O14).
    expect(holding('person.identity').providerOrganisationName).toBe('Gemeente Zeist');
    expect(holding('person.identity').ownContents[0]).toContain('Slotlaan');
    const d = rep.disclosures.find((x: any) => x.recipientOrganisationName === 'Woongoed Zeist');
    expect(d).toMatchObject({ caseReference: 'ZST-2026-001', purpose: 'ENDING_NUISANCE' });
    expect(d.categories).toContain('police.incidents');
    expect(rep.text).toContain('Inzageoverzicht (AVG art. 15)');
    expect(rep.text).toContain('aan Woongoed Zeist (casus ZST-2026-001), doel ENDING_NUISANCE');
    expect(rep.text).not.toContain('geluidsoverlast'); // the police's content is not in the municipality's copy
    // Another collaboration's subject, or not a privacy officer.
    expect(field(await s.as('privacy.zeist').gql(REPORT, { c: zeist, s: 'DWL-P-0001' }))).toBe('subject');
    expect(code(await s.as('wijkmanager.zeist').gql(REPORT, { c: zeist, s: 'ZST-P-0001' }))).toBe('FORBIDDEN');
  });

  test('[O13] a correction of police data reaches every recipient, tracked until acknowledged', async () => {
    clock.set('2026-11-24T10:00:00Z');
    expect(code(await s.as('woonconsulent.zeist').gql(RECTIFY, { input: { itemId: incident, content: 'x', reason: 'poging' } }))).toBe('FORBIDDEN');
    const r = await s.as('wijkagent.zeist').gql(RECTIFY, {
      input: { itemId: incident, content: '2 meldingen geluidsoverlast (12-08 en 02-09-2026); melding 20-09 betrof een andere woning', reason: 'Onjuiste melding verwijderd (besluit §5.5)' },
    });
    noErrors(r);
    const res = r.data!.rectifyInformation;
    expect(res.kind).toBe('RECTIFICATION');
    // Every organisation the disclosure log shows received the item, and no other.
    const recipients = (await sql(`SELECT DISTINCT recipient_organisation_id AS o FROM disclosure_log WHERE $1::uuid = ANY(item_ids)
      AND recipient_organisation_id <> (SELECT provider_organisation_id FROM information_item WHERE id = $1)`, [incident])).map((x) => x.o).sort();
    expect(res.notices.map((n: any) => n.recipientOrganisationId).sort()).toEqual(recipients);
    expect(recipients).toContain(await woongoed());
    // The recipient sees the open notice and the corrected content.
    const open = await s.as('woonconsulent.zeist').gql(NOTICES, { o: true });
    noErrors(open);
    const notice = open.data!.correctionNotices.find((n: any) => n.informationItemId === incident);
    expect(notice).toMatchObject({ kind: 'RECTIFICATION', category: 'police.incidents', acknowledgedAt: null });
    const read = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(CASE_READ, { id: zst1 });
    expect(read.data!.case.subjects[0].information.policeIncidents[0].content).toContain('andere woning');
    // Another organisation cannot acknowledge it; the recipient does, once.
    expect(code(await s.as('opbouwwerker.zeist').gql(ACK, { id: notice.id }))).toBe('NOT_FOUND');
    const ack = await s.as('woonconsulent.zeist').gql(ACK, { id: notice.id });
    noErrors(ack);
    expect(ack.data!.acknowledgeCorrection.acknowledgedAt).toBe('2026-11-24T10:00:00.000Z');
    expect(code(await s.as('woonconsulent.zeist').gql(ACK, { id: notice.id }))).toBe('CONFLICT');
    expect((await s.as('woonconsulent.zeist').gql(NOTICES, { o: true })).data!.correctionNotices).toHaveLength(0);
    // The provider follows its notices too; the audit trail holds the change.
    expect((await s.as('wijkagent.zeist').gql(NOTICES)).data!.correctionNotices.map((n: any) => n.id)).toContain(notice.id);
    const audit = await sql(`SELECT 1 FROM mutation_audit WHERE operation = 'rectifyInformation' AND table_name = 'information_item' AND row_id = $1`, [incident]);
    expect(audit).toHaveLength(1);
  });

  test('[O34] restriction withholds the item from every recipient at once; the provider keeps it', async () => {
    const r = await s.as('wijkagent.zeist').gql(RESTRICT, { input: { itemId: incident, reason: 'Betrokkene betwist de juistheid (AVG 18(1)(a))' } });
    noErrors(r);
    expect(r.data!.restrictInformation.notices.map((n: any) => n.recipientOrganisationId)).toContain(await woongoed());
    const read = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(CASE_READ, { id: zst1 });
    expect(read.data!.case.subjects[0].information.policeIncidents).toEqual([]);
    const own = await s.as('wijkagent.zeist', 'ENDING_NUISANCE').gql(CASE_READ, { id: zst1 });
    expect(own.data!.case.subjects[0].information.policeIncidents.map((i: any) => i.id)).toEqual([incident]);
    // The disclosure log shows the item no longer went out.
    const last = await sql(`SELECT d.item_ids FROM disclosure_log d JOIN organisation o ON o.id = d.recipient_organisation_id
      WHERE o.name = 'Woongoed Zeist' ORDER BY d.seq DESC LIMIT 1`);
    expect(last[0].item_ids).not.toContain(incident);
    expect(code(await s.as('wijkagent.zeist').gql(RESTRICT, { input: { itemId: incident, reason: 'nogmaals beperken' } }))).toBe('CONFLICT');
    // The privacy officer's explanation names the reason the API withheld it.
    const why = await s.as('privacy.zeist').gql(`{ explainAccess(input: { member: "woonconsulent.zeist", case: "ZST-2026-001", subject: "ZST-P-0001",
      field: "policeIncidents", purpose: "ENDING_NUISANCE" }) { decision items { id visible reason } } }`);
    noErrors(why);
    expect(why.data!.explainAccess.items).toEqual([{ id: incident, visible: false, reason: 'RESTRICTED' }]);
    const rep = await s.as('privacy.zeist').gql(REPORT, { c: zeist, s: 'ZST-P-0001' });
    expect(rep.data!.accessReport.holdings.find((h: any) => h.category === 'police.incidents').restrictedCount).toBe(1);
  });

  test('[O34] erasure removes the item for real and notifies its recipients', async () => {
    const contact = await itemId(sql, 'ZST-2026-001', 'person.contact');
    await s.as('wijkagent.zeist', 'ENDING_NUISANCE').gql(CASE_READ, { id: zst1 }); // the police receive it
    const received = await sql(`SELECT DISTINCT recipient_organisation_id AS o FROM disclosure_log WHERE $1::uuid = ANY(item_ids)
      AND recipient_organisation_id <> (SELECT provider_organisation_id FROM information_item WHERE id = $1)`, [contact]);
    expect(received.length).toBeGreaterThan(0);
    const r = await s.as('woonconsulent.zeist').gql(ERASE, { input: { itemId: contact, reason: 'Verzoek tot wissing (AVG 17) gehonoreerd' } });
    noErrors(r);
    expect(r.data!.eraseInformation.notices).toHaveLength(received.length);
    expect(await sql(`SELECT 1 FROM information_item WHERE id = $1`, [contact])).toHaveLength(0);
    expect(code(await s.as('woonconsulent.zeist').gql(ERASE, { input: { itemId: contact, reason: 'nogmaals wissen' } }))).toBe('NOT_FOUND');
  });

  test('[O34] [O13] a correction carries out a rights request of the same subject, for which the provider is responsible', async () => {
    const reg = await s.as('privacy.zeist').gql(REGISTER, { input: {
      collaborationId: zeist, subject: 'ZST-P-0001', kind: 'RECTIFICATION', requestedBy: 'SUBJECT', subjectBirthDate: '1979-03-12',
      description: 'Geboortedatum onjuist vastgelegd' } });
    noErrors(reg);
    const request = reg.data!.registerRightsRequest.id;
    const child = await s.as('privacy.zeist').gql(REGISTER, { input: {
      collaborationId: zeist, subject: 'ZST-P-0002', kind: 'RECTIFICATION', requestedBy: 'LEGAL_REPRESENTATIVE', subjectBirthDate: '2016-05-01',
      representativeName: 'M. de Vries (moeder, gezag)', description: 'Naam kind onjuist' } });
    noErrors(child);
    const identity = await itemId(sql, 'ZST-2026-001', 'police.identity');
    const wrong = await s.as('wijkagent.zeist').gql(RECTIFY, { input: { itemId: identity, content: 'x', reason: 'verzoek', rightsRequestId: child.data!.registerRightsRequest.id } });
    expect([code(wrong), field(wrong)]).toEqual(['BAD_USER_INPUT', 'rightsRequestId']);
    const r = await s.as('wijkagent.zeist').gql(RECTIFY, { input: {
      itemId: identity, content: 'Naam: J. (Jan) de Vries, geb. 21-03-1979, Slotlaan 12, 3701 GK Zeist, man', reason: 'Geboortedatum gecorrigeerd op verzoek', rightsRequestId: request } });
    noErrors(r);
    const notices = (await s.as('wijkagent.zeist').gql(NOTICES)).data!.correctionNotices.filter((n: any) => n.informationItemId === identity);
    expect(notices.length).toBe(r.data!.rectifyInformation.notices.length);
    expect((await sql(`SELECT DISTINCT rights_request_id AS r FROM correction_notice WHERE information_item_id = $1`, [identity])).map((x) => x.r))
      .toEqual(notices.length ? [request] : []);
  });

  test('[O34] a malformed rightsRequestId is bad input, not a database error', async () => {
    const identity = await itemId(sql, 'ZST-2026-001', 'police.identity');
    for (const rightsRequestId of ['not-a-request', '------------------------------------']) {
      const r = await s.as('wijkagent.zeist').gql(RECTIFY, { input: { itemId: identity, content: 'x', reason: 'verzoek', rightsRequestId } });
      expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'rightsRequestId']);
    }
  });
});

describe('[O34] [O12] the access report names only recipients that received something, also of removed cases', () => {
  let s: TestServer;
  let sql: Sql;
  let zeist: string;
  let zst1: string;
  beforeAll(async () => {
    ({ s, sql } = await start());
    zeist = await collabId(sql, 'zeist');
    zst1 = await caseId(sql, 'ZST-2026-001');
  });
  afterAll(() => s.stop());
  const POLICE_READ = `query($id: ID!) { case(id: $id) { subjects { pseudonym information { policeIncidents { id } } } } }`;
  const report = async () => {
    const r = await s.as('privacy.zeist').gql(REPORT, { c: zeist, s: 'ZST-P-0001' });
    noErrors(r);
    return r.data!.accessReport;
  };
  const logged = async (org: string) =>
    (await sql(`SELECT d.categories_disclosed AS c FROM disclosure_log d JOIN subject p ON p.id = d.subject_id
      JOIN organisation o ON o.id = d.recipient_organisation_id WHERE p.pseudonym = 'ZST-P-0001' AND o.name LIKE $1`, [`${org}%`])).map((x) => x.c);

  test('[O34] a recipient denied every category, or reading only its own organisation\'s items, is not a recipient', async () => {
    // The huisarts (ad hoc) is refused the police incidents: logged with nothing disclosed.
    const gp = await s.as('huisarts.zeist', 'ENDING_NUISANCE').gql(POLICE_READ, { id: zst1 });
    expect(gp.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN_FIELD', 'FORBIDDEN_FIELD']);
    expect(await logged('Huisartsenpraktijk Lindenhof')).toContainEqual([]);
    // The police read their own incidents; the corporation receives them.
    noErrors(await s.as('wijkagent.zeist', 'ENDING_NUISANCE').gql(POLICE_READ, { id: zst1 }));
    expect(await logged('Politie Midden-Nederland')).toContainEqual(['police.incidents']);
    noErrors(await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(POLICE_READ, { id: zst1 }));
    const rep = await report();
    expect(rep.disclosures.map((d: any) => d.recipientOrganisationName)).toEqual(['Woongoed Zeist']);
    expect(rep.disclosures[0]).toMatchObject({ caseReference: 'ZST-2026-001', categories: ['police.incidents'] });
    expect(rep.text).not.toContain('Lindenhof');
    expect(rep.text).not.toContain('aan Politie');
    // An item since erased can no longer be shown to be the recipient's own: the record counts.
    const incident = await itemId(sql, 'ZST-2026-001', 'police.incidents');
    noErrors(await s.as('wijkagent.zeist').gql(ERASE, { input: { itemId: incident, reason: 'Verzoek tot wissing (AVG 17) gehonoreerd' } }));
    expect((await report()).disclosures.map((d: any) => d.recipientOrganisationName)).toEqual(['Politie Midden-Nederland', 'Woongoed Zeist']);
  });

  test('[O12] [O30] [O34] disclosures of a case removed after its retention term stay in the report', async () => {
    const before = (await report()).disclosures.length;
    expect(before).toBeGreaterThan(0);
    // The subject is also in another case of the collaboration, so it stays after ZST-2026-001 is removed.
    await sql(`INSERT INTO case_subject (case_id, subject_id, role_in_case)
      SELECT c.id, p.id, 'hoofdbewoner' FROM "case" c, subject p WHERE c.reference = 'ZST-2026-002' AND p.pseudonym = 'ZST-P-0001'`);
    await sql(`UPDATE "case" SET phase = 'CLOSED' WHERE reference = 'ZST-2026-001'`);
    const r = await applyRetention(s.ds, new Date(Date.now() + 3 * 365 * 86_400_000), '2 years');
    expect(r.removedCases).toContain('ZST-2026-001');
    const rep = await report();
    expect(rep.disclosures).toHaveLength(before);
    expect(rep.disclosures.find((d: any) => d.recipientOrganisationName === 'Woongoed Zeist'))
      .toMatchObject({ caseReference: 'niet meer bewaard', categories: ['police.incidents'] });
    expect(rep.text).toContain('aan Woongoed Zeist (casus niet meer bewaard), doel ENDING_NUISANCE: police.incidents');
  });
});

const BREACH = `id reportingOrganisationName discoveredAt reportedAt reportedLate description dataTypes affectedCount affectedPersons measures cause
  startedAt endedAt parties { organisationName reporter notifiedAt dueAt acknowledgedAt overdue authorityNotifiedAt authorityReference authorityNote }`;
const REPORT_BREACH = `mutation($input: ReportBreachInput!) { reportBreach(input: $input) { ${BREACH} } }`;
const BREACHES = `query($o: Boolean) { breaches(overdueOnly: $o) { ${BREACH} } }`;

describe('[O35] the breach register', () => {
  let s: TestServer;
  let clock: TestClock;
  let sql: Sql;
  let zeist: string;
  let breach: string;
  beforeAll(async () => {
    ({ s, clock, sql } = await start());
    zeist = await collabId(sql, 'zeist');
  });
  afterAll(() => s.stop());
  const details = (over: Record<string, unknown> = {}) => ({
    collaborationId: zeist,
    discoveredAt: '2026-11-23T08:00:00Z',
    description: 'Verslag casusoverleg ZST-2026-001 per e-mail aan een verkeerde externe ontvanger gestuurd', // (i)
    dataTypes: ['person.identity', 'housing', 'police.incidents'], // (ii)
    affectedCount: 2, // (iii)
    affectedPersons: 'ZST-P-0001, ZST-P-0002', // (iv)
    measures: 'Ontvanger verzocht tot verwijdering, bevestiging ontvangen; adresboek opgeschoond', // (v)
    cause: 'Automatisch aanvullen van het e-mailadres', // (vi)
    startedAt: '2026-11-22T16:30:00Z', // (vii)
    endedAt: '2026-11-23T09:00:00Z', // (vii)
    ...over,
  });

  test('[O35] a breach is recorded with the seven details of Walcheren AVG art. 7 and every other party is notified', async () => {
    const r = await s.as('privacy.zeist').gql(REPORT_BREACH, { input: details() });
    noErrors(r);
    const b = r.data!.reportBreach;
    breach = b.id;
    expect(b).toMatchObject({
      reportingOrganisationName: 'Gemeente Zeist', reportedLate: false, affectedCount: 2, affectedPersons: 'ZST-P-0001, ZST-P-0002',
      cause: 'Automatisch aanvullen van het e-mailadres', startedAt: '2026-11-22T16:30:00.000Z', endedAt: '2026-11-23T09:00:00.000Z',
    });
    const others = b.parties.filter((p: any) => !p.reporter);
    expect(others.map((p: any) => p.organisationName)).toEqual(expect.arrayContaining(['Politie Midden-Nederland', 'Woongoed Zeist', 'Stichting MeanderOmnium']));
    expect(others.map((p: any) => p.organisationName)).not.toContain('Gemeente Zeist');
    for (const p of others) expect(p).toMatchObject({ notifiedAt: '2026-11-23T10:00:00.000Z', dueAt: '2026-11-25T08:00:00.000Z', overdue: false });
    // The other party's officer sees it.
    expect((await s.as('privacy.politie.zeist').gql(BREACHES)).data!.breaches.map((x: any) => x.id)).toContain(breach);
  });

  test('[O35] every detail is required; members without the role cannot report; a rejected report writes nothing', async () => {
    const before = (await sql(`SELECT count(*)::int AS n FROM data_breach`))[0].n;
    let r = await s.as('privacy.zeist').gql(REPORT_BREACH, { input: details({ dataTypes: [] }) });
    expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'dataTypes']);
    r = await s.as('privacy.zeist').gql(REPORT_BREACH, { input: details({ startedAt: '2026-11-24T00:00:00Z' }) });
    expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'startedAt']);
    const { cause: _cause, ...noCause } = details();
    expect(code(await s.as('privacy.zeist').gql(REPORT_BREACH, { input: noCause }))).toBe('BAD_USER_INPUT');
    expect(code(await s.as('wijkmanager.zeist').gql(REPORT_BREACH, { input: details() }))).toBe('FORBIDDEN');
    expect((await sql(`SELECT count(*)::int AS n FROM data_breach`))[0].n).toBe(before);
  });

  test('[O35] notifications still open 48 hours after discovery are overdue — by the clock', async () => {
    clock.set('2026-11-24T12:00:00Z');
    noErrors(await s.as('privacy.politie.zeist').gql(`mutation($id: ID!) { acknowledgeBreach(id: $id) { acknowledgedAt } }`, { id: breach }));
    clock.set('2026-11-25T07:59:00Z');
    expect((await s.as('privacy.zeist').gql(BREACHES, { o: true })).data!.breaches).toHaveLength(0);
    clock.set('2026-11-25T08:01:00Z');
    const r = await s.as('privacy.zeist').gql(BREACHES, { o: true });
    noErrors(r);
    const b = r.data!.breaches.find((x: any) => x.id === breach);
    const by = (n: string) => b.parties.find((p: any) => p.organisationName === n);
    expect(by('Woongoed Zeist').overdue).toBe(true);
    expect(by('Politie Midden-Nederland')).toMatchObject({ overdue: false, acknowledgedAt: '2026-11-24T12:00:00.000Z' });
    expect(by('Gemeente Zeist')).toMatchObject({ reporter: true, overdue: false });
  });

  test('[O35] each party records its own notification to the authority (or why not)', async () => {
    const REC = `mutation($input: RecordAuthorityNotificationInput!) { recordAuthorityNotification(input: $input) {
      organisationName authorityNotifiedAt authorityReference authorityNote } }`;
    const r = await s.as('privacy.zeist').gql(REC, { input: { breachId: breach, notifiedAt: '2026-11-24T09:00:00Z', reference: 'AP-M-2026-123456' } });
    noErrors(r);
    expect(r.data!.recordAuthorityNotification).toMatchObject({ organisationName: 'Gemeente Zeist', authorityReference: 'AP-M-2026-123456' });
    const none = await s.as('privacy.woongoed.zeist').gql(REC, { input: { breachId: breach } });
    expect([code(none), field(none)]).toEqual(['BAD_USER_INPUT', 'note']);
    const why = await s.as('privacy.woongoed.zeist').gql(REC, { input: { breachId: breach, note: 'Geen gegevens van Woongoed betrokken; geen melding' } });
    noErrors(why);
    expect(code(await s.as('privacy.zeist').gql(REC, { input: { breachId: breach, notifiedAt: '2026-11-24T09:00:00Z' } }))).toBe('CONFLICT');
    const list = await s.as('privacy.politie.zeist').gql(BREACHES);
    const parties = list.data!.breaches.find((x: any) => x.id === breach).parties;
    expect(parties.find((p: any) => p.organisationName === 'Gemeente Zeist').authorityNotifiedAt).toBe('2026-11-24T09:00:00.000Z');
  });

  test('[O35] a breach recorded more than 48 hours after discovery is marked late', async () => {
    clock.set('2026-11-27T10:00:00Z');
    const r = await s.as('privacy.politie.zeist').gql(REPORT_BREACH, { input: details({ discoveredAt: '2026-11-24T09:00:00Z', startedAt: '2026-11-24T08:00:00Z', endedAt: null }) });
    noErrors(r);
    expect(r.data!.reportBreach).toMatchObject({ reportedLate: true, reportingOrganisationName: 'Politie Midden-Nederland' });
    expect(r.data!.reportBreach.parties.filter((p: any) => !p.reporter).every((p: any) => p.overdue)).toBe(true);
  });
});

const ORDER = `id organisationName kind thirdParty legalBasis receivedAt registeredAt dueAt reportedLate parties { organisationName notifiedAt acknowledgedAt overdue }`;
const REGISTER_ORDER = `mutation($input: RegisterOrderInput!) { registerThirdPartyOrder(input: $input) { ${ORDER} } }`;
const ORDERS = `query($o: Boolean) { thirdPartyOrders(overdueOnly: $o) { ${ORDER} } }`;
const DISCLOSE = `mutation($input: RecordThirdPartyDisclosureInput!) { recordThirdPartyDisclosure(input: $input) {
  id caseId thirdParty ground interventionId orderId categories description disclosedAt } }`;

describe('[O36] [O37] third-party orders and disclosures to third parties', () => {
  let s: TestServer;
  let clock: TestClock;
  let sql: Sql;
  let zeist: string;
  let zst1: string;
  let order: string;
  beforeAll(async () => {
    ({ s, clock, sql } = await start('2026-11-27T16:00:00Z')); // a Friday
    zeist = await collabId(sql, 'zeist');
    zst1 = await caseId(sql, 'ZST-2026-001');
  });
  afterAll(() => s.stop());
  const orderInput = (over: Record<string, unknown> = {}) => ({
    collaborationId: zeist, kind: 'COURT_ORDER', thirdParty: 'Rechtbank Midden-Nederland', legalBasis: 'art. 126nd Sv (vordering officier van justitie)',
    description: 'Vordering verstrekking incidentgegevens ZST-P-0001', subject: 'ZST-P-0001', receivedAt: '2026-11-27T15:00:00Z', ...over,
  });

  test('[O36] an order is recorded and notified to every other party; due two working days after receipt', async () => {
    const r = await s.as('privacy.politie.zeist').gql(REGISTER_ORDER, { input: orderInput() });
    noErrors(r);
    const o = r.data!.registerThirdPartyOrder;
    order = o.id;
    // Friday 15:00 + 2 working days = Tuesday 15:00 (the weekend does not count).
    expect(o).toMatchObject({ organisationName: 'Politie Midden-Nederland', dueAt: '2026-12-01T15:00:00.000Z', reportedLate: false });
    expect(o.parties.map((p: any) => p.organisationName)).toEqual(expect.arrayContaining(['Gemeente Zeist', 'Woongoed Zeist']));
    expect(o.parties.map((p: any) => p.organisationName)).not.toContain('Politie Midden-Nederland');
    expect(code(await s.as('wijkagent.zeist').gql(REGISTER_ORDER, { input: orderInput() }))).toBe('FORBIDDEN');
    expect((await s.as('privacy.zeist').gql(ORDERS)).data!.thirdPartyOrders.map((x: any) => x.id)).toContain(order);
  });

  test('[O36] notifications not acknowledged within two working days are overdue — by the clock', async () => {
    clock.set('2026-11-30T09:00:00Z');
    noErrors(await s.as('privacy.zeist').gql(`mutation($id: ID!) { acknowledgeThirdPartyOrder(id: $id) { acknowledgedAt overdue } }`, { id: order }));
    clock.set('2026-12-01T14:59:00Z');
    expect((await s.as('privacy.politie.zeist').gql(ORDERS, { o: true })).data!.thirdPartyOrders).toHaveLength(0);
    clock.set('2026-12-01T15:01:00Z');
    const r = await s.as('privacy.politie.zeist').gql(ORDERS, { o: true });
    noErrors(r);
    const parties = r.data!.thirdPartyOrders.find((x: any) => x.id === order).parties;
    expect(parties.find((p: any) => p.organisationName === 'Woongoed Zeist').overdue).toBe(true);
    expect(parties.find((p: any) => p.organisationName === 'Gemeente Zeist').overdue).toBe(false);
  });

  test('[O36] an order registered after its two working days is late for every party', async () => {
    clock.set('2026-12-03T10:00:00Z'); // Thursday; received Monday
    const r = await s.as('privacy.politie.zeist').gql(REGISTER_ORDER, { input: orderInput({ receivedAt: '2026-11-30T10:00:00Z', kind: 'LEGAL_DUTY' }) });
    noErrors(r);
    expect(r.data!.registerThirdPartyOrder).toMatchObject({ dueAt: '2026-12-02T10:00:00.000Z', reportedLate: true });
    expect(r.data!.registerThirdPartyOrder.parties.every((p: any) => p.overdue)).toBe(true);
  });

  test('[O37] a disclosure to a third party only for an agreed intervention or a transfer (or an order), and logged', async () => {
    const intervention = await one(sql, `SELECT i.id FROM intervention i JOIN action_plan ap ON ap.id = i.action_plan_id JOIN "case" c ON c.id = ap.case_id
      JOIN organisation o ON o.id = i.organisation_id WHERE c.reference = 'ZST-2026-001' AND o.name = 'Gemeente Zeist – Sociaal Team'`);
    // An intervention of another collaboration's case (ZVHD): not one of this case's action plan.
    const other = (await sql(`SELECT i.id FROM intervention i JOIN action_plan ap ON ap.id = i.action_plan_id JOIN "case" c ON c.id = ap.case_id
      WHERE c.reference = 'ZVHD-2026-001' LIMIT 1`))[0].id;
    const base = { caseId: zst1, subject: 'ZST-P-0001', thirdParty: 'Schuldhulpverlening Kredietbank Utrecht', categories: ['finance'],
      description: 'Aanmelding schuldhulpverlening (interventie Sociaal Team)' };
    const before = (await sql(`SELECT count(*)::int AS n FROM third_party_disclosure`))[0].n;
    let r = await s.as('sociaalteam.zeist').gql(DISCLOSE, { input: { ...base, ground: 'AGREED_INTERVENTION' } });
    expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'interventionId']);
    r = await s.as('sociaalteam.zeist').gql(DISCLOSE, { input: { ...base, ground: 'AGREED_INTERVENTION', interventionId: other } });
    expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'interventionId']);
    r = await s.as('sociaalteam.zeist').gql(DISCLOSE, { input: { ...base, ground: 'ORDER', orderId: order } });
    expect([code(r), field(r)]).toEqual(['BAD_USER_INPUT', 'orderId']); // the order is the police's, not the Sociaal Team's
    expect(code(await s.as('huisarts.zeist').gql(DISCLOSE, { input: { ...base, ground: 'TRANSFER' } }))).toBe('FORBIDDEN');
    expect((await sql(`SELECT count(*)::int AS n FROM third_party_disclosure`))[0].n).toBe(before);

    r = await s.as('sociaalteam.zeist').gql(DISCLOSE, { input: { ...base, ground: 'AGREED_INTERVENTION', interventionId: intervention } });
    noErrors(r);
    expect(r.data!.recordThirdPartyDisclosure).toMatchObject({ ground: 'AGREED_INTERVENTION', interventionId: intervention, categories: ['finance'] });
    r = await s.as('wijkagent.zeist').gql(DISCLOSE, { input: { ...base, ground: 'ORDER', orderId: order, thirdParty: 'Rechtbank Midden-Nederland', categories: ['police.incidents'] } });
    noErrors(r);
    r = await s.as('sociaalteam.zeist').gql(DISCLOSE, { input: { ...base, ground: 'TRANSFER', thirdParty: 'Veiligheidshuis Utrecht', description: 'Overdracht casus' } });
    noErrors(r);
    // Logged: in the case, in the audit trail and in the subject's access report.
    const list = await s.as('woonconsulent.zeist').gql(`query($c: ID!) { thirdPartyDisclosures(caseId: $c) { thirdParty ground } }`, { c: zst1 });
    noErrors(list);
    expect(list.data!.thirdPartyDisclosures.map((x: any) => x.ground)).toEqual(['AGREED_INTERVENTION', 'ORDER', 'TRANSFER']);
    expect(await sql(`SELECT 1 FROM mutation_audit WHERE operation = 'recordThirdPartyDisclosure' AND table_name = 'third_party_disclosure'`)).toHaveLength(3);
    const rep = await s.as('privacy.zeist').gql(REPORT, { c: zeist, s: 'ZST-P-0001' });
    expect(rep.data!.accessReport.thirdPartyDisclosures.map((x: any) => x.thirdParty)).toContain('Schuldhulpverlening Kredietbank Utrecht');
    expect(rep.data!.accessReport.text).toContain('aan Veiligheidshuis Utrecht (TRANSFER)');
  });
});

const REGISTER_EXPORT = `{ processingRegister { organisationName generatedAt csv activities { collaborationName role processingActivityId purpose
  categories counterpartOrganisations subjectCount recordCount legalGrounds firstAt lastAt } } }`;

describe('[O39] the processing-register export per party', () => {
  let s: TestServer;
  let sql: Sql;
  beforeAll(async () => {
    ({ s, sql } = await start());
    const zst1 = await caseId(sql, 'ZST-2026-001');
    noErrors(await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(CASE_READ, { id: zst1 }));
  });
  afterAll(() => s.stop());

  test('[O39] a party exports what it received, from whom, for which purpose; and what it provided, to whom', async () => {
    const r = await s.as('privacy.woongoed.zeist').gql(REGISTER_EXPORT);
    noErrors(r);
    const reg = r.data!.processingRegister;
    expect(reg.organisationName).toBe('Woongoed Zeist');
    const received = reg.activities.find((a: any) => a.role === 'RECIPIENT' && a.purpose === 'ENDING_NUISANCE');
    expect(received).toMatchObject({ collaborationName: expect.stringContaining('Zeist'), subjectCount: expect.any(Number) });
    expect(received.categories).toContain('police.incidents');
    expect(received.counterpartOrganisations).toContain('Politie Midden-Nederland');
    expect(reg.csv.split('\r\n')[0]).toBe('collaborationName,role,processingActivityId,purpose,categories,counterpartOrganisations,subjectCount,recordCount,legalGrounds,firstAt,lastAt');

    const police = await s.as('privacy.politie.zeist').gql(REGISTER_EXPORT);
    noErrors(police);
    const provided = police.data!.processingRegister.activities.find((a: any) => a.role === 'PROVIDER' && a.purpose === 'ENDING_NUISANCE');
    expect(provided.counterpartOrganisations).toContain('Woongoed Zeist');
    expect(provided.categories).toContain('police.incidents');
    expect(provided.legalGrounds.join(' ')).toContain('§4.1');
    // Only the officer's own organisation; members without the role are refused.
    expect(police.data!.processingRegister.activities.some((a: any) => a.role === 'RECIPIENT' && a.counterpartOrganisations.includes('Politie Midden-Nederland'))).toBe(false);
    expect(code(await s.as('woonconsulent.zeist').gql(REGISTER_EXPORT))).toBe('FORBIDDEN');
  });
});

describe('[O30] [O34] retention beside the rights register', () => {
  test('[O30] [O34] a finished case whose subject made a rights request is still removed after its term; the subject stays for the register', async () => {
    const { s, sql } = await start();
    try {
      const zeist = await collabId(sql, 'zeist');
      noErrors(
        await s.as('privacy.zeist').gql(REGISTER, {
          input: {
            collaborationId: zeist, subject: 'ZST-P-0005', kind: 'ERASURE', requestedBy: 'SUBJECT', subjectBirthDate: '1980-01-01',
            description: 'Verzoek om verwijdering van alle gegevens (brief van 20-11-2026)', receivedAt: '2026-11-23T09:00:00Z',
          },
        }),
      );
      // ZST-2026-003, the subject's only case, is closed; three years on its term has passed.
      await sql(`UPDATE "case" SET phase = 'CLOSED' WHERE reference = 'ZST-2026-003'`);
      const r = await applyRetention(s.ds, new Date(Date.now() + 3 * 365 * 86_400_000), '2 years');
      expect(r.removedCases).toContain('ZST-2026-003');
      expect(await sql(`SELECT 1 FROM "case" WHERE reference = 'ZST-2026-003'`)).toHaveLength(0);
      expect(await sql(`SELECT 1 FROM rights_request q JOIN subject p ON p.id = q.subject_id WHERE p.pseudonym = 'ZST-P-0005'`)).toHaveLength(1);
    } finally {
      await s.stop();
    }
  });
});

