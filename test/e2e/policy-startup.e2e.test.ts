import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../../ormconfig';
import { POLICY_DIR } from '../../src/policy/policy-loader';
import { startApp } from '../../src/server/app';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** A copy of policies/ with one file changed. */
function policyDirWith(file: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-policies-'));
  for (const f of fs.readdirSync(POLICY_DIR)) fs.copyFileSync(path.join(POLICY_DIR, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(dir, file), 'utf8')));
  return dir;
}

describe('policy loading at start', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.stop());

  test('a malformed policy file stops start-up with a message naming the file and the problem', async () => {
    const dir = policyDirWith('walcheren.policy.yaml', (t) => t.replace(/^version: .*$/m, 'version: [oops'));
    const ds = await createDataSource(s.dbUrl).initialize();
    try {
      await expect(startApp(ds, { port: 0, policyDir: dir })).rejects.toThrow(/walcheren\.policy\.yaml[\s\S]*YAML/);
      const bad = policyDirWith('zeist.policy.yaml', (t) => t.replace(/\n  housing:\n/, '\n  housingx:\n'));
      await expect(startApp(ds, { port: 0, policyDir: bad })).rejects.toThrow(/zeist\.policy\.yaml[\s\S]*unknown category "housingx"/);
    } finally {
      await ds.destroy();
    }
  });

  test('a changed policy under an already loaded version is refused; every version is recorded with its hash', async () => {
    const rows = await s.ds.query(`SELECT c.slug, p.version, p.content_hash FROM policy_version p JOIN collaboration c ON c.id = p.collaboration_id ORDER BY c.slug`);
    expect(rows.map((r: any) => r.slug)).toEqual(['dewolden', 'walcheren', 'zeist', 'zvhd']);
    expect(rows.every((r: any) => /^[0-9a-f]{64}$/.test(r.content_hash))).toBe(true);
    const dir = policyDirWith('zeist.policy.yaml', (t) => `${t}\n# an edit without a new version\n`);
    const ds = await createDataSource(s.dbUrl).initialize();
    try {
      await expect(startApp(ds, { port: 0, policyDir: dir })).rejects.toThrow(/zeist\.policy\.yaml[\s\S]*loaded before with other content/);
      // All or nothing: the refused start recorded nothing.
      const after = await s.ds.query(`SELECT count(*)::int AS n FROM policy_version`);
      expect(after[0].n).toBe(rows.length);
    } finally {
      await ds.destroy();
    }
  });
});
