/**
 * Agreements as living documents (issue 7), over HTTP against real PostgreSQL, with an injectable clock:
 * art. 20 decisions (O5), accession (O3), amendments (O4), term, renewal, notice and evaluations (O2),
 * departure and exclusion (O40). Each block runs on a database of its own, so the lifecycles do not meet.
 */
import { CATEGORIES } from '../../src/domain/information/categories';
import { startTestServer, testClock, type GqlResponse, type TestClock, type TestServer } from '../helpers/test-server';

const DEMO_NOW = '2026-11-23T10:00:00Z';
const INFO = CATEGORIES.map((c) => `${c.field} { id content }`).join(' ');
const CASE = `query($id: ID!) { case(id: $id) { reference subjects { pseudonym information { ${INFO} } } } }`;
const POLICE_FIELDS = CATEGORIES.filter((c) => c.police && c.key !== 'police.special').map((c) => c.field);
const COLLABS = `{ collaborations { slug } }`;
const CASES = `{ cases(first: 50) { totalCount edges { node { reference } } } }`;
const DEADLINES = `query($within: Int) { agreementDeadlines(withinDays: $within) { kind dueOn overdue description
  agreement { title version } party { organisation { name } } art20Decision { id } } }`;

const code = (r: GqlResponse) => r.errors?.[0]?.extensions?.code;
const field = (r: GqlResponse) => r.errors?.[0]?.extensions?.field;
const noErrors = (r: GqlResponse) => expect(r.errors).toBeUndefined();
/** The denial of a field of the first subject of `case`. */
const denial = (r: GqlResponse, f: string) => r.errors?.find((e) => e.path?.join('.') === `case.subjects.0.information.${f}`)?.extensions;

async function start(at = DEMO_NOW): Promise<{ s: TestServer; clock: TestClock; sql: (q: string, p?: unknown[]) => Promise<any[]> }> {
  const clock = testClock(at);
  const s = await startTestServer({ clock: clock.clock });
  return { s, clock, sql: (q, p = []) => s.ds.query(q, p) };
}

async function idOf(sql: (q: string, p?: unknown[]) => Promise<any[]>, q: string, p: unknown[] = []): Promise<string> {
  const rows = await sql(q, p);
  expect(rows).toHaveLength(1);
  return rows[0].id;
}

const agreementId = (sql: any, slug: string, title: string) =>
  idOf(sql, `SELECT a.id FROM agreement a JOIN collaboration c ON c.id = a.collaboration_id WHERE c.slug = $1 AND a.title LIKE $2`, [slug, `${title}%`]);
const orgId = (sql: any, name: string) => idOf(sql, `SELECT id FROM organisation WHERE name = $1`, [name]);
const caseId = (sql: any, ref: string) => idOf(sql, `SELECT id FROM "case" WHERE reference = $1`, [ref]);

describe('[O5] art. 20 decisions through the API', () => {
  let s: TestServer;
  let clock: TestClock;
  let sql: (q: string, p?: unknown[]) => Promise<any[]>;
  let decision: string;
  let zst1: string;
  beforeAll(async () => {
    ({ s, clock, sql } = await start());
    decision = await idOf(sql, `SELECT d.id FROM art20_decision d`);
    zst1 = await caseId(sql, 'ZST-2026-001');
  });
  afterAll(() => s.stop());
  const reader = () => s.as('woonconsulent.zeist', 'ENDING_NUISANCE');
  const policeOf = (r: GqlResponse) => r.data!.case.subjects[0].information.policeIncidents;

  test('[O5] expiry takes effect on the very next request, by the clock, without a restart', async () => {
    clock.set('2027-12-31T22:30:00Z'); // 23:30 Dutch time on its last day
    expect(policeOf(await reader().gql(CASE, { id: zst1 }))).toHaveLength(1);
    clock.set('2027-12-31T23:30:00Z'); // valid until 2028-01-01 (exclusive): 00:30 Dutch time on 1 January
    const res = await reader().gql(CASE, { id: zst1 });
    for (const f of POLICE_FIELDS) expect(denial(res, f)?.reason).toBe('NO_ART20_GRANT');
    const q = `{ collaborations { agreements { art20Decisions { inForce } } } }`;
    expect((await reader().gql(q)).data!.collaborations[0].agreements[0].art20Decisions[0].inForce).toBe(false);
    clock.set(DEMO_NOW);
    expect(policeOf(await reader().gql(CASE, { id: zst1 }))).toHaveLength(1);
  });

  test('[O5] extension only by the police chief, only with a written evaluation, at most three years at a time', async () => {
    const EXTEND = `mutation($i: ExtendArt20Input!) { extendArt20Decision(input: $i) { validUntil inForce } }`;
    const good = { decisionId: decision, validUntil: '2031-01-01', evaluatedOn: '2026-11-20', evaluation: 'Evaluatie: de grond voor verstrekking bestaat nog; overlast in Vollenhove en Kerckebosch blijft hoog.' };
    const before = (await sql(`SELECT count(*)::int AS n FROM art20_evaluation`))[0].n;
    expect(code(await s.as('wijkagent.zeist').gql(EXTEND, { i: good }))).toBe('FORBIDDEN');
    const noEval = await s.as('teamchef.zeist').gql(EXTEND, { i: { ...good, evaluation: '' } });
    expect([code(noEval), field(noEval)]).toEqual(['BAD_USER_INPUT', 'evaluation']);
    const tooLong = await s.as('teamchef.zeist').gql(EXTEND, { i: { ...good, validUntil: '2031-01-02' } });
    expect([code(tooLong), field(tooLong)]).toEqual(['BAD_USER_INPUT', 'validUntil']);
    expect((await sql(`SELECT count(*)::int AS n FROM art20_evaluation`))[0].n).toBe(before);
    const ok = await s.as('teamchef.zeist').gql(EXTEND, { i: good });
    noErrors(ok);
    expect(ok.data!.extendArt20Decision).toEqual({ validUntil: '2031-01-01', inForce: true });
    clock.set('2028-06-01T10:00:00Z');
    expect(policeOf(await reader().gql(CASE, { id: zst1 }))).toHaveLength(1);
    clock.set(DEMO_NOW);
    // The written evaluation is readable by governance roles only.
    const q = `{ collaborations { agreements { art20Decisions { evaluations { report extendedUntil previousValidUntil } } } } }`;
    const po = await s.as('privacy.zeist').gql(q);
    noErrors(po);
    expect(po.data!.collaborations[0].agreements[0].art20Decisions[0].evaluations).toEqual([
      { report: good.evaluation, extendedUntil: '2031-01-01', previousValidUntil: '2028-01-01' },
    ]);
    const other = await s.as('woonconsulent.zeist').gql(q);
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', reason: 'NO_GOVERNANCE_ROLE' });
  });

  test('[O5] after the police chief revokes the Zeist decision, the next query by woonconsulent.zeist returns no police field', async () => {
    const REVOKE = `mutation($id: ID!, $r: String!) { revokeArt20Decision(id: $id, reason: $r) { revokedAt revocationReason inForce } }`;
    expect(policeOf(await reader().gql(CASE, { id: zst1 }))).toHaveLength(1);
    for (const login of ['wijkagent.zeist', 'woonconsulent.zeist', 'privacy.zeist']) {
      expect(code(await s.as(login).gql(REVOKE, { id: decision, r: 'test' }))).toBe('FORBIDDEN');
    }
    expect((await sql(`SELECT revoked_at FROM art20_decision WHERE id = $1`, [decision]))[0].revoked_at).toBeNull();
    const res = await s.as('teamchef.zeist').gql(REVOKE, { id: decision, r: 'Grond voor verstrekking vervallen (besluit §6)' });
    noErrors(res);
    expect(res.data!.revokeArt20Decision).toMatchObject({ inForce: false, revocationReason: 'Grond voor verstrekking vervallen (besluit §6)' });
    const after = await reader().gql(CASE, { id: zst1 });
    expect(after.data!.case.reference).toBe('ZST-2026-001');
    for (const f of POLICE_FIELDS) {
      expect(after.data!.case.subjects[0].information[f]).toBeNull();
      expect(denial(after, f)).toMatchObject({ code: 'FORBIDDEN_FIELD', reason: 'NO_ART20_GRANT' });
    }
    expect(after.data!.case.subjects[0].information.housing.length).toBeGreaterThan(0);
    // Revoking twice is a conflict; the audit trail names the police chief.
    expect(code(await s.as('teamchef.zeist').gql(REVOKE, { id: decision, r: 'again' }))).toBe('CONFLICT');
    const audit = await sql(`SELECT m.login FROM mutation_audit t JOIN member m ON m.id = t.actor_member_id
      WHERE t.operation = 'revokeArt20Decision' AND t.table_name = 'art20_decision'`);
    expect(audit.map((r: any) => r.login)).toEqual(['teamchef.zeist']);
  });

  test('[O5] a new decision needs every element of Wpg 20(2), at most three years, non-police recipients; then police data flows again', async () => {
    const ISSUE = `mutation($i: IssueArt20Input!) { issueArt20Decision(input: $i) { id inForce categoriesGranted recipients { organisation { name } } } }`;
    const zst = await agreementId(sql, 'zeist', 'Samenwerkingsovereenkomst');
    const woongoed = await orgId(sql, 'Woongoed Zeist');
    const politie = await orgId(sql, 'Politie Midden-Nederland');
    const input = {
      agreementId: zst, issuingUnit: 'Politie, eenheid Midden-Nederland (de politiechef)',
      compellingPublicInterest: 'Aanpak van ernstige overlast in de wijk (besluit §3).',
      purpose: 'Wijkgericht Werken Zeist: aanpak van ernstige overlast (besluit §2).',
      categoriesGranted: ['police.identity', 'police.incidents'],
      conditions: '§4: alleen aan partners; §5: vertrouwelijk.', recipientOrganisationIds: [woongoed],
      validFrom: '2026-11-23', validUntil: '2029-11-23',
    };
    const long = await s.as('teamchef.zeist').gql(ISSUE, { i: { ...input, validUntil: '2029-11-24' } });
    expect([code(long), field(long)]).toEqual(['BAD_USER_INPUT', 'validUntil']);
    const police = await s.as('teamchef.zeist').gql(ISSUE, { i: { ...input, recipientOrganisationIds: [politie] } });
    expect([code(police), field(police)]).toEqual(['BAD_USER_INPUT', 'recipientOrganisationIds']);
    const badCat = await s.as('teamchef.zeist').gql(ISSUE, { i: { ...input, categoriesGranted: ['housing'] } });
    expect(code(badCat)).toBe('BAD_USER_INPUT');
    expect(code(await s.as('wijkagent.zeist').gql(ISSUE, { i: input }))).toBe('FORBIDDEN');
    const ok = await s.as('teamchef.zeist').gql(ISSUE, { i: input });
    noErrors(ok);
    expect(ok.data!.issueArt20Decision).toMatchObject({ inForce: true, recipients: [{ organisation: { name: 'Woongoed Zeist' } }] });
    const res = await reader().gql(CASE, { id: zst1 });
    expect(res.data!.case.subjects[0].information.policeIncidents).toHaveLength(1);
    expect(denial(res, 'policeVehicles')?.reason).toBe('NO_ART20_GRANT'); // not granted by the new decision
  });
});

describe('[O3] accession', () => {
  let s: TestServer;
  let clock: TestClock;
  let sql: (q: string, p?: unknown[]) => Promise<any[]>;
  let request: string;
  let thuiszorg: string;
  beforeAll(async () => {
    ({ s, clock, sql } = await start());
    request = await idOf(sql, `SELECT id FROM accession_request`);
    thuiszorg = await orgId(sql, 'Thuiszorg De Wolden (fictief)');
  });
  afterAll(() => s.stop());
  const nurse = () => s.as('wijkverpleegkundige.dewolden', 'ENDING_NUISANCE');
  const ANSWER = `mutation($i: AnswerAccessionInput!) { answerAccession(input: $i) { approved organisation { name } } }`;
  const DECIDE = `mutation($i: DecideAccessionInput!) { decideAccession(input: $i) { status decidedAt } }`;
  const SIGN = `mutation($i: SignAccessionFormInput!) { signAccessionForm(input: $i) { status formSignedAt formSignedBy } }`;
  const INVITE = `mutation($i: InviteParticipantInput!) { inviteParticipant(input: $i) { role } }`;

  async function seesNothing() {
    expect((await nurse().gql(COLLABS)).data!.collaborations).toEqual([]);
    expect((await nurse().gql(CASES)).data!.cases.totalCount).toBe(0);
    expect((await nurse().gql(`{ organisations { name } }`)).data!.organisations).toEqual([]);
    expect((await nurse().gql(DEADLINES, { within: 3650 })).data!.agreementDeadlines).toEqual([]);
  }

  test('[O3] the written request is registered and every party informed; only governance roles read it', async () => {
    await seesNothing();
    const q = `{ collaborations { agreements { title accessionRequests { status representative requestText organisation { name }
      approvals { notifiedAt approved organisation { name } } } } } }`;
    const chair = await s.as('voorzitter.dewolden').gql(q);
    noErrors(chair);
    const reqs = chair.data!.collaborations[0].agreements.flatMap((a: any) => a.accessionRequests);
    expect(reqs).toHaveLength(1);
    expect(reqs[0]).toMatchObject({ status: 'REQUESTED', organisation: { name: 'Thuiszorg De Wolden (fictief)' } });
    expect(reqs[0].approvals.map((a: any) => a.organisation.name).sort()).toEqual(
      ['Gemeente De Wolden', 'Politie basisteam Zuidwest Drenthe', 'Welzijn De Wolden', 'Woningcorporatie Actium'],
    );
    expect(reqs[0].approvals.every((a: any) => a.notifiedAt && a.approved === null)).toBe(true);
    const member = await s.as('woonconsulent.dewolden').gql(q);
    expect(member.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', reason: 'NO_GOVERNANCE_ROLE' });
  });

  test('[O3] the steering group decides only after every party agreed; the form only after the decision', async () => {
    const accept = { requestId: request, accepted: true, decisionNote: 'Stuurgroep 2026-12: toetreding aanvaard.' };
    expect(code(await s.as('voorzitter.dewolden').gql(SIGN, { i: { requestId: request, signedBy: 'x en y' } }))).toBe('CONFLICT');
    expect(code(await s.as('woonconsulent.dewolden').gql(ANSWER, { i: { requestId: request, approved: true } }))).toBe('FORBIDDEN');
    for (const login of ['stuurgroep.welzijn.dewolden', 'stuurgroep.politie.dewolden', 'stuurgroep.actium.dewolden']) {
      expect(code(await s.as('voorzitter.dewolden').gql(DECIDE, { i: accept }))).toBe('CONFLICT');
      const r = await s.as(login).gql(ANSWER, { i: { requestId: request, approved: true, note: 'akkoord' } });
      noErrors(r);
      expect(r.data!.answerAccession.approved).toBe(true);
    }
    expect(code(await s.as('stuurgroep.actium.dewolden').gql(ANSWER, { i: { requestId: request, approved: true } }))).toBe('CONFLICT');
    const blocked = await s.as('voorzitter.dewolden').gql(DECIDE, { i: accept });
    expect(blocked.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'APPROVALS_MISSING' });
    expect((await sql(`SELECT status FROM accession_request WHERE id = $1`, [request]))[0].status).toBe('REQUESTED');
    noErrors(await s.as('voorzitter.dewolden').gql(ANSWER, { i: { requestId: request, approved: true } }));
    const decided = await s.as('voorzitter.dewolden').gql(DECIDE, { i: accept });
    noErrors(decided);
    expect(decided.data!.decideAccession.status).toBe('ACCEPTED');
  });

  test('[O3] a newly acceding party sees nothing before the decision and the signed form, and from then on only what it takes part in', async () => {
    await seesNothing(); // decided, but the form is not signed
    // DWL-2026-002 is still worked on (DWL-2026-003 is referred and takes no new participants, issue 6).
    const dwl3 = await caseId(sql, 'DWL-2026-002');
    const early = await s.as('dorpencontact.dewolden').gql(INVITE, { i: { caseId: dwl3, organisationId: thuiszorg, role: 'PARTNER' } });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_PARTY' });
    clock.set('2026-12-10T14:00:00Z');
    const signed = await s.as('voorzitter.dewolden').gql(SIGN, {
      i: { requestId: request, signedBy: 'bestuurder Thuiszorg De Wolden en voorzitter Stuurgroep Buurtteams' },
    });
    noErrors(signed);
    expect(signed.data!.signAccessionForm).toMatchObject({ status: 'COMPLETED', formSignedAt: '2026-12-10T14:00:00.000Z' });
    // Access counts from the signing: a request at an earlier moment still sees nothing.
    clock.set('2026-12-10T13:59:00Z');
    await seesNothing();
    clock.set('2026-12-10T14:01:00Z');
    expect((await nurse().gql(COLLABS)).data!.collaborations).toEqual([{ slug: 'dewolden' }]);
    expect((await nurse().gql(CASES)).data!.cases.totalCount).toBe(0); // a party, but in no case yet (O6)
    noErrors(await s.as('dorpencontact.dewolden').gql(INVITE, { i: { caseId: dwl3, organisationId: thuiszorg, role: 'PARTNER' } }));
    expect((await nurse().gql(CASES)).data!.cases.edges.map((e: any) => e.node.reference)).toEqual(['DWL-2026-002']);
  });
});

describe('[O4] amendments', () => {
  let s: TestServer;
  let sql: (q: string, p?: unknown[]) => Promise<any[]>;
  beforeAll(async () => {
    ({ s, sql } = await start());
  });
  afterAll(() => s.stop());
  const PROPOSE = `mutation($i: ProposeAmendmentInput!) { proposeAmendment(input: $i) { id status version policyVersion amendmentProcedure
    supersedes { version status } parties { organisation { name } } } }`;
  const SIGN = `mutation($id: ID!) { signAgreement(agreementId: $id) { status activatedAt } }`;
  const REJECT = `mutation($id: ID!, $n: String) { rejectAmendment(agreementId: $id, note: $n) { status } }`;
  const status = async (id: string) => (await sql(`SELECT status FROM agreement WHERE id = $1`, [id]))[0].status;

  test('[O4] a re-signed version takes effect only when every party signed; a party that rejects it leaves when it takes effect', async () => {
    const dw = await agreementId(sql, 'dewolden', 'Samenwerkingsconvenant');
    const input = { agreementId: dw, version: '2027', amendmentSummary: 'Art. 15: toetreding ook voor zorgaanbieders; art. 19 evaluatie halfjaarlijks.' };
    expect(code(await s.as('woonconsulent.dewolden').gql(PROPOSE, { i: input }))).toBe('FORBIDDEN');
    const badPolicy = await s.as('voorzitter.dewolden').gql(PROPOSE, { i: { ...input, policyVersion: '9.9.9' } });
    expect([code(badPolicy), field(badPolicy)]).toEqual(['BAD_USER_INPUT', 'policyVersion']);
    const res = await s.as('voorzitter.dewolden').gql(PROPOSE, { i: { ...input, policyVersion: '1.0.0' } });
    noErrors(res);
    const next = res.data!.proposeAmendment;
    expect(next).toMatchObject({ status: 'DRAFT', version: '2027', policyVersion: '1.0.0', amendmentProcedure: 'RESIGN', supersedes: { version: '2024', status: 'SIGNED' } });
    expect(next.parties).toHaveLength(4);
    expect(code(await s.as('voorzitter.dewolden').gql(PROPOSE, { i: { ...input, version: '2027b' } }))).toBe('CONFLICT');

    for (const login of ['voorzitter.dewolden', 'stuurgroep.welzijn.dewolden', 'stuurgroep.politie.dewolden']) {
      const r = await s.as(login).gql(SIGN, { id: next.id });
      noErrors(r);
      expect(r.data!.signAgreement.status).toBe('DRAFT'); // not every party has signed
      expect(await status(dw)).toBe('SIGNED'); // the version in force stays in force meanwhile
    }
    expect(code(await s.as('voorzitter.dewolden').gql(SIGN, { id: next.id }))).toBe('CONFLICT'); // signed already
    // Actium still takes part meanwhile …
    expect((await s.as('woonconsulent.dewolden').gql(CASES)).data!.cases.totalCount).toBeGreaterThan(0);
    // … rejects the change: the amendment takes effect (every remaining party signed) and Actium leaves at that moment.
    const rej = await s.as('stuurgroep.actium.dewolden').gql(REJECT, { id: next.id, n: 'Wijziging art. 15 onaanvaardbaar (art. 16.3)' });
    noErrors(rej);
    expect(rej.data!.rejectAmendment.status).toBe('SIGNED');
    expect(await status(dw)).toBe('TERMINATED');
    expect((await s.as('woonconsulent.dewolden').gql(CASES)).data!.cases.totalCount).toBe(0);
    expect((await s.as('woonconsulent.dewolden').gql(COLLABS)).data!.collaborations).toEqual([]);
    const left = await sql(`SELECT DISTINCT p.exit_reason FROM party p JOIN organisation o ON o.id = p.organisation_id
      WHERE o.name = 'Woningcorporatie Actium' AND p.left_at IS NOT NULL`);
    expect(left.map((r: any) => r.exit_reason)).toEqual(['REJECTED_AMENDMENT']);
    // The others carry on under the new version.
    expect((await s.as('dorpencontact.dewolden').gql(CASES)).data!.cases.totalCount).toBeGreaterThan(0);
  });

  test('[O4] ZVHD: an amendment by addendum takes effect when chair and manager sign it; parties keep their signatures', async () => {
    const zvhd = await agreementId(sql, 'zvhd', 'Convenant');
    const res = await s.as('manager.zvhd').gql(PROPOSE, { i: { agreementId: zvhd, version: '1.1', amendmentSummary: 'Addendum: nieuwe verdeelsleutel (art. 23.2).' } });
    noErrors(res);
    const next = res.data!.proposeAmendment;
    expect(next.amendmentProcedure).toBe('ADDENDUM');
    expect(code(await s.as('manager.zvhd').gql(SIGN, { id: next.id }))).toBe('CONFLICT');
    const ADD = `mutation($id: ID!) { signAddendum(agreementId: $id, signedBy: "voorzitter Stuurgroep en manager ZVHD") { status addendumSignedBy } }`;
    const done = await s.as('manager.zvhd').gql(ADD, { id: next.id });
    noErrors(done);
    expect(done.data!.signAddendum).toEqual({ status: 'SIGNED', addendumSignedBy: 'voorzitter Stuurgroep en manager ZVHD' });
    expect(await status(zvhd)).toBe('TERMINATED');
    expect((await s.as('politie.zvhd').gql(CASES)).data!.cases.totalCount).toBeGreaterThan(0);
  });
});

describe('[O2] term, renewal, notice and evaluations at a given clock', () => {
  let s: TestServer;
  let clock: TestClock;
  let sql: (q: string, p?: unknown[]) => Promise<any[]>;
  beforeAll(async () => {
    ({ s, clock, sql } = await start());
  });
  afterAll(() => s.stop());
  const due = async (login: string, within: number) => {
    const r = await s.as(login).gql(DEADLINES, { within });
    noErrors(r);
    return r.data!.agreementDeadlines as any[];
  };
  const TERMS = `{ collaborations { slug agreements { version currentTermEndsOn renewalsUsed nextRenewalOn noticeDeadline finalEndDate } } }`;

  test('[O2] De Wolden: renewed by one year up to 4 times; the agreement shows its term at the request’s moment', async () => {
    const at = async (t: string) => {
      clock.set(t);
      const r = await s.as('woonconsulent.dewolden').gql(TERMS);
      noErrors(r);
      return r.data!.collaborations[0].agreements.find((a: any) => a.version === '2024');
    };
    expect(await at('2025-06-01T10:00:00Z')).toMatchObject({ currentTermEndsOn: '2026-01-01', renewalsUsed: 0, nextRenewalOn: '2026-01-01', noticeDeadline: '2025-09-30', finalEndDate: '2030-01-01' });
    expect(await at(DEMO_NOW)).toMatchObject({ currentTermEndsOn: '2027-01-01', renewalsUsed: 1, nextRenewalOn: '2027-01-01' });
    expect(await at('2029-06-01T10:00:00Z')).toMatchObject({ renewalsUsed: 4, nextRenewalOn: null, noticeDeadline: null, currentTermEndsOn: '2030-01-01' });
    clock.set(DEMO_NOW);
  });

  test('[O2] a query lists what is due or overdue — renewal, notice, evaluation, end of term — at a given clock', async () => {
    clock.set('2026-09-15T10:00:00Z');
    let list = await due('voorzitter.dewolden', 120);
    expect(list).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'NOTICE_DEADLINE', dueOn: '2026-09-30', overdue: false }),
      expect.objectContaining({ kind: 'EVALUATION', dueOn: '2026-10-01', overdue: false }),
      expect.objectContaining({ kind: 'EVALUATION', dueOn: '2026-12-31', overdue: false }),
      expect.objectContaining({ kind: 'RENEWAL', dueOn: '2027-01-01', overdue: false }),
    ]));
    expect(list.map((d) => d.dueOn)).toEqual([...list.map((d) => d.dueOn)].sort());
    clock.set(DEMO_NOW);
    list = await due('voorzitter.dewolden', 30);
    expect(list).toContainEqual(expect.objectContaining({ kind: 'EVALUATION', dueOn: '2026-10-01', overdue: true, agreement: { title: 'Privacyconvenant Buurtteams in gemeente De Wolden', version: '1.0' } }));
    expect(list.find((d) => d.kind === 'NOTICE_DEADLINE')).toBeUndefined(); // passed: the renewal of 2027 stands
    clock.set('2029-12-15T10:00:00Z');
    expect(await due('voorzitter.dewolden', 30)).toContainEqual(expect.objectContaining({ kind: 'END_OF_TERM', dueOn: '2030-01-01', overdue: false }));
    clock.set('2030-02-01T10:00:00Z');
    expect(await due('voorzitter.dewolden', 30)).toContainEqual(expect.objectContaining({ kind: 'END_OF_TERM', dueOn: '2030-01-01', overdue: true }));
    clock.set(DEMO_NOW);
    // Only one's own collaborations.
    expect((await due('woonconsulent.zeist', 3650)).every((d) => !d.agreement.title.includes('De Wolden'))).toBe(true);
  });

  test('[O2] recording a held evaluation clears it; only the steering group or a coordinator records one', async () => {
    const priv = await agreementId(sql, 'dewolden', 'Privacyconvenant');
    const REC = `mutation($i: RecordEvaluationInput!) { recordAgreementEvaluation(input: $i) { dueDate heldOn } }`;
    const input = { agreementId: priv, dueDate: '2026-10-01', heldOn: '2026-11-20', report: 'Tweejaarlijkse herziening (art. 15.1): geen wijzigingen nodig.' };
    expect(code(await s.as('woonconsulent.dewolden').gql(REC, { i: input }))).toBe('FORBIDDEN');
    const wrong = await s.as('voorzitter.dewolden').gql(REC, { i: { ...input, dueDate: '2026-10-02' } });
    expect([code(wrong), field(wrong)]).toEqual(['BAD_USER_INPUT', 'dueDate']);
    noErrors(await s.as('voorzitter.dewolden').gql(REC, { i: input }));
    expect(code(await s.as('voorzitter.dewolden').gql(REC, { i: input }))).toBe('CONFLICT');
    expect((await due('voorzitter.dewolden', 30)).find((d) => d.kind === 'EVALUATION' && d.dueOn === '2026-10-01')).toBeUndefined();
  });

  test('[O5] the art. 20 decision running out is listed, and once expired it is overdue', async () => {
    clock.set('2027-11-15T10:00:00Z');
    expect(await due('woonconsulent.zeist', 60)).toContainEqual(expect.objectContaining({ kind: 'ART20_EXPIRY', dueOn: '2028-01-01', overdue: false }));
    clock.set('2028-01-02T10:00:00Z');
    expect(await due('woonconsulent.zeist', 60)).toContainEqual(expect.objectContaining({ kind: 'ART20_EXPIRY', dueOn: '2028-01-01', overdue: true }));
    clock.set(DEMO_NOW);
  });
});

describe('[O40] departure and exclusion', () => {
  let s: TestServer;
  let clock: TestClock;
  let sql: (q: string, p?: unknown[]) => Promise<any[]>;
  beforeAll(async () => {
    ({ s, clock, sql } = await start());
  });
  afterAll(() => s.stop());

  test('[O40] an excluded party loses access on its next request, while what it received stays in the disclosure log', async () => {
    const dw = await agreementId(sql, 'dewolden', 'Samenwerkingsconvenant');
    const actium = await orgId(sql, 'Woningcorporatie Actium');
    const dwl1 = await caseId(sql, 'DWL-2026-001');
    const reader = s.as('woonconsulent.dewolden', 'ENDING_NUISANCE');
    const first = await reader.gql(CASE, { id: dwl1 });
    expect(first.data!.case.reference).toBe('DWL-2026-001');
    const logged = async () => (await sql(`SELECT id FROM disclosure_log WHERE recipient_organisation_id = $1 ORDER BY seq`, [actium])).map((r: any) => r.id);
    const received = await logged();
    expect(received.length).toBeGreaterThan(0);

    const EXCLUDE = `mutation($i: ExcludePartyInput!) { excludeParty(input: $i) { leftAt exitReason active organisation { name } } }`;
    const input = { agreementId: dw, organisationId: actium, reason: 'Na ingebrekestelling van 2026-10-01 de afspraken niet nagekomen (art. 14.2).' };
    expect(code(await s.as('woonconsulent.dewolden').gql(EXCLUDE, { i: input }))).toBe('FORBIDDEN');
    expect(code(await s.as('stuurgroep.actium.dewolden').gql(EXCLUDE, { i: input }))).toBe('BAD_USER_INPUT'); // not itself
    const ex = await s.as('voorzitter.dewolden').gql(EXCLUDE, { i: input });
    noErrors(ex);
    expect(ex.data!.excludeParty).toMatchObject({ exitReason: 'EXCLUSION', active: false, organisation: { name: 'Woningcorporatie Actium' } });

    const after = await reader.gql(CASE, { id: dwl1 });
    expect(after.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(after.data).toBeNull();
    expect((await reader.gql(CASES)).data!.cases.totalCount).toBe(0);
    expect((await reader.gql(COLLABS)).data!.collaborations).toEqual([]);
    // Confidentiality outlives the agreement: the log of what it received is kept, unchanged.
    expect(await logged()).toEqual(received);
    // The remaining parties see who left and why it left; the note only for governance roles.
    const q = `{ collaborations { agreements { version parties { organisation { name } active exitReason exitNote } } } }`;
    const chair = await s.as('voorzitter.dewolden').gql(q);
    noErrors(chair);
    const row = chair.data!.collaborations[0].agreements.find((a: any) => a.version === '2024').parties.find((p: any) => p.organisation.name === 'Woningcorporatie Actium');
    expect(row).toEqual({ organisation: { name: 'Woningcorporatie Actium' }, active: false, exitReason: 'EXCLUSION', exitNote: input.reason });
  });

  test('[O40] [O2] a party that gives notice keeps access for the notice period (3 months) and loses it on the first request after', async () => {
    const dw = await agreementId(sql, 'dewolden', 'Samenwerkingsconvenant');
    const NOTICE = `mutation($id: ID!) { giveNotice(agreementId: $id, note: "Aangetekend schrijven (art. 14.4)") { leftAt exitReason noticeGivenAt } }`;
    const r = await s.as('stuurgroep.politie.dewolden').gql(NOTICE, { id: dw });
    noErrors(r);
    expect(r.data!.giveNotice).toMatchObject({ exitReason: 'NOTICE', noticeGivenAt: '2026-11-23T10:00:00.000Z', leftAt: '2027-02-23T10:00:00.000Z' });
    expect(code(await s.as('stuurgroep.politie.dewolden').gql(NOTICE, { id: dw }))).toBe('CONFLICT');
    const police = s.as('wijkagent.dewolden', 'ENDING_NUISANCE');
    expect(await s.as('voorzitter.dewolden').gql(DEADLINES, { within: 120 }).then((x) => x.data!.agreementDeadlines)).toContainEqual(
      expect.objectContaining({ kind: 'PARTY_LEAVING', dueOn: '2027-02-23', party: { organisation: { name: 'Politie basisteam Zuidwest Drenthe' } } }),
    );
    clock.set('2027-02-23T09:59:00Z');
    const before = (await police.gql(CASES)).data!.cases.totalCount;
    expect(before).toBeGreaterThan(0);
    clock.set('2027-02-23T10:00:00Z');
    expect((await police.gql(CASES)).data!.cases.totalCount).toBe(0);
    expect((await police.gql(COLLABS)).data!.collaborations).toEqual([]);
    clock.set(DEMO_NOW);
  });
});
