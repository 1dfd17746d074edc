import fc from 'fast-check';
import { getNamedType, isEnumType, isInputObjectType, isObjectType, type GraphQLSchema } from 'graphql';
import { PURPOSE_HEADER } from '../../src/server/app';
import { buildBareSchema } from '../../src/server/schema';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Issue 9, item 5: random GraphQL documents and variables over HTTP — a mix of the schema's own
 * names and garbage. Never a 500, never an internal error, never a leak, never a hang.
 * `SCHAKEL_FUZZ_RUNS` raises the number of runs (default 300).
 */
const RUNS = Number(process.env.SCHAKEL_FUZZ_RUNS ?? 300);
const PER_REQUEST_MS = 10_000;
const LEAKS = /stack|at \w+ \(|node_modules|\.ts:\d|QueryFailedError|relation "|syntax error at or near|invalid input syntax/i;

function namesOf(schema: GraphQLSchema) {
  const fields = new Set<string>();
  const args = new Set<string>();
  const enums = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      for (const f of Object.values(type.getFields())) {
        fields.add(f.name);
        f.args.forEach((a) => args.add(a.name));
      }
    }
    if (isEnumType(type)) type.getValues().forEach((v) => enums.add(v.name));
    if (isInputObjectType(type)) Object.keys(type.getFields()).forEach((k) => args.add(k));
  }
  return { fields: [...fields, '__typename', '__schema', '__type'], args: [...args], enums: [...enums] };
}

describe('fuzz: random documents and variables over HTTP', () => {
  let s: TestServer;
  let names: ReturnType<typeof namesOf>;
  beforeAll(async () => {
    s = await startTestServer();
    const schema = await buildBareSchema();
    names = namesOf(schema);
    // Every root field's return type is known to the generator through its fields' names.
    expect(getNamedType(schema.getQueryType()!.getFields().cases.type).name).toBe('CaseConnection');
  });
  afterAll(() => s.stop());

  test(`no 500, no internal error, no leak, no hang (${RUNS} runs)`, async () => {
    const garbage = fc.string({ unit: fc.constantFrom(...'{}()[]:$@!."#,=&|\\\'\u0000\u00e9x1 \n'.split('')), maxLength: 60 });
    const ident = fc.oneof(fc.constantFrom(...names.fields), fc.constantFrom(...names.args), fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,12}$/));
    const scalar = fc.oneof(
      fc.string({ maxLength: 40 }).map((v) => JSON.stringify(v)),
      fc.integer().map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.constantFrom(...names.enums, 'true', 'false', 'null', '$input', '$id', '$x', '"00000000-0000-4000-8000-000000000000"'),
      fc.uuid().map((u) => JSON.stringify(u)),
    );
    const args = fc.array(fc.tuple(fc.constantFrom(...names.args), fc.oneof(scalar, scalar.map((v) => `{ ${'x'}: ${v} }`))), { maxLength: 3 })
      .map((as) => (as.length ? `(${as.map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''));
    const { selection } = fc.letrec<{ selection: string }>((tie) => ({
      selection: fc.array(
        fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          fc.tuple(ident, args).map(([f, a]) => `${f}${a}`),
          fc.tuple(ident, args, tie('selection')).map(([f, a, sel]) => `${f}${a} { ${sel} }`),
          fc.tuple(ident, ident).map(([al, f]) => `${al}: ${f}`),
        ),
        { minLength: 1, maxLength: 4 },
      ).map((xs) => xs.join(' ')),
    }));
    const document = fc.oneof(
      selection.map((sel) => `{ ${sel} }`),
      fc.tuple(fc.constantFrom('query', 'mutation', 'subscription', 'query Q($input: RegisterCaseInput!, $id: ID!)', 'mutation M($input: AddInformationItemInput!)'), selection).map(([op, sel]) => `${op} { ${sel} }`),
      fc.tuple(selection, garbage).map(([sel, g]) => `{ ${sel} ${g} }`),
      garbage,
    );
    const variables = fc.oneof(
      fc.constant(undefined),
      fc.dictionary(fc.constantFrom('input', 'id', 'x', 'first'), fc.jsonValue({ maxDepth: 3 })),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const persona = fc.constantFrom('wijkagent.zeist', 'woonconsulent.zeist', 'huisarts.zeist', 'privacy.zeist', 'sociaalteam.zeist');
    const purpose = fc.constantFrom(undefined, 'ENDING_NUISANCE', 'CASE_COORDINATION', "'; --", 'x'.repeat(300));
    const tokens = new Map<string, string>();
    for (const login of ['wijkagent.zeist', 'woonconsulent.zeist', 'huisarts.zeist', 'privacy.zeist', 'sociaalteam.zeist']) tokens.set(login, await s.tokenFor(login));

    await fc.assert(
      fc.asyncProperty(document, variables, persona, purpose, fc.option(fc.string({ maxLength: 12 })), async (query, vars, login, p, operationName) => {
        const headers: Record<string, string> = { 'content-type': 'application/json', authorization: tokens.get(login)! };
        if (p) headers[PURPOSE_HEADER] = p;
        const res = await fetch(`${s.url}/graphql`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query, variables: vars, operationName }),
          signal: AbortSignal.timeout(PER_REQUEST_MS),
        });
        const text = await res.text();
        const context = `${res.status} ${text.slice(0, 500)}\nquery: ${query}\nvariables: ${JSON.stringify(vars)}`;
        if (res.status >= 500) throw new Error(`server error ${context}`);
        const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
        if (body.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) throw new Error(`internal error ${context}`);
        if (LEAKS.test(text)) throw new Error(`leak ${context}`);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 10 * 60_000 },
    );
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
  }, 15 * 60_000);
});
