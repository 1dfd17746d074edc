import { CATEGORIES } from '../../src/domain/information/categories';
import { startTestServer, type TestServer } from '../helpers/test-server';

const INFO_FIELDS = CATEGORIES.map((c) => `${c.field} { id category content kind provider { name } }`).join('\n');
const FULL_CASE = `query($id: ID!) { case(id: $id) {
  reference title kind phase lifeDomains collaboration { slug }
  reportingOrganisation { name } processDirector { login }
  participants { role organisation { name sector } member { login } }
  subjects { id pseudonym roleInCase information { ${INFO_FIELDS} } }
  meetings { scheduledAt agenda actionItems { description assignee { name } } }
  actionPlan { goals interventions { description informationNeed organisation { name } } }
} }`;

describe('reading a case in full', () => {
  let s: TestServer;
  let zst1: string;
  beforeAll(async () => {
    s = await startTestServer();
    [{ id: zst1 }] = await s.ds.query(`SELECT id FROM "case" WHERE reference = 'ZST-2026-001'`);
  });
  afterAll(() => s.stop());

  test('[O6] a partner of ZST-2026-001 reads its participants, subjects and information grouped by category', async () => {
    const res = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(FULL_CASE, { id: zst1 });
    // What the policy withholds is withheld field by field; nothing else goes wrong.
    for (const e of res.errors ?? []) expect(e.extensions?.code).toBe('FORBIDDEN_FIELD');
    const c = res.data!.case;
    expect(c.reference).toBe('ZST-2026-001');
    expect(c.collaboration.slug).toBe('zeist');
    expect(c.participants.some((p: any) => p.role === 'AD_HOC' && p.member?.login === 'huisarts.zeist')).toBe(true);
    expect(c.participants.some((p: any) => p.role === 'PARTNER' && p.organisation.sector === 'POLITIE')).toBe(true);
    expect(c.subjects.length).toBeGreaterThan(0);
    expect(c.meetings.length + (c.actionPlan ? 1 : 0)).toBeGreaterThan(0);
  });

  test('[O6] each category field holds only items of that category, and the demo case covers all of them', async () => {
    // Between them, the partners of ZST-2026-001 (each for its own purpose) see every category of the case.
    const readers: [string, string][] = [
      ['wijkagent.zeist', 'ENDING_NUISANCE'],
      ['woonconsulent.zeist', 'ENDING_NUISANCE'],
      ['wijkmanager.zeist', 'ENDING_NUISANCE'],
      ['sociaalteam.zeist', 'CASE_COORDINATION'],
      ['opbouwwerker.zeist', 'CASE_COORDINATION'],
    ];
    const present = new Set<string>();
    for (const [login, purpose] of readers) {
      const res = await s.as(login, purpose).gql(FULL_CASE, { id: zst1 });
      for (const subj of res.data!.case.subjects) {
        for (const cat of CATEGORIES) {
          const items = subj.information[cat.field] ?? [];
          for (const item of items) expect(item.category).toBe(cat.field.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase());
          if (items.length) present.add(cat.key);
        }
      }
    }
    expect([...present].sort()).toEqual(CATEGORIES.map((x) => x.key).sort());
  });

  test('[O6] a member whose organisation is not in the case cannot read it', async () => {
    const res = await s.as('corporatie.walcheren').gql(FULL_CASE, { id: zst1 });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(res.data).toBeNull();
  });

  test('an id of the right length but no UUID is NOT_FOUND, not a server error', async () => {
    for (const id of ['------------------------------------', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz']) {
      const res = await s.as('woonconsulent.zeist').gql(FULL_CASE, { id });
      expect([id, res.errors?.[0].extensions?.code]).toEqual([id, 'NOT_FOUND']);
    }
    const complaint = await s.as('dorpencontact.dewolden').gql(`mutation { acknowledgeComplaintOutcome(complaintId: "------------------------------------") { id } }`);
    expect(complaint.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
