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
    const res = await s.as('woonconsulent.zeist').gql(FULL_CASE, { id: zst1 });
    expect(res.errors).toBeUndefined();
    const c = res.data!.case;
    expect(c.collaboration.slug).toBe('zeist');
    expect(c.participants.some((p: any) => p.role === 'AD_HOC' && p.member?.login === 'huisarts.zeist')).toBe(true);
    expect(c.subjects.length).toBeGreaterThan(0);
    // Each category field holds only items of that category.
    for (const subj of c.subjects) {
      for (const cat of CATEGORIES) {
        const items = subj.information[cat.field] ?? [];
        for (const item of items) expect(item.category).toBe(cat.field.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase());
      }
    }
    // The seeded case covers every data category.
    const present = new Set<string>();
    for (const subj of c.subjects) for (const cat of CATEGORIES) if ((subj.information[cat.field] ?? []).length) present.add(cat.key);
    expect([...present].sort()).toEqual(CATEGORIES.map((x) => x.key).sort());
  });

  test('[O6] a member whose organisation is not in the case cannot read it', async () => {
    const res = await s.as('corporatie.walcheren').gql(FULL_CASE, { id: zst1 });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(res.data).toBeNull();
  });
});
