import { COLLABORATION_SPECS, generate, type Chunk, type World } from '../../src/bench/data';
import { CATEGORIES, POLICE_JUSTIFICATION_LENGTH } from '../../src/domain/information/categories';

/** A made-up world (no database): every organisation and member of the specs with a fixed id. */
function world(): World {
  let n = 0;
  const ids = new Map<string, string>();
  const id = (key: string) => {
    if (!ids.has(key)) ids.set(key, `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`);
    return ids.get(key)!;
  };
  return {
    collaborations: COLLABORATION_SPECS.map((c) => ({
      slug: c.slug, prefix: c.prefix, share: c.share, id: id(`col:${c.slug}`),
      lead: { orgId: id(c.lead), memberId: id(c.processDirector) },
      processDirectorId: id(c.processDirector),
      roles: Object.fromEntries(
        Object.entries(c.roles).map(([role, cands]) => [role, cands!.map(([org, login]) => ({ orgId: id(org), memberId: login ? id(login) : null }))]),
      ),
    })),
  };
}

const POLICE = new Set<string>(CATEGORIES.filter((c) => c.police).map((c) => c.key));
const all = (w: World, cases: number, seed: number): Chunk[] => [...generate(w, { cases, seed })];
const ids = (chunks: Chunk[]) => chunks.flatMap((c) => [...c.cases, ...c.subjects, ...c.items].map((r) => r[0] as string));

describe('benchmark data generator (src/bench/data.ts)', () => {
  test('the same seed gives the same rows, ids included; another seed other ids', () => {
    const w = world();
    const a = all(w, 300, 7);
    expect(all(w, 300, 7)).toEqual(a);
    const other = new Set(ids(all(w, 300, 8)));
    expect(ids(a).some((x) => other.has(x))).toBe(false);
    expect(new Set(ids(a)).size).toBe(ids(a).length);
  });

  test('cases spread over the four collaborations, items over all 16 categories', () => {
    const chunks = all(world(), 1000, 20260101);
    const cases = chunks.flatMap((c) => c.cases);
    expect(cases).toHaveLength(1000);
    const perCollaboration = new Set(cases.map((r) => String(r[4]).split('-BENCH-')[0]));
    expect([...perCollaboration].sort()).toEqual(['DWL', 'WTW', 'ZST', 'ZVHD']);
    const categories = new Set(chunks.flatMap((c) => c.items.map((r) => r[5])));
    expect(categories.size).toBe(CATEGORIES.length);
    const subjectsPerCase = chunks.flatMap((c) => c.caseSubjects).length / 1000;
    expect(subjectsPerCase).toBeGreaterThan(1.5);
    expect(subjectsPerCase).toBeLessThan(2.5);
  });

  test('[O10] every police item carries the providing officer\'s justification, as the API requires; other items none', () => {
    const items = all(world(), 300, 5).flatMap((c) => c.items);
    const police = items.filter((r) => POLICE.has(String(r[5])));
    expect(police.length).toBeGreaterThan(50);
    for (const r of police) expect(String(r[11]).trim().length).toBeGreaterThanOrEqual(POLICE_JUSTIFICATION_LENGTH.min);
    expect(items.filter((r) => !POLICE.has(String(r[5]))).every((r) => r[11] === null)).toBe(true);
  });
});
