/**
 * The privacy officer's tools over HTTP: explain a decision, the access matrix, the diff of two stored
 * versions and the dry run of a draft — for privacy.zeist only, for Zeist only, and deciding exactly as
 * the API decides for the member itself.
 */
import { createHash } from 'node:crypto';
import { CATEGORIES } from '../../src/domain/information/categories';
import { zeistWithoutHousingForCorporations } from '../helpers/policy-drafts';
import { runCli } from '../helpers/cli';
import { startTestServer, type TestServer } from '../helpers/test-server';

const EXPLAIN = `query($input: ExplainAccessInput!) { explainAccess(input: $input) {
  decision reason category field policyVersion draft member organisation sector participation purpose caseReference subject
  grant article art20DecisionId itemConditions checks { check passed article detail } items { id provider visible reason policeJustified } } }`;
const MATRIX = `query($c: String!, $v: String, $d: String) { accessMatrix(collaboration: $c, version: $v, draftPolicy: $d) {
  collaboration policyVersion draft sectors purposes { key police } csv
  cells { category field sector participation status purposes conditions grants { grant article purposes conditions } } } }`;
const DIFF = `query($c: String!, $f: String!, $t: String, $d: String) { policyDiff(collaboration: $c, from: $f, to: $t, draftPolicy: $d) {
  collaboration from to changes { kind category field sector participation purposes sentence before { grant conditions } after { grant conditions } } } }`;
const VERSIONS = `query($c: String!) { policyVersions(collaboration: $c) { version effectiveDate contentHash active } }`;
const INFO = CATEGORIES.map((c) => `${c.field} { id }`).join(' ');
const CASE = `query($id: ID!) { case(id: $id) { subjects { pseudonym information { ${INFO} } } } }`;

describe('policy tools for privacy officers', () => {
  let s: TestServer;
  let zst001: string;
  const officer = () => s.as('privacy.zeist');
  const explain = (input: Record<string, unknown>) =>
    officer().gql(EXPLAIN, { input: { member: 'woonconsulent.zeist', case: 'ZST-2026-001', purpose: 'ENDING_NUISANCE', ...input } });
  const versionRows = () => s.ds.query(`SELECT collaboration_id, version, content_hash, source FROM policy_version ORDER BY collaboration_id, version`);

  beforeAll(async () => {
    s = await startTestServer();
    zst001 = (await s.ds.query(`SELECT id FROM "case" WHERE reference = 'ZST-2026-001'`))[0].id;
  });
  afterAll(() => s.stop());

  test('[O5] explainAccess: a woonconsulent gets policeIncidents on ZST-2026-001 through the art. 20 decision, every check named with its article', async () => {
    const res = await explain({ field: 'SubjectInformation.policeIncidents', subject: 'ZST-P-0001' });
    expect(res.errors).toBeUndefined();
    const e = res.data!.explainAccess;
    expect(e).toMatchObject({
      decision: 'ALLOW', reason: null, category: 'POLICE_INCIDENTS', field: 'SubjectInformation.policeIncidents', policyVersion: 'zeist@1.0.0',
      draft: false, member: 'woonconsulent.zeist', sector: 'WONINGCORPORATIE', participation: 'PARTNER', purpose: 'ENDING_NUISANCE',
      caseReference: 'ZST-2026-001', subject: 'ZST-P-0001', grant: 'partners-art20',
    });
    expect(e.article).toContain('Besluit art. 20 Wpg Zeist §4.1 d');
    expect(e.art20DecisionId).toEqual(expect.any(String));
    expect(e.checks.map((c: any) => [c.check, c.passed])).toEqual([
      ['PARTICIPATION', true], ['NO_POLICE_DATA_TO_AD_HOC', true], ['PURPOSE_STATED', true], ['GRANT', true], ['PURPOSE_ALLOWED', true], ['ART20_GRANT', true],
    ]);
    for (const c of e.checks) expect(c.article).not.toBe('');
    expect(e.itemConditions).toEqual(['INFORMED_OR_EXCEPTION+NOT_PROVIDER_RESTRICTED']);
    expect(e.items).toEqual([{ id: expect.any(String), provider: expect.stringContaining('Politie'), visible: true, reason: 'PASSES_CONDITIONS', policeJustified: true }]);
    // The short field name and the category say the same.
    const short = await explain({ field: 'policeIncidents', subject: 'ZST-P-0001' });
    const byCategory = await explain({ category: 'POLICE_INCIDENTS', subject: 'ZST-P-0001' });
    expect(short.data!.explainAccess).toEqual(e);
    expect(byCategory.data!.explainAccess).toEqual(e);
  });

  test('[O8] [O11] explainAccess names the failing check: an ad-hoc participant never, no purpose nothing', async () => {
    const adHoc = (await explain({ member: 'huisarts.zeist', field: 'policeIncidents' })).data!.explainAccess;
    expect(adHoc).toMatchObject({ decision: 'DENY', reason: 'AD_HOC_NO_POLICE_DATA', participation: 'AD_HOC' });
    expect(adHoc.checks.at(-1)).toMatchObject({ check: 'NO_POLICE_DATA_TO_AD_HOC', passed: false });
    const noPurpose = (await explain({ field: 'housing', purpose: null })).data!.explainAccess;
    expect(noPurpose).toMatchObject({ decision: 'DENY', reason: 'NO_PURPOSE', purpose: null });
    const wrongPurpose = (await explain({ field: 'policeIncidents', purpose: 'LIVEABILITY' })).data!.explainAccess;
    expect(wrongPurpose).toMatchObject({ decision: 'DENY', reason: 'PURPOSE_NOT_ALLOWED' });
    expect(wrongPurpose.checks.at(-1).article).toContain('Privacyregeling Wijkoverleg Zeist art. 2');
  });

  test('[O14] [O22] [O23] explainAccess decides exactly as the API decides for the member: same categories, same items', async () => {
    for (const [login, purpose] of [['woonconsulent.zeist', 'ENDING_NUISANCE'], ['opbouwwerker.zeist', 'CASE_COORDINATION'], ['huisarts.zeist', 'CASE_COORDINATION']]) {
      const got = await s.as(login, purpose).gql(CASE, { id: zst001 });
      for (const subject of got.data!.case.subjects) {
        for (const c of CATEGORIES) {
          const e = (await explain({ member: login, purpose, case: zst001, subject: subject.pseudonym, field: c.field })).data!.explainAccess;
          const field = subject.information[c.field] as { id: string }[] | null;
          expect([login, subject.pseudonym, c.key, e.decision]).toEqual([login, subject.pseudonym, c.key, field === null ? 'DENY' : 'ALLOW']);
          const visible = e.items.filter((i: any) => i.visible).map((i: any) => i.id).sort();
          expect(visible).toEqual((field ?? []).map((i) => i.id).sort());
          for (const i of e.items) if (!i.visible) expect(['CATEGORY_DENIED', 'PROVIDER_RESTRICTED', 'NOT_INFORMED', 'NO_CONSENT', 'NO_LEGAL_GROUND']).toContain(i.reason);
        }
      }
    }
  });

  test('[O8] accessMatrix: categories × sector × participation, conditions and purposes named, CSV alike', async () => {
    const res = await officer().gql(MATRIX, { c: 'zeist' });
    expect(res.errors).toBeUndefined();
    const m = res.data!.accessMatrix;
    expect(m).toMatchObject({ collaboration: 'zeist', policyVersion: 'zeist@1.0.0', draft: false });
    expect(m.sectors).toEqual(expect.arrayContaining(['GEMEENTE', 'POLITIE', 'WONINGCORPORATIE', 'WELZIJN']));
    expect(m.cells).toHaveLength(CATEGORIES.length * m.sectors.length * 2);
    const cell = (category: string, sector: string, participation: string) =>
      m.cells.find((c: any) => c.category === category && c.sector === sector && c.participation === participation);
    expect(cell('HOUSING', 'WONINGCORPORATIE', 'PARTNER')).toMatchObject({
      status: 'CONDITIONAL', purposes: ['ENDING_NUISANCE', 'CASE_COORDINATION', 'LIVEABILITY'], conditions: ['INFORMED_OR_EXCEPTION', 'NOT_PROVIDER_RESTRICTED'],
    });
    expect(cell('POLICE_INCIDENTS', 'WONINGCORPORATIE', 'PARTNER').conditions).toContain('ART20_GRANT');
    expect(cell('FINANCE', 'WONINGCORPORATIE', 'PARTNER')).toMatchObject({ status: 'DENY', purposes: [], conditions: [] });
    for (const c of m.cells.filter((x: any) => x.category.startsWith('POLICE_') && x.participation === 'AD_HOC')) expect(c.status).toBe('DENY');
    expect(m.csv.trim().split('\n')).toHaveLength(m.cells.length + 1);
  });

  test('policyDiff: a stored version that withdraws housing from the corporations yields exactly that change; a version against itself nothing', async () => {
    const text = zeistWithoutHousingForCorporations('1.1.0');
    await s.ds.query(
      `INSERT INTO policy_version (collaboration_id, version, effective_date, content_hash, source, file_name)
       SELECT id, '1.1.0', '2026-06-01', $1, $2, 'policies/zeist.policy.yaml' FROM collaboration WHERE slug = 'zeist'`,
      [createHash('sha256').update(text).digest('hex'), text],
    );
    const res = await officer().gql(DIFF, { c: 'zeist', f: '1.0.0', t: '1.1.0' });
    expect(res.errors).toBeUndefined();
    const d = res.data!.policyDiff;
    expect(d).toMatchObject({ collaboration: 'zeist', from: 'zeist@1.0.0', to: 'zeist@1.1.0' });
    expect(d.changes).toEqual([
      {
        kind: 'LOST', category: 'HOUSING', field: 'housing', sector: 'WONINGCORPORATIE', participation: 'PARTNER',
        purposes: ['ENDING_NUISANCE', 'CASE_COORDINATION', 'LIVEABILITY'], sentence: expect.stringMatching(/^WONINGCORPORATIE as partner loses housing/),
        before: [{ grant: 'partners', conditions: ['INFORMED_OR_EXCEPTION', 'NOT_PROVIDER_RESTRICTED'] }], after: [],
      },
    ]);
    expect((await officer().gql(DIFF, { c: 'zeist', f: '1.0.0', t: '1.0.0' })).data!.policyDiff.changes).toEqual([]);
    const versions = (await officer().gql(VERSIONS, { c: 'zeist' })).data!.policyVersions;
    expect(versions.map((v: any) => [v.version, v.active])).toEqual([['1.0.0', true], ['1.1.0', false]]);
    // The stored, inactive version can be explained and shown too.
    expect((await explain({ field: 'housing', version: '1.1.0' })).data!.explainAccess).toMatchObject({ decision: 'DENY', reason: 'NO_GRANT', policyVersion: 'zeist@1.1.0' });
    expect((await officer().gql(DIFF, { c: 'zeist', f: '1.0.0', t: '9.9.9' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  test('dry run: a draft is validated and decided on, never stored or activated; regular requests keep the active policy', async () => {
    const before = await versionRows();
    const draft = zeistWithoutHousingForCorporations('2.0.0');
    const e = (await explain({ field: 'housing', draftPolicy: draft })).data!.explainAccess;
    expect(e).toMatchObject({ decision: 'DENY', reason: 'NO_GRANT', policyVersion: 'zeist@2.0.0 (draft)', draft: true });
    const m = (await officer().gql(MATRIX, { c: 'zeist', d: draft })).data!.accessMatrix;
    expect(m).toMatchObject({ policyVersion: 'zeist@2.0.0 (draft)', draft: true });
    expect(m.cells.find((c: any) => c.category === 'HOUSING' && c.sector === 'WONINGCORPORATIE' && c.participation === 'PARTNER').status).toBe('DENY');
    const d = (await officer().gql(DIFF, { c: 'zeist', f: '1.0.0', d: draft })).data!.policyDiff;
    expect(d.changes.map((c: any) => [c.kind, c.category, c.sector])).toEqual([['LOST', 'HOUSING', 'WONINGCORPORATIE']]);
    // Nothing stored, nothing activated.
    expect(await versionRows()).toEqual(before);
    const active = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(CASE, { id: zst001 });
    expect(active.data!.case.subjects[0].information.housing.length).toBeGreaterThan(0);
    expect(active.errors?.find((x) => x.extensions?.category === 'finance')?.extensions?.policyVersion).toBe('zeist@1.0.0');
    expect((await explain({ field: 'housing' })).data!.explainAccess).toMatchObject({ decision: 'ALLOW', policyVersion: 'zeist@1.0.0', draft: false });
  });

  test('[O8] dry run: an invalid draft is BAD_USER_INPUT with the loader\'s messages, and stores nothing', async () => {
    const before = await versionRows();
    const invalid = zeistWithoutHousingForCorporations('2.0.1').replace('participation: [PARTNER]', 'participation: [PARTNER, AD_HOC]');
    for (const res of [await explain({ field: 'housing', draftPolicy: invalid }), await officer().gql(MATRIX, { c: 'zeist', d: invalid }), await officer().gql(MATRIX, { c: 'zeist', d: 'a: [' })]) {
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'draftPolicy' });
      expect(res.errors![0].extensions!.problems.length).toBeGreaterThan(0);
    }
    expect((await explain({ field: 'housing', draftPolicy: invalid })).errors![0].extensions!.problems.join()).toContain('police data never goes to AD_HOC participants (O8)');
    const otherCollaboration = (await officer().gql(MATRIX, { c: 'zeist', d: zeistWithoutHousingForCorporations().replace('collaboration: zeist', 'collaboration: dewolden') })).errors![0];
    expect(otherCollaboration.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'draftPolicy' });
    expect(await versionRows()).toEqual(before);
  });

  test('[O10] explainAccess shows the officer which police items carry the provider’s justification and which were provided without', async () => {
    // A police item as provided before the justification was asked (written directly, as the migration left such items).
    const [unjustified] = await s.ds.query(
      `INSERT INTO information_item (case_id, subject_id, category, provider_organisation_id, provider_member_id, content, legal_ground, informed_status)
       SELECT case_id, subject_id, category, provider_organisation_id, provider_member_id, 'Melding van vóór O10', legal_ground, informed_status
         FROM information_item WHERE case_id = $1 AND category = 'police.incidents' LIMIT 1
       RETURNING id`,
      [zst001],
    );
    try {
      const e = (await explain({ field: 'policeIncidents', subject: 'ZST-P-0001' })).data!.explainAccess;
      const byId = new Map(e.items.map((i: { id: string; policeJustified: boolean | null }) => [i.id, i.policeJustified]));
      expect(byId.get(unjustified.id)).toBe(false);
      expect([...byId.values()].filter((j) => j === true).length).toBeGreaterThan(0);
      const housing = (await explain({ field: 'housing', subject: 'ZST-P-0001' })).data!.explainAccess;
      expect(housing.items.length).toBeGreaterThan(0);
      expect(housing.items.every((i: { policeJustified: boolean | null }) => i.policeJustified === null)).toBe(true);
    } finally {
      await s.ds.query(`DELETE FROM information_item WHERE id = $1`, [unjustified.id]);
    }
  });

  test('explainAccess rejects a wrong field, an unknown member or subject, and a case outside the officer\'s collaborations', async () => {
    expect((await explain({ field: 'bsn' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'field' });
    expect((await explain({})).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'field' });
    expect((await explain({ field: 'housing', member: 'nobody' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await explain({ field: 'housing', subject: 'DW-P-0001' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const dw = (await s.ds.query(`SELECT c.reference FROM "case" c JOIN collaboration col ON col.id = c.collaboration_id WHERE col.slug = 'dewolden' LIMIT 1`))[0].reference;
    expect((await explain({ field: 'housing', case: dw, member: 'woonconsulent.dewolden' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  test('a privacy officer sees only the policies of collaborations its organisation is a party to (NOT_FOUND otherwise)', async () => {
    for (const q of [MATRIX, VERSIONS]) expect((await officer().gql(q, { c: 'dewolden' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await officer().gql(DIFF, { c: 'walcheren', f: '1.0.0', t: '1.0.0' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  test('any member who is not a privacy officer gets FORBIDDEN for explain, matrix, diff, versions and dry run', async () => {
    const draft = zeistWithoutHousingForCorporations('3.0.0');
    for (const login of ['woonconsulent.zeist', 'wijkagent.zeist', 'wijkmanager.zeist', 'huisarts.zeist', 'procesregisseur.zvhd']) {
      const as = s.as(login, 'ENDING_NUISANCE');
      const results = [
        await as.gql(EXPLAIN, { input: { member: login, case: 'ZST-2026-001', field: 'housing' } }),
        await as.gql(EXPLAIN, { input: { member: login, case: 'ZST-2026-001', field: 'housing', draftPolicy: draft } }),
        await as.gql(MATRIX, { c: 'zeist' }),
        await as.gql(DIFF, { c: 'zeist', f: '1.0.0', t: '1.0.0' }),
        await as.gql(VERSIONS, { c: 'zeist' }),
      ];
      for (const r of results) {
        expect([login, r.errors?.[0].extensions?.code]).toEqual([login, 'FORBIDDEN']);
        expect(r.data ?? null).toBeNull();
      }
    }
    expect((await s.post({ query: VERSIONS, variables: { c: 'zeist' } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('npm run policy:explain (the built CLI)', () => {
  let s: TestServer;
  const explain = (...args: string[]) => runCli('policy-explain', args, { databaseUrl: s.dbUrl });
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.stop());

  test('[O5] privacy.zeist explains a field on the command line, with every check and its article', () => {
    const r = explain('--as', 'privacy.zeist', '--member', 'woonconsulent.zeist', '--case', 'ZST-2026-001', '--field', 'policeIncidents',
      '--purpose', 'ENDING_NUISANCE', '--subject', 'ZST-P-0001');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ALLOW: woonconsulent\.zeist \(Woongoed Zeist, WONINGCORPORATIE, PARTNER\)/);
    expect(r.stdout).toContain('✓ ART20_GRANT');
    expect(r.stdout).toContain('Besluit art. 20 Wpg Zeist §4.1 d');
    expect(r.stdout).toMatch(/item [0-9a-f-]{36} of Politie Midden-Nederland: shown \(PASSES_CONDITIONS\)/);
    const huisarts = explain('--as', 'privacy.zeist', '--member', 'huisarts.zeist', '--case', 'ZST-2026-001', '--field', 'policeIncidents',
      '--purpose', 'ENDING_NUISANCE');
    expect(huisarts.stdout).toMatch(/^DENY \(AD_HOC_NO_POLICE_DATA\)/);
    expect(huisarts.stdout).toContain('✗ NO_POLICE_DATA_TO_AD_HOC');
  });

  test('anyone but a privacy officer is refused (exit 1, FORBIDDEN); a wrong call shows the usage (exit 2)', () => {
    const r = explain('--as', 'woonconsulent.zeist', '--member', 'woonconsulent.zeist', '--case', 'ZST-2026-001', '--field', 'policeIncidents');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('FORBIDDEN');
    expect(r.stdout).toBe('');
    expect(explain('--as', 'privacy.zeist').status).toBe(2);
  });
});
