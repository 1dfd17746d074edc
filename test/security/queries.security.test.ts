import { CATEGORIES } from '../../src/domain/information/categories';
import { loadTrustedIssuers } from '../../src/auth/issuers';
import { formatError } from '../../src/server/errors-format';
import { PURPOSE_HEADER } from '../../src/server/app';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Issue 9, items 2, 4 and 5: hostile queries and requests. Each is refused with a clear code before
 * anything runs, and no answer carries a stack, SQL or internal names.
 */
const LEAKS = /stack|at \w+ \(|node_modules|\.ts:\d|SELECT |INSERT |relation "|typeorm|QueryFailedError|PayloadTooLargeError|SyntaxError: Unexpected/i;

describe('hostile queries and requests', () => {
  let s: TestServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    s = await startTestServer();
    auth = { authorization: await s.tokenFor('wijkagent.zeist'), [PURPOSE_HEADER]: 'ENDING_NUISANCE' };
  });
  afterAll(() => s.stop());

  const limitOf = async (query: string) => {
    const res = await s.post({ query }, auth);
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(JSON.stringify(res.errors)).not.toMatch(LEAKS);
    return res.errors?.[0].extensions;
  };

  test('deep, costly, aliased, directive-laden and over-long documents → QUERY_LIMIT_EXCEEDED naming the limit', async () => {
    const deep = `{ ${'cases(first: 1) { edges { node { subjects { information { housing { provider { name } } } } } } } '.repeat(1)}}`;
    expect((await s.post({ query: deep }, auth)).errors).toBeUndefined(); // a real query stays within the limits
    // So does a partner's main screen: 50 cases with their subjects and every category.
    const screen = `{ cases(first: 50) { totalCount edges { node { reference subjects { pseudonym information {
      ${CATEGORIES.map((c) => `${c.field} { content }`).join(' ')} } } } } } }`;
    expect((await s.post({ query: screen }, auth)).errors?.filter((e) => e.extensions?.code !== 'FORBIDDEN_FIELD')).toEqual([]);
    // Agreement → collaboration → agreements → … is a cycle in the schema: depth without end.
    const tooDeep = `{ collaborations { ${'agreements { collaboration { '.repeat(6)}name${' } }'.repeat(6)} } }`;
    expect(await limitOf(tooDeep)).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth' });
    const wide = `{ ${Array.from({ length: 4 }, (_, i) => `f${i}: cases(first: 100) { edges { node { id reference title phase subjects { pseudonym information { ${CATEGORIES.map((c) => `${c.field} { id content kind providedAt provider { name sector } }`).join(' ')} } } } } }`).join(' ')} }`;
    expect(await limitOf(wide)).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost' });
    const aliased = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: me { login }`).join(' ')} }`;
    expect(await limitOf(aliased)).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'aliases' });
    const directives = `{ me { login ${'@include(if: true) '.repeat(20)} } }`;
    expect(await limitOf(directives)).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'directives' });
    const tokens = `{ me { ${'__typename '.repeat(3000)} } }`;
    expect(await limitOf(tokens)).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'tokens' });
  });

  test('the cost counts the page size as the operation runs it: `first` from a variable, a variable’s default or the argument’s default costs as written', async () => {
    const wide = (first: string, vars = '') =>
      `query${vars} { ${Array.from({ length: 4 }, (_, i) => `f${i}: cases${first} { edges { node { id reference title phase subjects { pseudonym information { ${CATEGORIES.map((c) => `${c.field} { id content kind providedAt provider { name sector } }`).join(' ')} } } } } }`).join(' ')} }`;
    const refused = async (query: string, variables?: Record<string, unknown>) => {
      const res = await s.post({ query, variables }, auth);
      expect(res.status).toBe(400);
      expect(res.data ?? null).toBeNull();
      return res.errors;
    };
    const literal = await refused(wide('(first: 100)'));
    expect(literal).toEqual([{ message: expect.stringMatching(/^Query Cost limit of 50000 exceeded, found \d+\.$/), extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost' } }]);
    // The same page size by a variable, or by the variable's default: the same refusal, the same cost.
    expect(await refused(wide('(first: $n)', '($n: Int!)'), { n: 100 })).toEqual(literal);
    expect(await refused(wide('(first: $n)', '($n: Int! = 100)'))).toEqual(literal);
    // Left out, `first` is its default (20): as costly as written.
    expect(await refused(wide(''))).toEqual(await refused(wide('(first: 20)')));
    // A small page by a variable stays within the limit and is answered.
    const small = await s.post({ query: wide('(first: $n)', '($n: Int!)'), variables: { n: 1 } }, auth);
    expect(small.status).toBe(200);
    expect(small.errors?.filter((e) => e.extensions?.code !== 'FORBIDDEN_FIELD') ?? []).toEqual([]);
    expect(small.data?.f0.edges).toHaveLength(1);
  });

  test('field suggestions are off: an unknown field does not reveal its neighbours', async () => {
    const res = await s.post({ query: '{ cases(first: 1) { edges { node { referenc } } } }' }, auth);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).not.toMatch(/Did you mean|reference/);
    const badEnum = await s.post({ query: '{ cases(first: 1, phase: INTAK) { totalCount } }' }, auth);
    expect(badEnum.errors?.[0].message).not.toMatch(/Did you mean|INTAKE/);
  });

  test('batched HTTP requests are off: a JSON array is refused, JSON, no data', async () => {
    const res = await s.post([{ query: '{ me { login } }' }, { query: '{ me { login } }' }], auth);
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(JSON.stringify(res.errors ?? res)).not.toMatch(LEAKS);
  });

  test('a body over the limit → 413 QUERY_LIMIT_EXCEEDED (body) in JSON; malformed JSON → 400 BAD_REQUEST; nothing leaked', async () => {
    const big = await s.post({ query: '{ me { login } }', variables: { pad: 'x'.repeat(1024 * 1024 + 10) } }, auth);
    expect(big.status).toBe(413);
    expect(big.raw.headers.get('content-type')).toMatch(/application\/json/);
    expect(big.errors?.[0].extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'body' });
    const malformed = await s.post('{"query": "{ me { login } }"', auth);
    expect(malformed.status).toBe(400);
    expect(malformed.errors?.[0].extensions).toEqual({ code: 'BAD_REQUEST' });
    for (const r of [big, malformed]) expect(JSON.stringify(r.errors)).not.toMatch(LEAKS);
    const wrongType = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: '{ me { login } }' });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.text()).not.toMatch(LEAKS);
    const unknownPath = await fetch(`${s.url}/graphql/../admin`, { headers: auth });
    expect(unknownPath.status).toBe(404);
  });

  test('introspection is allowed outside production', async () => {
    const res = await s.post({ query: '{ __schema { queryType { name } } }' }, auth);
    expect(res.data?.__schema.queryType.name).toBe('Query');
  });

  test('an unexpected error is INTERNAL_SERVER_ERROR without message or detail outside development', () => {
    const original = new Error('relation "member" does not exist at QueryRunner.query (typeorm/…)');
    const formatted = { message: original.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } };
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(formatError(formatted, original, false)).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(formatError({ ...formatted, extensions: { code: 'SOMETHING_INTERNAL' } }, original, false).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    } finally {
      err.mockRestore();
    }
  });

  test('an explicit null for an argument that must not be null (first: Int! = 20) → BAD_USER_INPUT naming it, not an internal error', async () => {
    const res = await s.post({ query: 'query($first: Int) { cases(first: $first) { totalCount } }', variables: { first: null } }, auth);
    expect(res.status).toBe(200);
    expect(res.errors).toEqual([
      expect.objectContaining({ message: 'Argument "first" of non-null type "Int!" must not be null.', extensions: { code: 'BAD_USER_INPUT', field: 'first' } }),
    ]);
    expect(res.data).toBeNull();
  });

  test('at most SCHAKEL_MAX_CONCURRENT (4) requests are at work at once; the others wait their turn and are all answered', async () => {
    // Hold the organisation table: every request's session setup reads it, so a request at work waits on the lock.
    const lock = s.ds.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query('LOCK TABLE organisation IN ACCESS EXCLUSIVE MODE');
    // Requests at work: connections waiting on the lock, but for the webhook worker's poll (which may wait on it too).
    const blocked = async () =>
      (await s.ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()
        AND query NOT LIKE '%webhook_delivery%'`))[0].n as number;
    const requests = Array.from({ length: 7 }, () => s.post({ query: '{ me { login } }' }, auth));
    try {
      for (let i = 0; i < 100 && (await blocked()) < 4; i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
      expect(await blocked()).toBe(4);
    } finally {
      await lock.commitTransaction();
      await lock.release();
    }
    const answers = await Promise.all(requests);
    expect(answers.map((a) => [a.status, a.data?.me?.login])).toEqual(Array.from({ length: 7 }, () => [200, 'wijkagent.zeist']));
  });
});

describe('in production', () => {
  let s: TestServer;
  beforeAll(async () => {
    // Production behaviour, but with the development issuer so the demo personas can sign in.
    s = await startTestServer({ production: true, issuers: await loadTrustedIssuers({ production: false }), limits: { perMemberPerMinute: 5, batch: 3 } });
  });
  afterAll(() => s.stop());

  test('introspection only for privacy officers; __typename for everyone', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Case") { fields { name } } }', 'query { ...F } fragment F on Query { __schema { queryType { name } } }']) {
      const member = await s.as('wijkagent.zeist').gql(query);
      expect(member.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INTROSPECTION_DISABLED' });
      expect(member.data ?? null).toBeNull();
      const officer = await s.as('privacy.zeist').gql(query);
      expect(officer.errors).toBeUndefined();
    }
    expect((await s.as('wijkagent.zeist').gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  test('batches up to the configured cap run; a larger batch → QUERY_LIMIT_EXCEEDED (batch)', async () => {
    const auth = { authorization: await s.tokenFor('woonconsulent.zeist') };
    const ok = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ me { login } }' }, { query: '{ __typename }' }]) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toHaveLength(2);
    const tooMany = await s.post(Array.from({ length: 4 }, () => ({ query: '{ me { login } }' })), auth);
    expect(tooMany.status).toBe(400);
    expect(tooMany.errors?.[0].extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'batch' });
  });

  test('[O8] each operation of a batch reports the fields withheld in it, and only those', async () => {
    const [{ id }] = await s.ds.query(`SELECT id FROM "case" WHERE reference = 'ZST-2026-001'`);
    const police = CATEGORIES.filter((c) => c.police);
    const policeQuery = `query($id: ID!) { case(id: $id) { subjects { pseudonym information { ${police.map((c) => `${c.field} { id }`).join(' ')} } } } }`;
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { authorization: await s.tokenFor('huisarts.zeist'), [PURPOSE_HEADER]: 'CASE_COORDINATION', 'content-type': 'application/json' },
      body: JSON.stringify([
        { query: policeQuery, variables: { id } },
        { query: '{ me { login } }' },
        { query: `query($id: ID!) { case(id: $id) { subjects { information { personIdentity { id } } } } }`, variables: { id } },
      ]),
    });
    expect(res.status).toBe(200);
    const [withheld, me, allowed] = (await res.json()) as { data: any; errors?: { path: (string | number)[]; extensions: Record<string, unknown> }[] }[];
    // The agendadeelnemer sees no police data: each police field of each subject is null with its own error.
    const subjects = withheld.data.case.subjects as { information: Record<string, unknown> }[];
    expect(subjects.length).toBeGreaterThan(0);
    for (const subj of subjects) for (const c of police) expect(subj.information[c.field]).toBeNull();
    expect(withheld.errors?.map((e) => e.path.join('.')).sort()).toEqual(
      subjects.flatMap((_, i) => police.map((c) => `case.subjects.${i}.information.${c.field}`)).sort(),
    );
    for (const e of withheld.errors ?? []) expect(e.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', reason: 'AD_HOC_NO_POLICE_DATA' });
    // The other operations of the batch withheld nothing, and their answers say nothing of the first one's.
    expect(me).toEqual({ data: { me: { login: 'huisarts.zeist' } } });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.case.subjects.length).toBe(subjects.length);
  });

  test('rate limit per member → 429 RATE_LIMITED with Retry-After; other members are unaffected', async () => {
    const codes: number[] = [];
    let last: Awaited<ReturnType<TestServer['post']>> | undefined;
    const auth = { authorization: await s.tokenFor('opbouwwerker.zeist') };
    for (let i = 0; i < 7; i++) {
      last = await s.post({ query: '{ me { login } }' }, auth);
      codes.push(last.status);
    }
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes.slice(5)).toEqual([429, 429]);
    expect(last!.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(Number(last!.raw.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await s.as('sociaalteam.zeist').gql('{ me { login } }')).errors).toBeUndefined();
  });

  test('errors carry no detail, stack or internal names', async () => {
    const res = await s.post('{"query":', { authorization: await s.tokenFor('wijkagent.dewolden') });
    expect(res.errors?.[0]).toEqual({ message: 'Malformed JSON body', extensions: { code: 'BAD_REQUEST' } });
  });
});
