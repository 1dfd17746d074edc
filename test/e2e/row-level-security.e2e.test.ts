/**
 * Defence in depth: the database itself confines each request's session to the principal's cases, even
 * when the application's own checks are bypassed — here by querying directly on a request session.
 */
import { principalByLogin, type Principal } from '../../src/auth/authenticate';
import { openSession } from '../../src/server/context';
import { RESET_SESSION } from '../../src/db/session-statements';
import { participatingRefs } from '../helpers/participation';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('row-level security (issue 9, item 3)', () => {
  let s: TestServer;
  const principal = async (login: string) => (await principalByLogin(s.ds, login)) as Principal;
  /** Run one statement on a request session of this member, as the application would, minus its checks. */
  async function asSessionOf(login: string | null, sql: string, params: unknown[] = []) {
    if (login === null) {
      // The application role without a principal.
      const qr = s.ds.createQueryRunner();
      await qr.connect();
      try {
        await qr.query(`SET ROLE schakel_app`);
        return await qr.query(sql, params);
      } finally {
        await qr.query(RESET_SESSION);
        await qr.release();
      }
    }
    const { db, release } = await openSession(s.ds, await principal(login));
    try {
      return await db.query(sql, params);
    } finally {
      await release();
    }
  }

  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.stop());

  test('[O6] with the application checks bypassed, a member’s session reads only the cases it takes part in', async () => {
    for (const login of ['woonconsulent.zeist', 'huisarts.zeist', 'woonconsulent.dewolden', 'politie.zvhd']) {
      const refs = (await asSessionOf(login, `SELECT reference FROM "case" ORDER BY 1`)).map((r: { reference: string }) => r.reference);
      expect([login, refs]).toEqual([login, await participatingRefs(s.ds, login)]);
    }
    const zeist = (await asSessionOf('woonconsulent.zeist', `SELECT reference FROM "case"`)).map((r: { reference: string }) => r.reference);
    expect(zeist.length).toBeGreaterThan(0);
    expect(zeist.every((r: string) => r.startsWith('ZST-'))).toBe(true);
    // Every case-scoped table follows its case: no item, subject link, meeting or participant of another collaboration.
    const [leak] = await asSessionOf('woonconsulent.zeist', `SELECT
      (SELECT count(*) FROM information_item i JOIN "case" c ON c.id = i.case_id WHERE c.reference NOT LIKE 'ZST-%')::int AS joined,
      (SELECT count(*) FROM information_item WHERE case_id NOT IN (SELECT id FROM "case"))::int AS items,
      (SELECT count(*) FROM case_subject WHERE case_id NOT IN (SELECT id FROM "case"))::int AS links,
      (SELECT count(*) FROM case_meeting WHERE case_id NOT IN (SELECT id FROM "case"))::int AS meetings,
      (SELECT count(*) FROM case_participant WHERE case_id NOT IN (SELECT id FROM "case"))::int AS participants`);
    expect(leak).toEqual({ joined: 0, items: 0, links: 0, meetings: 0, participants: 0 });
    const [{ n: subjects }] = await asSessionOf('woonconsulent.zeist', `SELECT count(*)::int AS n FROM subject WHERE pseudonym NOT LIKE 'ZST-%'`);
    expect(subjects).toBe(0);
  });

  test('[O6] the application role without a principal sees no case data at all', async () => {
    const [row] = await asSessionOf(null, `SELECT (SELECT count(*) FROM "case")::int AS cases,
      (SELECT count(*) FROM information_item)::int AS items, (SELECT count(*) FROM subject s
        WHERE EXISTS (SELECT 1 FROM case_subject cs WHERE cs.subject_id = s.id))::int AS subjects`);
    expect(row).toEqual({ cases: 0, items: 0, subjects: 0 });
    const [{ n }] = await s.ds.query(`SELECT count(*)::int AS n FROM "case"`);
    expect(n).toBeGreaterThan(10); // the owner (migrations, seed) sees them all
  });

  test('[O6] a session cannot change or add rows of another collaboration’s case', async () => {
    const [dwl] = await s.ds.query(`SELECT c.id, (SELECT count(*) FROM information_item i WHERE i.case_id = c.id)::int AS n
      FROM "case" c WHERE c.reference = 'DWL-2026-001'`);
    const updated = await asSessionOf('woonconsulent.zeist', `UPDATE information_item SET content = 'x' WHERE case_id = $1 RETURNING id`, [dwl.id]);
    expect(updated).toEqual([[], 0]);
    const p = await principal('woonconsulent.zeist');
    const [subj] = await s.ds.query(`SELECT subject_id FROM case_subject WHERE case_id = $1 LIMIT 1`, [dwl.id]);
    await expect(
      asSessionOf('woonconsulent.zeist', `INSERT INTO information_item (case_id, subject_id, category, provider_organisation_id, content)
        VALUES ($1, $2, 'housing', $3, 'smuggled')`, [dwl.id, subj.subject_id, p.organisationId]),
    ).rejects.toThrow(/row-level security/);
    const [after] = await s.ds.query(`SELECT count(*)::int AS n, bool_or(content = 'x') AS changed FROM information_item WHERE case_id = $1`, [dwl.id]);
    expect(after).toEqual({ n: dwl.n, changed: false });
  });

  test('[O12] the application role can append to the logs but not alter, remove or purge them', async () => {
    for (const sql of [
      `UPDATE disclosure_log SET purpose = 'x'`,
      `DELETE FROM mutation_audit`,
      `TRUNCATE disclosure_log`,
      `SELECT schakel_purge_logs(interval '0')`,
      `UPDATE log_chain SET hash = 'x'`,
    ]) {
      await expect(asSessionOf('privacy.zeist', sql)).rejects.toThrow(/permission denied/);
    }
    const [role] = await s.ds.query(`SELECT rolbypassrls, rolsuper,
      (SELECT count(*) FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = r.rolname)::int AS owns
      FROM pg_roles r WHERE rolname = 'schakel_app'`);
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false, owns: 0 });
  });

  test('[O6] the API answers through such sessions, and the shared pool is not left on the application role', async () => {
    const res = await s.as('woonconsulent.zeist').gql(`{ cases(first: 100) { totalCount } }`);
    expect(res.data!.cases.totalCount).toBe((await participatingRefs(s.ds, 'woonconsulent.zeist')).length);
    // Requests Apollo rejects before its pipeline (here: variables that are no object) give their session
    // back at once: more of them than the pool holds, and the next request is still served.
    const auth = { authorization: await s.tokenFor('woonconsulent.zeist') };
    for (let i = 0; i < 30; i++) expect((await s.post({ query: '{ me { login } }', variables: [1] }, auth)).status).toBe(400);
    expect((await s.as('woonconsulent.zeist').gql(`{ me { login } }`)).data!.me.login).toBe('woonconsulent.zeist');
    const [settings] = await s.ds.query(`SELECT current_user AS who, current_setting('schakel.member_id', true) AS member`);
    expect(settings.who).not.toBe('schakel_app');
    expect(settings.member ?? '').toBe('');
  });

  test('[O6] a session given back with its transaction open or aborted is never handed to the next request as it is', async () => {
    const p = await principal('woonconsulent.zeist');
    // One left inside a transaction TypeORM knows of, one inside a transaction a failed statement aborted.
    const open = await openSession(s.ds, p);
    await open.db.queryRunner!.startTransaction();
    await open.db.query(`SELECT count(*) FROM "case"`);
    await open.release();
    const aborted = await openSession(s.ds, p);
    await aborted.db.query('BEGIN');
    await aborted.db.query('SELECT 1/0').catch(() => undefined);
    await aborted.release();
    // More sessions than the pool holds (20), one after another: each starts clean, outside any transaction.
    for (let i = 0; i < 25; i++) {
      const next = await openSession(s.ds, await principal(i % 2 ? 'wijkagent.zeist' : 'woonconsulent.zeist'));
      try {
        const [row] = await next.db.query(`SELECT now() = statement_timestamp() AS fresh, current_setting('schakel.member_id') AS member`);
        expect(row.fresh).toBe(true); // now() is the transaction's start: equal only outside an earlier transaction
      } finally {
        await next.release();
      }
    }
    expect((await s.as('woonconsulent.zeist').gql(`{ me { login } }`)).data!.me.login).toBe('woonconsulent.zeist');
  });
});
