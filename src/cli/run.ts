import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig.js';
import { ensureDatabase } from '../db/ensure-database.js';

/**
 * Run a CLI task with the database up (embedded or DATABASE_URL) and the one DataSource initialised;
 * stops what it started, and exits non-zero with the message on failure.
 */
export async function withDatabase(task: (ds: DataSource) => Promise<void>): Promise<void> {
  let db: Awaited<ReturnType<typeof ensureDatabase>> | undefined;
  let ds: DataSource | undefined;
  try {
    db = await ensureDatabase();
    ds = await createDataSource().initialize();
    await task(ds);
  } catch (e) {
    process.stderr.write(`${(e as Error).message ?? e}\n`);
    process.exitCode = 1;
  } finally {
    await ds?.destroy().catch(() => undefined);
    await db?.stop().catch(() => undefined);
  }
}
