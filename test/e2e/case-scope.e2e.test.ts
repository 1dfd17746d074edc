import { startTestServer, type TestServer } from '../helpers/test-server';

const CASES = `query($first: Int, $after: String, $col: ID) {
  cases(first: $first, after: $after, collaborationId: $col) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id reference collaboration { slug } } }
  }
}`;

describe('case scope', () => {
  let s: TestServer;
  let dewoldenCaseId: string;
  let dewoldenId: string;
  beforeAll(async () => {
    s = await startTestServer();
    const [row] = await s.ds.query(
      `SELECT c.id, c.collaboration_id FROM "case" c JOIN collaboration col ON col.id = c.collaboration_id WHERE col.slug = 'dewolden' LIMIT 1`,
    );
    dewoldenCaseId = row.id;
    dewoldenId = row.collaboration_id;
  });
  afterAll(() => s.stop());

  test('[O6] wijkagent.zeist lists Zeist cases and no De Wolden case', async () => {
    const res = await s.as('wijkagent.zeist').gql(CASES, { first: 100 });
    expect(res.errors).toBeUndefined();
    const slugs = res.data!.cases.edges.map((e: any) => e.node.collaboration.slug);
    expect(slugs.length).toBeGreaterThan(0);
    expect(new Set(slugs)).toEqual(new Set(['zeist']));
    const [{ n }] = await s.ds.query(
      `SELECT count(*)::int AS n FROM "case" c WHERE EXISTS (SELECT 1 FROM case_participant p JOIN organisation o ON o.id = p.organisation_id
         JOIN member m ON m.organisation_id = o.id WHERE p.case_id = c.id AND m.login = 'wijkagent.zeist' AND p.member_id IS NULL)`,
    );
    expect(res.data!.cases.totalCount).toBe(n);
  });

  test('[O6] totalCount counts exactly the cases the list shows, for every member (organisation-wide, ad-hoc and pending participations alike)', async () => {
    const logins: string[] = (await s.ds.query(`SELECT login FROM member WHERE NOT ('SERVICE_ACCOUNT' = ANY(roles)) ORDER BY login`)).map((r: { login: string }) => r.login);
    let nonZero = 0;
    for (const login of logins) {
      const res = await s.as(login).gql(CASES, { first: 100 });
      expect([login, res.errors]).toEqual([login, undefined]);
      expect(res.data!.cases.pageInfo.hasNextPage).toBe(false);
      expect([login, res.data!.cases.totalCount]).toEqual([login, res.data!.cases.edges.length]);
      if (res.data!.cases.totalCount > 0) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(10);
  });

  test('[O6] a De Wolden case is NOT_FOUND for a Zeist member, exactly as a case that does not exist', async () => {
    const hidden = await s.as('wijkagent.zeist').gql('query($id: ID!) { case(id: $id) { reference } }', { id: dewoldenCaseId });
    const missing = await s.as('wijkagent.zeist').gql('query($id: ID!) { case(id: $id) { reference } }', {
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(hidden.errors?.[0].message).toBe(missing.errors?.[0].message);
    expect(hidden.data).toBeNull();
  });

  test('[O6] filtering on a collaboration the member is not in reveals nothing, not even a count', async () => {
    const res = await s.as('wijkagent.zeist').gql(CASES, { first: 10, col: dewoldenId });
    expect(res.errors).toBeUndefined();
    expect(res.data!.cases).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  test('[O6] cursor pagination walks exactly the visible cases, without repeats', async () => {
    const all = await s.as('woonconsulent.zeist').gql(CASES, { first: 100 });
    const expected = all.data!.cases.edges.map((e: any) => e.node.id);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await s.as('woonconsulent.zeist').gql(CASES, { first: 1, after });
      seen.push(...page.data.cases.edges.map((e: any) => e.node.id));
      after = page.data.cases.pageInfo.hasNextPage ? page.data.cases.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
  });

  test('a forged cursor is BAD_USER_INPUT', async () => {
    const res = await s.as('wijkagent.zeist').gql(CASES, { first: 5, after: 'not-a-cursor' });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.field).toBe('after');
  });

  test('[O6] the ad-hoc huisarts sees only the case it was invited to, and a colleague of another org none', async () => {
    const res = await s.as('huisarts.zeist').gql(CASES, { first: 100 });
    expect(res.data!.cases.edges.map((e: any) => e.node.reference)).toEqual(['ZST-2026-001']);
    const dw = await s.as('wijkagent.dewolden').gql(CASES, { first: 100 });
    expect(dw.data!.cases.edges.every((e: any) => e.node.collaboration.slug === 'dewolden')).toBe(true);
  });

  test('[O1] collaborations show their agreements with named parties, only to their members', async () => {
    const q = `{ collaborations { slug agreements { title status parties { representative organisation { name sector } } } } }`;
    const zeist = await s.as('wijkagent.zeist').gql(q);
    expect(zeist.errors).toBeUndefined();
    expect(zeist.data!.collaborations.map((c: any) => c.slug)).toEqual(['zeist']);
    const parties = zeist.data!.collaborations[0].agreements[0].parties;
    expect(parties.map((p: any) => p.organisation.sector)).toEqual(expect.arrayContaining(['POLITIE', 'WONINGCORPORATIE', 'WELZIJN', 'GEMEENTE']));
  });
});
