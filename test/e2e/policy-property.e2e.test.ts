import fc from 'fast-check';
import { CATEGORIES } from '../../src/domain/information/categories';
import { readPolicyFiles } from '../../src/policy/policy-loader';
import { startTestServer, type TestServer } from '../helpers/test-server';

const RUNS = Number(process.env.SCHAKEL_PROPERTY_RUNS ?? 1000);
const INFO = CATEGORIES.map((c) => `${c.field} { id content }`).join(' ');
const CASE_Q = `query($id: ID!) { case(id: $id) { id subjects { id information { ${INFO} } } } }`;

interface ItemRow {
  id: string;
  case_id: string;
  subject_id: string;
  category: string;
  content: string;
  provider_organisation_id: string;
}

/**
 * Property: whatever the member, purpose, case, item statuses and art. 20 state, no response carries an
 * item the rules forbid. The oracle is independent of the server's code: it reads the facts with its
 * own SQL and checks the hard rules of the covenants (O5, O6, O8, O11, O14, O17).
 */
describe('field policy, property-based over HTTP', () => {
  let s: TestServer;
  let logins: string[];
  let caseIds: string[];
  let itemIds: string[];
  let policePurposes: Set<string>;
  let allPurposes: string[];
  beforeAll(async () => {
    s = await startTestServer();
    logins = (await s.ds.query(`SELECT login FROM member ORDER BY login`)).map((r: any) => r.login);
    caseIds = (await s.ds.query(`SELECT id FROM "case" ORDER BY reference`)).map((r: any) => r.id);
    itemIds = (await s.ds.query(`SELECT id FROM information_item ORDER BY id`)).map((r: any) => r.id);
    const policies = readPolicyFiles();
    policePurposes = new Set(policies.flatMap((p) => p.doc.purposes.filter((x) => x.police).map((x) => x.key)));
    allPurposes = [...new Set(policies.flatMap((p) => p.doc.purposes.map((x) => x.key)))];
  });
  afterAll(() => s.stop());

  test(`[O5] [O6] [O8] [O11] [O14] [O17] no response carries a value the rules deny (${RUNS} runs)`, async () => {
    const scenario = fc.record({
      login: fc.constantFrom(...logins),
      caseId: fc.constantFrom(...caseIds),
      purpose: fc.option(fc.constantFrom(...allPurposes, 'NOT_A_PURPOSE'), { nil: null }),
      revoked: fc.boolean(),
      // Random statuses for a few items, so that conditions flip between runs.
      mutations: fc.array(
        fc.record({
          item: fc.constantFrom(...itemIds),
          restriction: fc.constantFrom('NONE', 'NO_RESHARING', 'CASE_MEETING_ONLY', 'PROVIDER_ONLY'),
          informed: fc.constantFrom('UNKNOWN', 'INFORMED', 'EXCEPTION', 'NOT_INFORMED'),
          consent: fc.constantFrom('NOT_REQUIRED', 'GIVEN', 'REFUSED', 'WEIGHED', 'UNKNOWN'),
          legalGround: fc.option(fc.constant('AVG art. 9 lid 2 sub g'), { nil: null }),
        }),
        { maxLength: 4 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async (sc) => {
        for (const m of sc.mutations) {
          await s.ds.query(
            `UPDATE information_item SET sharing_restriction = $2, informed_status = $3, consent_status = $4, legal_ground = $5 WHERE id = $1`,
            [m.item, m.restriction, m.informed, m.consent, m.legalGround],
          );
        }
        await s.ds.query(`UPDATE art20_decision SET revoked_at = ${sc.revoked ? 'now()' : 'NULL'}`);
        const res = await s.as(sc.login, sc.purpose).gql(CASE_Q, { id: sc.caseId });
        const [member] = await s.ds.query(
          `SELECT m.id, m.organisation_id, o.sector FROM member m JOIN organisation o ON o.id = m.organisation_id WHERE m.login = $1`,
          [sc.login],
        );
        const participation: { role: string }[] = await s.ds.query(
          `SELECT role FROM case_participant WHERE case_id = $1 AND organisation_id = $2 AND (member_id IS NULL OR member_id = $3)`,
          [sc.caseId, member.organisation_id, member.id],
        );
        if (participation.length === 0) {
          // O6: not taking part → the case does not exist for this member.
          expect(res.data?.case ?? null).toBeNull();
          expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
          return;
        }
        expect(res.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR') ?? false).toBe(false);
        const partner = participation.some((p) => p.role === 'PARTNER');
        const items: ItemRow[] = await s.ds.query(
          `SELECT id, case_id, subject_id, category, content, provider_organisation_id, sharing_restriction, legal_ground FROM information_item WHERE case_id = $1`,
          [sc.caseId],
        );
        const byId = new Map(items.map((i) => [i.id, i as ItemRow & { sharing_restriction: string; legal_ground: string | null }]));
        const [{ in_force }] = await s.ds.query(
          `SELECT EXISTS (SELECT 1 FROM art20_decision d JOIN art20_decision_recipient r ON r.decision_id = d.id JOIN party p ON p.id = r.party_id
             WHERE p.organisation_id = $1 AND d.revoked_at IS NULL AND d.valid_from <= current_date AND current_date < d.valid_until) AS in_force`,
          [member.organisation_id],
        );
        for (const subj of res.data!.case.subjects) {
          for (const c of CATEGORIES) {
            const returned: { id: string; content: string }[] | null = subj.information?.[c.field] ?? null;
            if (!returned) continue;
            // O11: nothing personal without a valid purpose.
            expect(sc.purpose).not.toBeNull();
            expect(allPurposes).toContain(sc.purpose);
            for (const r of returned) {
              const item = byId.get(r.id)!;
              expect(item).toBeDefined(); // an item of this case …
              expect(item.subject_id).toBe(subj.id); // … of this subject …
              expect(item.category).toBe(c.key); // … in its own category field
              expect(r.content).toBe(item.content);
              const own = item.provider_organisation_id === member.organisation_id;
              if (c.police && !own) {
                expect(partner).toBe(true); // O8
                expect(policePurposes.has(sc.purpose!)).toBe(true); // O11
                if (member.sector !== 'POLITIE') expect(in_force).toBe(true); // O5
              }
              if (!own && (c.special || c.police) && c.key !== 'police.identity') {
                // O17: special data only with a recorded legal ground (every policy requires it).
                if (c.special) expect(item.legal_ground).not.toBeNull();
              }
              if (!own && item.sharing_restriction === 'PROVIDER_ONLY') {
                // O14: every seed policy lets the provider restrict its items.
                throw new Error(`provider-only item ${item.id} (${c.key}) reached ${sc.login}`);
              }
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
