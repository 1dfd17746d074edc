import './resolve-ts';
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../../ormconfig';
import { freePort, scratchDir, startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { reseed } from '../../src/seed/seed';
import { TEMPLATE_DB, withDatabase } from './db-names';

/**
 * Once per test run: a PostgreSQL server (a throw-away embedded cluster, or the server of DATABASE_URL),
 * and a template database migrated and seeded with the demo data. Each test file clones the template.
 */
export default async function globalSetup(): Promise<void> {
  // Tests that run the CLIs as a user would (node dist/src/cli/…) need dist/ current: build it once.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: 'inherit',
  });
  const scratch = scratchDir('schakel-test-');
  process.env.SCHAKEL_DATA_DIR = scratch; // development signing key for test tokens
  process.env.NODE_ENV = 'test';
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const pgDir = path.join(scratch, 'pg');
    const server = await startEmbeddedPostgres({ dataDir: pgDir, port: await freePort(), log: () => undefined });
    adminUrl = server.url('postgres');
    (globalThis as Record<string, unknown>).__SCHAKEL_PG__ = server;
  }
  (globalThis as Record<string, unknown>).__SCHAKEL_SCRATCH__ = scratch;
  process.env.SCHAKEL_TEST_ADMIN_URL = adminUrl;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const ds = await createDataSource(withDatabase(adminUrl, TEMPLATE_DB)).initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await reseed(ds);
  } finally {
    await ds.destroy();
  }
  if (!fs.existsSync(scratch)) throw new Error('scratch dir vanished');
}
