import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { POLICY_DIR } from '../../src/policy/policy-loader';
import { runCli } from '../helpers/cli';
import { combinationLabel, parseSuite, runSuites, suiteFiles, SuiteError } from '../../src/policy/policy-tests';


/** A copy of a seed suite with its policy in a scratch directory, edited by `edit`. */
function scratchSuite(edit: (text: string) => string, suite = 'zeist'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-tests-'));
  fs.copyFileSync(path.join(POLICY_DIR, `${suite}.policy.yaml`), path.join(dir, `${suite}.policy.yaml`));
  const file = path.join(dir, `${suite}.tests.yaml`);
  fs.writeFileSync(file, edit(fs.readFileSync(path.join(POLICY_DIR, `${suite}.tests.yaml`), 'utf8')));
  return file;
}

const WRONG_NAME = '[O5] ingetrokken art. 20-besluit: woonconsulent krijgt geen politie-incidenten meer';
/** Turn the revoked-decision test's DENY NO_ART20_GRANT into a (wrong) ALLOW. */
const wrongExpectation = (text: string) => {
  const out = text.replace(/(ingetrokken art\. 20-besluit: woonconsulent[\s\S]*?)expect: DENY\n\s*reason: NO_ART20_GRANT/, '$1expect: ALLOW');
  expect(out).not.toBe(text);
  return out;
};

describe('policy test suites', () => {
  test('the four seed suites pass and touch every category × sector × condition of their policy', () => {
    const outcome = runSuites(suiteFiles());
    expect(outcome.suites.map((s) => s.policy).sort()).toEqual(['dewolden@1.0.0', 'walcheren@1.0.0', 'zeist@1.0.0', 'zvhd@1.0.0']);
    expect(outcome.lines.filter((l) => l.includes('✗'))).toEqual([]);
    expect({ invalid: outcome.invalid, failed: outcome.failed }).toEqual({ invalid: 0, failed: 0 });
    for (const s of outcome.suites) {
      expect(s.untouched.map((c) => `${s.policy}: ${combinationLabel(c)}`)).toEqual([]);
      // every category, for every sector some grant names, and for the sectors no grant names
      expect(s.combinations.filter((c) => !c.condition).length % 16).toBe(0);
    }
    expect(outcome.lines.at(-1)).toBe(`${outcome.passed} passed, 0 failed`);
  });

  test('[O5] a wrong expectation fails the test with expected vs actual and the engine trace', () => {
    const outcome = runSuites([scratchSuite(wrongExpectation)]);
    expect(outcome.failed).toBe(1);
    const text = outcome.lines.join('\n');
    expect(text).toContain(`✗ ${WRONG_NAME}`);
    expect(text).toContain('police.incidents: expected ALLOW, got DENY NO_ART20_GRANT');
    expect(text).toMatch(/✗ ART20_GRANT: no art\. 20 decision in force grants police\.incidents to Woongoed Zeist \[Besluit art\. 20 Wpg Zeist §4\.1 d/);
    expect(outcome.lines.at(-1)).toBe(`${outcome.passed} passed, 1 failed`);
  });

  test('an invalid suite names the file, the place with its line and the problem', () => {
    const file = scratchSuite((t) => t.replace('  woonconsulent: { sector: WONINGCORPORATIE,', '  woonconsulent: { sector: CORPORATIE,'));
    expect(() => parseSuite(file, fs.readFileSync(file, 'utf8'))).toThrow(SuiteError);
    try {
      parseSuite(file, fs.readFileSync(file, 'utf8'));
    } catch (e) {
      expect((e as SuiteError).message).toContain(file);
      expect((e as SuiteError).problems).toEqual(
        expect.arrayContaining([expect.stringMatching(/^principals\.woonconsulent\.sector \(line \d+, column \d+\): must be equal to one of the allowed values/)]),
      );
    }
    const unknown = scratchSuite((t) => t.replace('    principal: huisarts\n', '    principal: huisdokter\n'));
    expect(() => parseSuite(unknown, fs.readFileSync(unknown, 'utf8'))).toThrow(/tests\[\d+\]\.principal \(line \d+, column \d+\): unknown principal "huisdokter"/);
  });

  describe('npm run policy:test (the built CLI)', () => {
    // dist/ is built once per run by the global setup (test/helpers/global-setup.ts), also in a fresh clone.
    const run = (...args: string[]) => runCli('policy-test', args);

    test('the seed suites pass: exit 0', () => {
      const r = run();
      expect(r.status).toBe(0);
      expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    });

    test('[O5] a suite with a wrong expectation exits 1 naming the test, expected vs actual and the reason', () => {
      const r = run(scratchSuite(wrongExpectation));
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`✗ ${WRONG_NAME}`);
      expect(r.stdout).toContain('expected ALLOW, got DENY NO_ART20_GRANT');
      expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 1 failed$/);
    });

    test('an invalid suite exits non-zero with the file and the line', () => {
      const file = scratchSuite((t) => t.replace('    expect: ALLOW\n', '    expect: MAYBE\n'));
      const r = run(file);
      expect(r.status).not.toBe(0);
      expect(r.stdout).toContain(`Invalid policy test suite ${file}`);
      expect(r.stdout).toMatch(/tests\[\d+\]\.expect \(line \d+, column \d+\): must be equal to one of the allowed values: ALLOW, DENY/);
    });
  });
});
