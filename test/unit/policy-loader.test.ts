import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePolicy, PolicyError, POLICY_DIR, readPolicyFiles } from '../../src/policy/policy-loader';
import { CATEGORIES } from '../../src/domain/information/categories';

const zeistText = () => fs.readFileSync(path.join(POLICY_DIR, 'zeist.policy.yaml'), 'utf8');

function problemsOf(file: string, text: string): string[] {
  try {
    parsePolicy(file, text);
  } catch (e) {
    if (e instanceof PolicyError) return e.problems;
    throw e;
  }
  return [];
}

describe('policy files', () => {
  test('the four seed collaborations each have a valid policy covering every category', () => {
    const policies = readPolicyFiles();
    expect(policies.map((p) => p.doc.collaboration).sort()).toEqual(['dewolden', 'walcheren', 'zeist', 'zvhd']);
    for (const p of policies) {
      expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
      expect([...p.fieldCategory.values()].sort()).toEqual(CATEGORIES.map((c) => c.key).sort());
    }
  });

  test('YAML syntax errors name the file and the problem', () => {
    const problems = problemsOf('policies/zeist.policy.yaml', 'collaboration: zeist\nversion: [unclosed\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^YAML:/);
    try {
      parsePolicy('policies/zeist.policy.yaml', 'a: [');
    } catch (e) {
      expect((e as Error).message).toContain('policies/zeist.policy.yaml');
    }
  });

  test('schema violations name the place (with line) and the problem', () => {
    const text = zeistText().replace(/sectors: \[([^\]]*)WONINGCORPORATIE/, 'sectors: [$1WONINGCORP');
    const problems = problemsOf('policies/zeist.policy.yaml', text);
    expect(problems.some((p) => /categories\."[a-zA-Z.]+"\.grants\[\d+\]\.sectors\[\d+\] \(line \d+, column \d+\): must be equal to one of the allowed values/.test(p))).toBe(true);
  });

  test('[O8] a policy giving police data to AD_HOC participants is refused', () => {
    const text = zeistText().replace(/(police\.incidents:[\s\S]*?participation: \[)PARTNER\]/, '$1PARTNER, AD_HOC]');
    expect(problemsOf('policies/zeist.policy.yaml', text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/police\.incidents.*participation.*never goes to AD_HOC participants \(O8\)/)]),
    );
  });

  test('[O17] a special category without LEGAL_GROUND_RECORDED is refused; a missing category is named', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-'));
    const text = zeistText().replace(/LEGAL_GROUND_RECORDED/g, 'NOT_PROVIDER_RESTRICTED');
    const problems = problemsOf(path.join(tmp, 'zeist.policy.yaml'), text);
    expect(problems.some((p) => /requires LEGAL_GROUND_RECORDED \(O17\)/.test(p))).toBe(true);
    const withoutYouth = zeistText().replace(/\n  youth:[\s\S]*?(?=\n  [a-z.]+[A-Za-z]*:\n)/, '\n');
    expect(problemsOf('policies/zeist.policy.yaml', withoutYouth)).toEqual(
      expect.arrayContaining([expect.stringContaining('category "youth" is missing')]),
    );
  });
});
