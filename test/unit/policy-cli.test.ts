/**
 * The policy CLIs (npm run policy:matrix / policy:diff), called through their main functions with the
 * command-line arguments a user would give; exit codes 0 (done), 1 (invalid policy), 2 (usage).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { policyDiffCli } from '../../src/cli/policy-diff';
import { policyMatrixCli } from '../../src/cli/policy-matrix';
import { ZEIST_POLICY_FILE, zeistWithoutHousingForCorporations } from '../helpers/policy-drafts';

function run(cli: (args: string[], io: { out: (t: string) => void; err: (t: string) => void }) => number, ...args: string[]) {
  let out = '';
  let err = '';
  const code = cli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('policy CLIs', () => {
  let dir: string;
  let withdrawn: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-policy-'));
    withdrawn = path.join(dir, 'zeist-1.1.0.policy.yaml');
    fs.writeFileSync(withdrawn, zeistWithoutHousingForCorporations());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('policy:diff reports a category withdrawn from WONINGCORPORATIE, and nothing else', () => {
    const r = run(policyDiffCli, ZEIST_POLICY_FILE, withdrawn);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^WONINGCORPORATIE as partner loses housing .* for ENDING_NUISANCE, CASE_COORDINATION, LIVEABILITY in zeist@1\.1\.0/);
    expect(lines[0]).toContain('Privacyregeling Wijkoverleg Zeist art. 2, art. 6.2 en art. 8');
    expect(r.err).toContain('1 change from zeist@1.0.0 to zeist@1.1.0');
    // And back again: the same change the other way.
    const back = run(policyDiffCli, withdrawn, ZEIST_POLICY_FILE).out.trim().split('\n');
    expect(back).toHaveLength(1);
    expect(back[0]).toMatch(/^WONINGCORPORATIE as partner gains housing/);
  });

  test('policy:diff of a file with itself is empty', () => {
    const r = run(policyDiffCli, ZEIST_POLICY_FILE, ZEIST_POLICY_FILE);
    expect(r).toMatchObject({ code: 0, out: '' });
  });

  test('policy:diff compares decisions, not text: comments and reordering change nothing', () => {
    const reworded = path.join(dir, 'reworded.yaml');
    fs.writeFileSync(reworded, fs.readFileSync(ZEIST_POLICY_FILE, 'utf8').replace(/^# .*$/gm, '# (herschreven)').replace('purposes: [ENDING_NUISANCE, CASE_COORDINATION, LIVEABILITY]', 'purposes: [LIVEABILITY, CASE_COORDINATION, ENDING_NUISANCE]'));
    expect(run(policyDiffCli, ZEIST_POLICY_FILE, reworded)).toMatchObject({ code: 0, out: '' });
  });

  test('policy:diff exits 2 on wrong usage or another collaboration, 1 on an invalid policy with the loader\'s message', () => {
    expect(run(policyDiffCli, ZEIST_POLICY_FILE).code).toBe(2);
    expect(run(policyDiffCli, 'zeist', 'dewolden').code).toBe(2);
    expect(run(policyDiffCli, ZEIST_POLICY_FILE, path.join(dir, 'missing.yaml')).code).toBe(2);
    const invalid = path.join(dir, 'invalid.yaml');
    fs.writeFileSync(invalid, zeistWithoutHousingForCorporations().replace('participation: [PARTNER]', 'participation: [PARTNER, AD_HOC]'));
    const r = run(policyDiffCli, ZEIST_POLICY_FILE, invalid);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/police data never goes to AD_HOC participants \(O8\)/);
  });

  test('[O8] policy:matrix prints the matrix of a slug; no police category for any ad-hoc participant', () => {
    const r = run(policyMatrixCli, 'zeist');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Access matrix of zeist@1.0.0');
    const police = r.out.split('\n').filter((l) => l.startsWith('police.'));
    expect(police).toHaveLength(6);
    const header = r.out.split('\n')[1].split(/\s+/);
    for (const line of police) {
      const cells = line.split(/\s+/);
      header.forEach((h, i) => h.endsWith('/AH') && expect(cells[i]).toBe('-'));
    }
  });

  test('policy:matrix --csv: one line per category × sector × participation, conditions named', () => {
    const r = run(policyMatrixCli, ZEIST_POLICY_FILE, '--csv');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('category,field,sector,participation,status,purposes,conditions,grants,policyVersion');
    expect(lines).toContain(
      'police.incidents,policeIncidents,WONINGCORPORATIE,PARTNER,CONDITIONAL,"CARE_VICTIMS_OFFENDERS;ENDING_NUISANCE;CRIME_PREVENTION;PUBLIC_ORDER","ART20_GRANT;INFORMED_OR_EXCEPTION;NOT_PROVIDER_RESTRICTED",partners-art20,zeist@1.0.0',
    );
    expect(lines).toContain('finance,finance,WONINGCORPORATIE,PARTNER,DENY,,,,zeist@1.0.0');
    expect(run(policyMatrixCli).code).toBe(2);
  });
});
