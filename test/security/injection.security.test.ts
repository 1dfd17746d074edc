import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Issue 9, item 5: injection attempts in every string input of the mutations. Each is either refused
 * (BAD_USER_INPUT, nothing written) or stored verbatim as data (parameterised SQL); never a 500, never
 * SQL, a stack or a table name in the answer.
 */
const PAYLOADS: Record<string, string> = {
  sqlQuote: `x'; DROP TABLE "case"; --`,
  sqlOr: `' OR '1'='1`,
  sqlComment: `ZST-2026-1/**/UNION SELECT login FROM member--`,
  long: 'A'.repeat(100_000),
  unicode: 'Zoë 👩‍👩‍👧 مرحبا \u202Eevil\u202C Ǆ\u0301',
  nullByte: 'ZST-2026-\u0000-nul',
  lone: '\uD800surrogate',
  graphql: '"} } mutation { registerCase { id } } #',
};
const LEAKS = /stack|at \w+ \(|node_modules|\.ts:\d|SELECT |INSERT |relation "|syntax error|QueryFailedError|invalid byte sequence|case_subject|information_item/i;

const REGISTER = 'mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id reference title } }';
const INVITE = 'mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id } }';
const ADD_SUBJECT = 'mutation($input: AddSubjectInput!) { addSubject(input: $input) { id pseudonym roleInCase } }';
const ADD_ITEM = 'mutation($input: AddInformationItemInput!) { addInformationItem(input: $input) { id content legalGround } }';

async function counts(s: TestServer): Promise<Record<string, number>> {
  const [row] = await s.ds.query(`SELECT
    (SELECT count(*) FROM "case")::int AS cases, (SELECT count(*) FROM case_participant)::int AS participants,
    (SELECT count(*) FROM subject)::int AS subjects, (SELECT count(*) FROM case_subject)::int AS case_subjects,
    (SELECT count(*) FROM information_item)::int AS items, (SELECT count(*) FROM member)::int AS members`);
  return row;
}

describe('injection attempts in every string input of the mutations', () => {
  let s: TestServer;
  let base: { collaborationId: string; caseId: string; subjectId: string; organisationId: string; memberId: string };
  beforeAll(async () => {
    s = await startTestServer();
    const [col] = await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`);
    const reg = await s.as('sociaalteam.zeist').gql(REGISTER, { input: { collaborationId: col.id, reference: 'ZST-2026-700', kind: 'INDIVIDUAL' } });
    const caseId = reg.data!.registerCase.id;
    const subj = await s.as('sociaalteam.zeist').gql(ADD_SUBJECT, { input: { caseId } });
    const [m] = await s.ds.query(`SELECT id, organisation_id FROM member WHERE login = 'opbouwwerker.zeist'`);
    base = { collaborationId: col.id, caseId, subjectId: subj.data!.addSubject.id, organisationId: m.organisation_id, memberId: m.id };
  });
  afterAll(() => s.stop());

  /** Every string input: mutation, the input without the field, and which field carries the payload. */
  const inputs = () => [
    { q: REGISTER, field: 'collaborationId', input: { reference: 'ZST-2026-701', kind: 'INDIVIDUAL' } },
    { q: REGISTER, field: 'reference', input: { collaborationId: base.collaborationId, kind: 'INDIVIDUAL' } },
    { q: REGISTER, field: 'title', input: { collaborationId: base.collaborationId, kind: 'INDIVIDUAL' }, free: true },
    { q: INVITE, field: 'caseId', input: { organisationId: base.organisationId, role: 'PARTNER' } },
    { q: INVITE, field: 'organisationId', input: { caseId: base.caseId, role: 'PARTNER' } },
    { q: INVITE, field: 'memberId', input: { caseId: base.caseId, organisationId: base.organisationId, role: 'AD_HOC' } },
    { q: ADD_SUBJECT, field: 'caseId', input: {} },
    { q: ADD_SUBJECT, field: 'pseudonym', input: { caseId: base.caseId } },
    { q: ADD_SUBJECT, field: 'roleInCase', input: { caseId: base.caseId }, free: true },
    { q: ADD_ITEM, field: 'caseId', input: { subjectId: base.subjectId, category: 'FINANCE', content: 'x' } },
    { q: ADD_ITEM, field: 'subjectId', input: { caseId: base.caseId, category: 'FINANCE', content: 'x' } },
    { q: ADD_ITEM, field: 'content', input: { caseId: base.caseId, subjectId: base.subjectId, category: 'FINANCE' }, free: true },
    { q: ADD_ITEM, field: 'legalGround', input: { caseId: base.caseId, subjectId: base.subjectId, category: 'CARE', content: 'x' }, free: true },
  ];

  test.each(Object.keys(PAYLOADS))('payload %s: refused with BAD_USER_INPUT and nothing written, or stored verbatim', async (name) => {
    const payload = PAYLOADS[name];
    let n = 0;
    for (const { q, field, input, free } of inputs()) {
      // A fresh reference per attempt, so a stored free-text payload never collides (CONFLICT).
      const vars = { input: { ...input, ...(q === REGISTER && field !== 'reference' ? { reference: `ZST-INJ-${name}-${n++}` } : {}), [field]: payload } };
      const before = await counts(s);
      const res = await s.as('sociaalteam.zeist').gql(q, vars);
      const text = JSON.stringify(res.errors ?? []);
      expect(res.status).not.toBe(500);
      expect(text).not.toMatch(LEAKS);
      if (res.errors) {
        expect([field, res.errors[0].extensions?.code]).toEqual([field, 'BAD_USER_INPUT']);
        expect(await counts(s)).toEqual(before);
      } else {
        // Accepted only where free text belongs, and then kept exactly as sent.
        expect([field, free]).toEqual([field, true]);
        const value = Object.values(res.data!)[0] as Record<string, unknown>;
        expect(value[field] ?? payload).toBe(payload);
      }
    }
    // The tables are all still there.
    await expect(counts(s)).resolves.toBeDefined();
  });
});
