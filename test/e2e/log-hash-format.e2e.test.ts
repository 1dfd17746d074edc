/**
 * The logs' records are hashed over their text form since migration 1795640000000 (issue 11); records written
 * before keep their JSON-form hashes. One chain: the check follows it across the change and still finds an
 * altered record on either side of it.
 */
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import { verifyLogs } from '../../src/audit/verify';
import { createEmptyDatabase } from '../helpers/test-server';

const MIGRATION = 'LogHashOfRowText1795640000000';

describe('log hash format: from the JSON form to the text form (issue 11)', () => {
  let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let ds: DataSource;
  const audited = async (n: number, tag: string) => {
    for (let i = 0; i < n; i++) await ds.query(`INSERT INTO organisation (name, sector) VALUES ($1, 'GEMEENTE')`, [`${tag} ${i}`]);
  };
  const records = async () => (await ds.query(`SELECT seq::int AS seq FROM mutation_audit ORDER BY seq`)) as { seq: number }[];
  /** Change a record behind the triggers' back, as only someone bypassing the application could, and undo it after. */
  const tampered = async (seq: number, check: () => Promise<void>) => {
    await ds.query(`ALTER TABLE mutation_audit DISABLE TRIGGER USER`);
    await ds.query(`UPDATE mutation_audit SET operation = coalesce(operation, '') || ' (altered)' WHERE seq = $1`, [seq]);
    await ds.query(`ALTER TABLE mutation_audit ENABLE TRIGGER USER`);
    try {
      await check();
    } finally {
      await ds.query(`ALTER TABLE mutation_audit DISABLE TRIGGER USER`);
      await ds.query(`UPDATE mutation_audit SET operation = nullif(replace(operation, ' (altered)', ''), '') WHERE seq = $1`, [seq]);
      await ds.query(`ALTER TABLE mutation_audit ENABLE TRIGGER USER`);
    }
  };
  const audit = async () => (await verifyLogs(ds)).find((r) => r.log === 'mutation_audit')!;

  beforeAll(async () => {
    db = await createEmptyDatabase();
    ds = await createDataSource(db.url).initialize();
    await ds.runMigrations({ transaction: 'each' });
    // Back to before the change, and records hashed the old way.
    while ((await ds.query(`SELECT 1 FROM schakel_migrations WHERE name = $1`, [MIGRATION])).length) await ds.undoLastMigration({ transaction: 'each' });
    await audited(3, 'before');
    await ds.runMigrations({ transaction: 'each' });
    await audited(3, 'after');
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  test('[O12] records hashed the old way and the new way make one intact chain', async () => {
    const [{ from }] = await ds.query(`SELECT row_text_from::int AS from FROM log_chain WHERE name = 'mutation_audit'`);
    const all = await records();
    expect(all.filter((r) => r.seq < from)).toHaveLength(3);
    expect(all.filter((r) => r.seq >= from)).toHaveLength(3);
    expect(await audit()).toMatchObject({ records: 6, broken: null });
    // The new records' hashes are the text form's, not the JSON form's.
    const [newest] = await ds.query(
      `SELECT hash = schakel_log_row_hash(prev_hash, jsonb_populate_record(t, '{"hash": ""}')::text) AS text_form,
              hash = schakel_log_hash(prev_hash, to_jsonb(t)) AS json_form
         FROM mutation_audit t ORDER BY seq DESC LIMIT 1`,
    );
    expect(newest).toEqual({ text_form: true, json_form: false });
  });

  test('[O12] an altered record is found on either side of the change', async () => {
    const [{ from }] = await ds.query(`SELECT row_text_from::int AS from FROM log_chain WHERE name = 'mutation_audit'`);
    for (const seq of [from - 2, from + 1]) {
      await tampered(seq, async () => {
        expect((await audit()).broken).toMatchObject({ seq: String(seq), problem: 'its content does not match its hash (altered)' });
      });
      expect((await audit()).broken).toBeNull();
    }
  });

  test('the change is not undone once records were hashed the new way: the check could no longer verify them', async () => {
    // The migrations after it first (none of them is about the logs' form), so that the next undo is this change's.
    const last = async () => (await ds.query(`SELECT name FROM schakel_migrations ORDER BY timestamp DESC LIMIT 1`))[0].name;
    while ((await last()) !== MIGRATION) await ds.undoLastMigration({ transaction: 'each' });
    await expect(ds.undoLastMigration({ transaction: 'each' })).rejects.toThrow(/mutation_audit holds 3 records hashed over their text form/);
    expect(await ds.query(`SELECT 1 FROM schakel_migrations WHERE name = $1`, [MIGRATION])).toHaveLength(1);
    expect((await audit()).broken).toBeNull();
  });
});
