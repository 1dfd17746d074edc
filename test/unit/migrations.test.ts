import { createDataSource } from '../../ormconfig';
import { createEmptyDatabase } from '../helpers/test-server';

describe('migrations', () => {
  test('every migration runs up on an empty database and down again, leaving it empty', async () => {
    const db = await createEmptyDatabase();
    const ds = await createDataSource(db.url).initialize();
    try {
      const tables = async () =>
        (await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schakel_migrations'`))
          .map((r: any) => r.table_name)
          .sort();
      const types = async () => (await ds.query(`SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`)).length;
      expect(await tables()).toEqual([]);
      const ran = await ds.runMigrations({ transaction: 'each' });
      expect(ran.length).toBeGreaterThan(0);
      expect(await tables()).toEqual(expect.arrayContaining(['case', 'case_participant', 'information_item', 'agreement', 'art20_decision']));
      // Every entity's table exists after the migrations (no entity without a migration).
      for (const m of ds.entityMetadatas) expect(await tables()).toContain(m.tableName);
      for (let i = 0; i < ran.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual([]);
      expect(await types()).toBe(0);
      // And up again: down left nothing behind that blocks a fresh run.
      expect((await ds.runMigrations({ transaction: 'each' })).length).toBe(ran.length);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
