/**
 * A request session's reads go as named prepared statements that outlive the request on its pooled connection
 * (issue 11). The principal must not: each session answers under its own principal, and a released connection
 * runs as the owner again, with no principal set.
 */
import { DataSource } from 'typeorm';
import { principalByLogin, type Principal } from '../../src/auth/authenticate';
import { sessionStatements } from '../../src/db/session-statements';
import { openSession } from '../../src/server/context';
import { participatingRefs } from '../helpers/participation';
import { startTestServer, type TestServer } from '../helpers/test-server';

describe('request sessions: prepared reads and the reset (issue 11)', () => {
  let s: TestServer;
  /** A pool of one connection: every session below runs on the same connection, one after the other. */
  let one: DataSource;
  const principal = async (login: string) => (await principalByLogin(s.ds, login)) as Principal;
  const onePooled = () =>
    new DataSource({ ...s.ds.options, extra: { ...(s.ds.options as { extra?: object }).extra, max: 1 } } as typeof s.ds.options).initialize();
  const READ = `SELECT reference FROM "case" WHERE reference LIKE $1 ORDER BY 1`;

  async function inSession<T>(login: string, work: (db: import('typeorm').EntityManager) => Promise<T>): Promise<T> {
    const { db, release } = await openSession(one, await principal(login));
    try {
      return await work(db);
    } finally {
      await release();
    }
  }
  const preparedHere = async () =>
    (await one.query(`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'schakel\\_%'`)) as { name: string; statement: string }[];

  beforeAll(async () => {
    s = await startTestServer();
    one = await onePooled();
  });
  afterAll(async () => {
    await one?.destroy();
    await s.stop();
  });

  test('[O6] a read prepared on a pooled connection answers each later session under that session’s own principal', async () => {
    const logins = ['woonconsulent.zeist', 'woonconsulent.dewolden', 'politie.zvhd', 'woonconsulent.zeist'];
    for (const login of logins) {
      const refs = (await inSession(login, (db) => db.query(READ, ['%']))).map((r: { reference: string }) => r.reference);
      expect([login, refs]).toEqual([login, await participatingRefs(s.ds, login)]);
    }
    // It was one statement, prepared once on the one connection and reused by the sessions after the first.
    const prepared = (await preparedHere()).filter((p) => p.statement === READ);
    expect(prepared).toHaveLength(1);
  });

  test('[O6] a released connection runs as the owner again, with no principal set', async () => {
    await inSession('woonconsulent.zeist', (db) => db.query(READ, ['ZST-%']));
    const [after] = await one.query(
      `SELECT current_user = session_user AS owner, coalesce(current_setting('schakel.member_id', true), '') AS member,
              coalesce(current_setting('schakel.organisation_id', true), '') AS organisation`,
    );
    expect(after).toEqual({ owner: true, member: '', organisation: '' });
  });

  test('a connection keeps at most the configured number of prepared reads; beyond it reads still answer, unnamed', async () => {
    const fresh = await onePooled();
    const qr = fresh.createQueryRunner();
    await qr.connect();
    sessionStatements(qr, 2);
    try {
      const answers = [];
      for (const n of [1, 2, 3, 4, 1]) answers.push((await qr.query(`SELECT $1::int + ${n} AS v`, [10]))[0].v);
      expect(answers).toEqual([11, 12, 13, 14, 11]);
      expect(await qr.query(`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'schakel\\_%' ORDER BY prepare_time`)).toEqual([
        { statement: 'SELECT $1::int + 1 AS v' },
        { statement: 'SELECT $1::int + 2 AS v' },
      ]);
    } finally {
      await qr.release();
      await fresh.destroy();
    }
  });
});
