/**
 * The field policy as partners meet it over HTTP: what each persona of the seed collaborations sees of a
 * case's subjects, and why the rest is withheld. Facts are changed in the database between requests to
 * show that each condition, and nothing else, makes the difference — on the very next request.
 */
import { CATEGORIES } from '../../src/domain/information/categories';
import { startTestServer, type GqlResponse, type TestServer } from '../helpers/test-server';

const INFO = CATEGORIES.map((c) => `${c.field} { id content }`).join(' ');
const CASE = `query($id: ID!) { case(id: $id) { reference subjects { pseudonym information { ${INFO} } } } }`;

type Info = Record<string, { id: string; content: string }[] | null>;

/** The information of one subject (by pseudonym) in a case response. */
function infoOf(res: GqlResponse, pseudonym: string): Info {
  const subj = res.data!.case.subjects.find((x: any) => x.pseudonym === pseudonym);
  expect(subj).toBeDefined();
  return subj.information;
}

/** The denial of one field of one subject (by index), or undefined when it was not denied. */
function denial(res: GqlResponse, field: string, subjectIndex = 0) {
  const e = res.errors?.find((x) => x.path?.join('.') === `case.subjects.${subjectIndex}.information.${field}`);
  return e && { code: e.extensions?.code, reason: e.extensions?.reason, category: e.extensions?.category, policyVersion: e.extensions?.policyVersion };
}

const contents = (items: { content: string }[] | null) => (items ?? []).map((i) => i.content);

describe('field policy per partner (Zeist, De Wolden, ZVH Drenthe, Walcheren)', () => {
  let s: TestServer;
  const caseId: Record<string, string> = {};
  /** Run SQL against this file's own database and return the rows. */
  const sql = (q: string, params: unknown[] = []) => s.ds.query(q, params);
  /** The id of a ZST-2026-001 item of subject ZST-P-0001 in this category (the first when several). */
  const itemId = async (category: string) =>
    (
      await sql(
        `SELECT i.id FROM information_item i JOIN "case" c ON c.id = i.case_id JOIN subject s ON s.id = i.subject_id
         WHERE c.reference = 'ZST-2026-001' AND s.pseudonym = 'ZST-P-0001' AND i.category = $1 ORDER BY i.provided_at LIMIT 1`,
        [category],
      )
    )[0].id as string;

  beforeAll(async () => {
    s = await startTestServer();
    for (const r of await sql(`SELECT id, reference FROM "case"`)) caseId[r.reference] = r.id;
  });
  afterAll(() => s.stop());

  test('[O5] a Zeist woonconsulent sees the police categories the art. 20 decision grants its corporation, for a police purpose', async () => {
    const res = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(CASE, { id: caseId['ZST-2026-001'] });
    const info = infoOf(res, 'ZST-P-0001');
    expect(contents(info.policeIdentity).join()).toContain('J. (Jan) de Vries');
    expect(contents(info.policeIncidents).join()).toContain('geluidsoverlast');
    expect(info.policeVehicles).toHaveLength(1);
    // Everything that was withheld was withheld field by field, never the case or the subject.
    for (const e of res.errors ?? []) expect(e.extensions?.code).toBe('FORBIDDEN_FIELD');
    expect(denial(res, 'finance')).toEqual({ code: 'FORBIDDEN_FIELD', reason: 'NO_GRANT', category: 'finance', policyVersion: 'zeist@1.0.0' });
  });

  test('[O5] revoking the art. 20 decision withholds police data from the next request on, without a restart; restoring it gives it back', async () => {
    const id = caseId['ZST-2026-001'];
    const reader = s.as('woonconsulent.zeist', 'ENDING_NUISANCE');
    expect((await reader.gql(CASE, { id })).data!.case.subjects[0].information.policeIncidents).not.toBeNull();
    const revoked: { id: string }[] = await sql(`UPDATE art20_decision SET revoked_at = now() WHERE revoked_at IS NULL AND agreement_id IN
      (SELECT a.id FROM agreement a JOIN collaboration c ON c.id = a.collaboration_id WHERE c.slug = 'zeist') RETURNING id`).then((r) => r[0]);
    expect(revoked.length).toBeGreaterThan(0);
    try {
      const res = await reader.gql(CASE, { id });
      expect(res.data!.case.reference).toBe('ZST-2026-001');
      for (const f of ['policeIdentity', 'policeContact', 'policeVehicles', 'policeIncidents', 'policePriorityGroup']) {
        expect(infoOf(res, 'ZST-P-0001')[f]).toBeNull();
        expect(denial(res, f)?.reason).toBe('NO_ART20_GRANT');
      }
      // Non-police data is untouched by the decision.
      expect(contents(infoOf(res, 'ZST-P-0001').housing).length).toBeGreaterThan(0);
      // The police themselves do not need the decision for their own data.
      const own = await s.as('wijkagent.zeist', 'ENDING_NUISANCE').gql(CASE, { id });
      expect(infoOf(own, 'ZST-P-0001').policeIncidents).toHaveLength(1);
    } finally {
      await sql(`UPDATE art20_decision SET revoked_at = NULL WHERE id = ANY($1)`, [revoked.map((r) => r.id)]);
    }
    expect(infoOf(await reader.gql(CASE, { id }), 'ZST-P-0001').policeIncidents).toHaveLength(1);
  });

  test('[O5] an expired art. 20 decision, or one that does not grant the category, gives nothing of it', async () => {
    const id = caseId['ZST-2026-001'];
    const reader = s.as('woonconsulent.zeist', 'ENDING_NUISANCE');
    const [dec] = await sql(`SELECT id, valid_until, categories_granted FROM art20_decision d WHERE d.agreement_id IN
      (SELECT a.id FROM agreement a JOIN collaboration c ON c.id = a.collaboration_id WHERE c.slug = 'zeist')`);
    await sql(`UPDATE art20_decision SET valid_until = now()::date - 1 WHERE id = $1`, [dec.id]);
    try {
      const res = await reader.gql(CASE, { id });
      expect(denial(res, 'policeIdentity')?.reason).toBe('NO_ART20_GRANT');
    } finally {
      await sql(`UPDATE art20_decision SET valid_until = $2 WHERE id = $1`, [dec.id, dec.valid_until]);
    }
    await sql(`UPDATE art20_decision SET categories_granted = array_remove(categories_granted, 'police.vehicles') WHERE id = $1`, [dec.id]);
    try {
      const res = await reader.gql(CASE, { id });
      expect(denial(res, 'policeVehicles')?.reason).toBe('NO_ART20_GRANT');
      expect(infoOf(res, 'ZST-P-0001').policeIdentity).toHaveLength(1);
    } finally {
      await sql(`UPDATE art20_decision SET categories_granted = $2 WHERE id = $1`, [dec.id, dec.categories_granted]);
    }
  });

  test('[O8] the huisarts (agendadeelnemer) never sees police data, while the rest of the response stays intact', async () => {
    for (const purpose of ['CASE_COORDINATION', 'ENDING_NUISANCE', 'PUBLIC_ORDER']) {
      const res = await s.as('huisarts.zeist', purpose).gql(CASE, { id: caseId['ZST-2026-001'] });
      expect(res.data!.case.reference).toBe('ZST-2026-001');
      const info = infoOf(res, 'ZST-P-0001');
      for (const c of CATEGORIES.filter((x) => x.police)) {
        expect(info[c.field]).toBeNull();
        expect(denial(res, c.field)).toMatchObject({ code: 'FORBIDDEN_FIELD', reason: 'AD_HOC_NO_POLICE_DATA', category: c.key });
      }
    }
    const res = await s.as('huisarts.zeist', 'CASE_COORDINATION').gql(CASE, { id: caseId['ZST-2026-001'] });
    expect(contents(infoOf(res, 'ZST-P-0001').personIdentity).join()).toContain('J. de Vries');
  });

  test('[O7] special police data only in addition to other police data of the same person', async () => {
    const id = caseId['ZST-2026-001'];
    const reader = s.as('woonconsulent.zeist', 'ENDING_NUISANCE');
    let res = await reader.gql(CASE, { id });
    expect(contents(infoOf(res, 'ZST-P-0001').policeSpecial).join()).toContain('Foto uit politiesysteem');
    // ZST-P-0002 has no other police data: the special category is denied outright.
    const second = res.data!.case.subjects.findIndex((x: any) => x.pseudonym === 'ZST-P-0002');
    expect(infoOf(res, 'ZST-P-0002').policeSpecial).toBeNull();
    expect(denial(res, 'policeSpecial', second)?.reason).toBe('SPECIAL_NOT_IN_ADDITION');
    // When every other police item of ZST-P-0001 is withheld from this reader, the special item goes too.
    await sql(`UPDATE information_item SET sharing_restriction = 'PROVIDER_ONLY'
      WHERE category LIKE 'police.%' AND category <> 'police.special' AND case_id = $1`, [id]);
    try {
      res = await reader.gql(CASE, { id });
      expect(infoOf(res, 'ZST-P-0001').policeSpecial).toBeNull();
      expect(denial(res, 'policeSpecial')?.reason).toBe('SPECIAL_NOT_IN_ADDITION');
    } finally {
      await sql(`UPDATE information_item SET sharing_restriction = 'NONE'
        WHERE category LIKE 'police.%' AND category <> 'police.special' AND case_id = $1`, [id]);
    }
  });

  test('[O11] without a purpose nothing is given; a purpose the police data may not serve gives no police data', async () => {
    const id = caseId['ZST-2026-001'];
    for (const purpose of [null, 'NO_SUCH_PURPOSE']) {
      const res = await s.as('woonconsulent.zeist', purpose).gql(CASE, { id });
      for (const c of CATEGORIES) {
        expect(infoOf(res, 'ZST-P-0001')[c.field]).toBeNull();
        expect(denial(res, c.field)?.reason).toBe('NO_PURPOSE');
      }
    }
    const res = await s.as('woonconsulent.zeist', 'LIVEABILITY').gql(CASE, { id });
    expect(denial(res, 'policeIncidents')?.reason).toBe('PURPOSE_NOT_ALLOWED');
    expect(contents(infoOf(res, 'ZST-P-0001').housing).length).toBeGreaterThan(0);
  });

  test('[O14] an item its provider restricted is shown to nobody else; the provider still sees it', async () => {
    const id = caseId['ZST-2026-001'];
    // Seeded: a care item of the Sociaal Team restricted to the provider (no consent to share details).
    const huisarts = await s.as('huisarts.zeist', 'CASE_COORDINATION').gql(CASE, { id });
    expect(contents(infoOf(huisarts, 'ZST-P-0001').care)).toEqual(['Indicatie Wmo-begeleiding (ambulant, 3 uur per week) sinds 15-09-2026']);
    const provider = await s.as('sociaalteam.zeist', 'CASE_COORDINATION').gql(CASE, { id });
    expect(contents(infoOf(provider, 'ZST-P-0001').care).join()).toContain('GGZ-aanbieder');
    // A police item restricted by the police disappears for the corporation, not for the police.
    const item = await itemId('police.identity');
    for (const restriction of ['PROVIDER_ONLY', 'CASE_MEETING_ONLY']) {
      await sql(`UPDATE information_item SET sharing_restriction = $2 WHERE id = $1`, [item, restriction]);
      const res = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(CASE, { id });
      expect(infoOf(res, 'ZST-P-0001').policeIdentity).toEqual([]);
      const own = await s.as('wijkagent.zeist', 'ENDING_NUISANCE').gql(CASE, { id });
      expect(infoOf(own, 'ZST-P-0001').policeIdentity!.map((i) => i.id)).toEqual([item]);
    }
    await sql(`UPDATE information_item SET sharing_restriction = 'NO_RESHARING' WHERE id = $1`, [item]);
    const res = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(CASE, { id });
    expect(infoOf(res, 'ZST-P-0001').policeIdentity).toHaveLength(1);
    await sql(`UPDATE information_item SET sharing_restriction = 'NONE' WHERE id = $1`, [item]);
  });

  test('[O22] an item about a resident who was not informed, without a recorded exception, is withheld', async () => {
    const id = caseId['ZST-2026-001'];
    const item = await itemId('police.identity');
    const reader = s.as('woonconsulent.zeist', 'ENDING_NUISANCE');
    for (const [status, shown] of [['NOT_INFORMED', 0], ['UNKNOWN', 0], ['EXCEPTION', 1], ['INFORMED', 1]] as const) {
      await sql(`UPDATE information_item SET informed_status = $2 WHERE id = $1`, [item, status]);
      const res = await reader.gql(CASE, { id });
      expect([status, Array.isArray(infoOf(res, 'ZST-P-0001').policeIdentity)]).toEqual([status, true]);
      expect([status, infoOf(res, 'ZST-P-0001').policeIdentity!.length]).toEqual([status, shown]);
      // Withholding an item is not a denial of the category: no error names it.
      expect(denial(res, 'policeIdentity')).toBeUndefined();
    }
  });

  test('[O23] care-relationship data of another party needs consent or a recorded weighing', async () => {
    const id = caseId['ZST-2026-001'];
    const item = await itemId('finance');
    const reader = s.as('opbouwwerker.zeist', 'CASE_COORDINATION');
    for (const [status, shown] of [['REFUSED', false], ['UNKNOWN', false], ['WEIGHED', true], ['GIVEN', true]] as const) {
      await sql(`UPDATE information_item SET consent_status = $2 WHERE id = $1`, [item, status]);
      const ids = (infoOf(await reader.gql(CASE, { id }), 'ZST-P-0001').finance ?? []).map((i) => i.id);
      expect([status, ids.includes(item)]).toEqual([status, shown]);
    }
  });

  test('[O17] special and criminal data is shown only when its legal ground is recorded', async () => {
    const id = caseId['ZST-2026-001'];
    const reader = s.as('opbouwwerker.zeist', 'CASE_COORDINATION');
    expect(contents(infoOf(await reader.gql(CASE, { id }), 'ZST-P-0001').special).join()).toContain('kerkgemeenschap');
    const item = await itemId('special');
    const [{ legal_ground: ground }] = await sql(`SELECT legal_ground FROM information_item WHERE id = $1`, [item]);
    for (const missing of [null, '   ']) {
      await sql(`UPDATE information_item SET legal_ground = $2 WHERE id = $1`, [item, missing]);
      expect(infoOf(await reader.gql(CASE, { id }), 'ZST-P-0001').special).toEqual([]);
    }
    await sql(`UPDATE information_item SET legal_ground = $2 WHERE id = $1`, [item, ground]);
    expect(infoOf(await reader.gql(CASE, { id }), 'ZST-P-0001').special).toHaveLength(1);
  });

  test('[O5] [O6] De Wolden has no art. 20 decision: its corporation gets no police data, while the police read their own', async () => {
    const id = caseId['DWL-2026-001'];
    const corp = await s.as('woonconsulent.dewolden', 'ENDING_NUISANCE').gql(CASE, { id });
    expect(infoOf(corp, 'DWL-P-0001').policeIncidents).toBeNull();
    expect(denial(corp, 'policeIncidents')).toMatchObject({ reason: 'NO_ART20_GRANT', policyVersion: expect.stringMatching(/^dewolden@/) });
    expect(contents(infoOf(corp, 'DWL-P-0001').housing).join()).toContain('geluidsoverlast');
    const police = await s.as('wijkagent.dewolden', 'ENDING_NUISANCE').gql(CASE, { id });
    expect(contents(infoOf(police, 'DWL-P-0001').policeIncidents).join()).toContain('burenruzie');
    // A Zeist member does not take part in a De Wolden case: it does not exist for them.
    const outsider = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(CASE, { id });
    expect(outsider.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  test('[O14] ZVH Drenthe: an item the provider kept for the case meeting is shown to no other partner', async () => {
    const id = caseId['ZVHD-2026-001'];
    const spv = 'Inschatting SPV: hoog terugvalrisico';
    const own = await s.as('ggz.zvhd', 'CASE_COORDINATION').gql(CASE, { id });
    expect(contents(infoOf(own, 'ZVHD-P-0001').care).join()).toContain(spv);
    const other = await s.as('reclassering.zvhd', 'CARE_VICTIMS_OFFENDERS').gql(CASE, { id });
    const care = contents(infoOf(other, 'ZVHD-P-0001').care);
    expect(care.length).toBeGreaterThan(0);
    expect(care.join()).not.toContain(spv);
  });

  test('[O6] [O15] Walcheren: no police data at all, and only the parties in the case', async () => {
    const id = caseId['WTW-2026-003'];
    const res = await s.as('begeleider.walcheren', 'CASE_COORDINATION').gql(CASE, { id });
    for (const c of CATEGORIES.filter((x) => x.police)) expect(denial(res, c.field)?.reason).toBe('NO_GRANT');
    expect(contents(infoOf(res, 'WTW-P-0003').youth).length).toBeGreaterThan(0);
    const outsider = await s.as('corporatie.walcheren', 'HOUSING_SUPPORT').gql(CASE, { id });
    expect(outsider.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  test('[O6] a denial looks the same whether or not the hidden data exists', async () => {
    // ZST-P-0001 has finance items, ZST-P-0002 has none: the woonconsulent gets the same null and error for both.
    const res = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(CASE, { id: caseId['ZST-2026-001'] });
    const second = res.data!.case.subjects.findIndex((x: any) => x.pseudonym === 'ZST-P-0002');
    const first = res.data!.case.subjects.findIndex((x: any) => x.pseudonym === 'ZST-P-0001');
    expect(infoOf(res, 'ZST-P-0001').finance).toBeNull();
    expect(infoOf(res, 'ZST-P-0002').finance).toBeNull();
    const a = res.errors!.find((e) => e.path?.join('.') === `case.subjects.${first}.information.finance`)!;
    const b = res.errors!.find((e) => e.path?.join('.') === `case.subjects.${second}.information.finance`)!;
    expect({ ...a, path: null, locations: null }).toEqual({ ...b, path: null, locations: null });
  });
});
