/**
 * The benchmark's persistent database and its data set.
 *
 * - Without DATABASE_URL: an embedded PostgreSQL cluster in `.bench/pg` in the repository (git-ignored;
 *   SCHAKEL_BENCH_DIR moves it), started on a free port for the run and stopped after; the data stays.
 * - With DATABASE_URL: a database `schakel_bench` on that server (created when absent, kept after).
 *
 * A marker table `bench_dataset` (one row: cases, seed, generator version, summary) says which data set the
 * database holds. `ensureBenchData` reuses it when it matches and otherwise drops and recreates the database,
 * migrates it, seeds the demo data and generates the synthetic cases (data.ts), then VACUUM ANALYZE.
 */
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../ormconfig.js';
import { freePort, startEmbeddedPostgres } from '../db/embedded-postgres.js';
import { reseed } from '../seed/seed.js';
import { GENERATOR_VERSION, seedBenchData, type BenchDataSummary } from './data.js';
import { postmasterPid } from './proc.js';

export const BENCH_DB = 'schakel_bench';

export interface BenchDatabase {
  /** URL of the bench database. */
  url: string;
  /** e.g. "embedded, .bench/pg" or "DATABASE_URL server". */
  where: string;
  external: boolean;
  /** The embedded cluster's postmaster (its CPU time and its backends'); absent for a DATABASE_URL server. */
  postmasterPid?: number;
  /** Drop and create the bench database (empty). */
  recreate: () => Promise<void>;
  stop: () => Promise<void>;
}

const withDatabase = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

export function benchDir(root: string): string {
  return path.resolve(process.env.SCHAKEL_BENCH_DIR || path.join(root, '.bench'));
}

/** Open (start, create) the bench database; `databaseUrl` is the DATABASE_URL setting, if any. */
export async function openBenchDatabase(root: string, databaseUrl: string | undefined, log: (m: string) => void): Promise<BenchDatabase> {
  const admin = async (adminUrl: string, sql: string[]) => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    try {
      for (const s of sql) await c.query(s);
    } finally {
      await c.end();
    }
  };
  const recreateSql = [`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`, `CREATE DATABASE ${BENCH_DB}`];
  if (databaseUrl) {
    const c = new Client({ connectionString: databaseUrl });
    await c.connect();
    const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB])).rowCount;
    if (!exists) await c.query(`CREATE DATABASE ${BENCH_DB}`);
    await c.end();
    return {
      url: withDatabase(databaseUrl, BENCH_DB),
      where: `database ${BENCH_DB} on the DATABASE_URL server`,
      external: true,
      recreate: () => admin(databaseUrl, recreateSql),
      stop: async () => undefined,
    };
  }
  const dataDir = path.join(benchDir(root), 'pg');
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir, port, databases: [BENCH_DB], log });
  return {
    url: server.url(BENCH_DB),
    where: `embedded cluster in ${path.relative(root, dataDir) || dataDir} (port ${port})`,
    external: false,
    postmasterPid: postmasterPid(dataDir),
    recreate: () => admin(server.url('postgres'), recreateSql),
    stop: () => server.stop(),
  };
}

export interface StoredDataSet {
  cases: number;
  seed: number;
  generator: number;
  summary: BenchDataSummary;
  generatedAt: string;
}

/** The data set the bench database holds, or null (none, or an interrupted generation). */
export async function storedDataSet(url: string): Promise<StoredDataSet | null> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT to_regclass('public.bench_dataset') IS NOT NULL AS present`);
    if (!rows[0].present) return null;
    const r = await c.query(`SELECT cases, seed, generator, summary, generated_at FROM bench_dataset WHERE id = 1`);
    if (!r.rowCount) return null;
    const x = r.rows[0];
    return { cases: x.cases, seed: Number(x.seed), generator: x.generator, summary: x.summary, generatedAt: new Date(x.generated_at).toISOString() };
  } finally {
    await c.end();
  }
}

/**
 * Make sure the bench database holds the data set of `cases` and `seed`: reuse it when the marker matches
 * (after running any new migrations), otherwise regenerate it from scratch. `force` regenerates always.
 */
export async function ensureBenchData(
  db: BenchDatabase,
  opts: { cases: number; seed: number; force?: boolean },
  log: (m: string) => void,
): Promise<{ data: StoredDataSet; generated: boolean; millis: number }> {
  const started = Date.now();
  const stored = opts.force ? null : await storedDataSet(db.url);
  if (stored && stored.cases === opts.cases && stored.seed === opts.seed && stored.generator === GENERATOR_VERSION) {
    const ds = await new DataSource({ ...dataSourceOptions(db.url), logging: false }).initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    log(`reusing the data set in the bench database: ${stored.cases} cases, seed ${stored.seed}, generated ${stored.generatedAt}`);
    return { data: stored, generated: false, millis: Date.now() - started };
  }
  log(
    stored
      ? `the bench database holds ${stored.cases} cases (seed ${stored.seed}, generator ${stored.generator}): regenerating`
      : `no matching data set in the bench database: generating`,
  );
  await db.recreate();
  const ds = await new DataSource({ ...dataSourceOptions(db.url), logging: false }).initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await reseed(ds);
    log(`generating ${opts.cases} synthetic cases (seed ${opts.seed})`);
    const summary = await ds.transaction((em) => seedBenchData(em, { cases: opts.cases, seed: opts.seed }, log));
    log('VACUUM ANALYZE');
    await ds.query('VACUUM ANALYZE');
    await ds.query(`CREATE TABLE bench_dataset (id int PRIMARY KEY CHECK (id = 1), cases int NOT NULL, seed bigint NOT NULL,
      generator int NOT NULL, summary jsonb NOT NULL, generated_at timestamptz NOT NULL DEFAULT now())`);
    summary.millis = Date.now() - started;
    await ds.query(`INSERT INTO bench_dataset (id, cases, seed, generator, summary) VALUES (1, $1, $2, $3, $4)`, [
      opts.cases, opts.seed, GENERATOR_VERSION, JSON.stringify(summary),
    ]);
  } finally {
    await ds.destroy();
  }
  const data = (await storedDataSet(db.url))!;
  return { data, generated: true, millis: Date.now() - started };
}
