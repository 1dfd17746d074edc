/**
 * `npm run bench`: Schakel on the benchmark data set, against itself without the field policy and against
 * PostGraphile 5 with row-level security.
 *
 * The persistent bench database (bench-db.ts: `.bench/pg`, or `schakel_bench` on the DATABASE_URL server)
 * holding the data set of `--cases` and `--seed` (generated first when it does not match: see
 * `npm run bench:data`); Schakel started twice in this process (field policy on and off, the disclosure log
 * on in both), PostGraphile in a child process (postgraphile-server.ts); each scenario of scenarios.ts
 * measured by runner.ts, the load generator in a child process of its own (load.ts); docs/benchmarks.md
 * written by report.ts (between its markers; the rest of the file is left alone).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanUp, runMain, serverV8Flags, type Cleanups } from './scaffold.js';
import { cpuMsOfPid, cpuMsOfTree, rssOfPid } from './proc.js';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20260101' },
    duration: { type: 'string', default: '10' },
    'max-duration': { type: 'string', default: '40' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '3' },
    calibration: { type: 'string', default: '5' },
    rate: { type: 'string', default: '10' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    only: { type: 'string' },
  },
  strict: true,
});

function wholeNumber(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number ≥ 0, got "${raw}"`);
  return n;
}

const log = (m: string) => process.stderr.write(`${m}\n`);

/** Fork a server script of the benchmark and wait for its URL (or its error). */
function forkServer(name: string, script: string, env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, script), [], {
      // Schakel runs with the heap limit `npm start` gives it (package.json); PostGraphile with Node's defaults.
      execArgv: script === 'schakel-server.js' ? serverV8Flags() : [],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${name} did not start within 180 s`));
    }, 180_000);
    child.once('message', (m: { url?: string; error?: string }) => {
      clearTimeout(timer);
      if (m.url) resolve({ url: m.url, child });
      else reject(new Error(m.error ?? 'unknown error'));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code}: ${stderr.trim()}`));
    });
  });
}

/** Stop a forked server (SIGTERM) and wait for it to exit. */
const stopChild = (child: ChildProcess) => () =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

async function main(): Promise<void> {
  const cases = wholeNumber('cases', args.cases);
  const seed = wholeNumber('seed', args.seed);
  const settings = {
    duration: Math.max(1, wholeNumber('duration', args.duration)),
    maxDuration: wholeNumber('max-duration', args['max-duration']),
    connections: Math.max(1, wholeNumber('connections', args.connections)),
    rounds: Math.max(1, wholeNumber('rounds', args.rounds)),
    warmup: wholeNumber('warmup', args.warmup),
    calibrationRequests: Math.max(1, wholeNumber('calibration', args.calibration)),
  };
  const root = path.resolve(__dirname, '..', '..', '..');
  const outFile = path.resolve(root, args.out!);

  // As the test global setup: the development signing key goes to a scratch dir, set before config is read.
  const { scratchDir } = await import('../db/embedded-postgres.js');
  const scratch = scratchDir('schakel-bench-');
  process.env.SCHAKEL_DATA_DIR = scratch;
  process.env.NODE_ENV ??= 'test';
  const { config } = await import('../config/config.js');
  const { dataSourceOptions } = await import('../../ormconfig.js');
  const { DataSource } = await import('typeorm');
  const { startApp } = await import('../server/app.js');
  const { loadTrustedIssuers } = await import('../auth/issuers.js');
  const { benchIssuers } = await import('./bench-issuer.js');
  const { verifyLogs, describeReport } = await import('../audit/verify.js');
  const { openBenchDatabase, ensureBenchData } = await import('./bench-db.js');
  const { SqlCounter } = await import('./sql-counter.js');
  const { scenarios, caseListQuery, postgraphileCaseListQuery } = await import('./scenarios.js');
  const { runScenario, runAtRate, probe, median, SLOW_PROBE_MS } = await import('./runner.js');
  const { renderConsole, renderReport, writeReport, RATE_ROUNDS } = await import('./report.js');
  const rate = wholeNumber('rate', args.rate);

  const cleanups: Cleanups = [];
  try {
    const db = await openBenchDatabase(root, config().databaseUrl, log);
    cleanups.push(() => db.stop());
    log(`bench database: ${db.where}`);
    const { data, generated, millis } = await ensureBenchData(db, { cases, seed }, log);
    if (generated) log(`  generated in ${(millis / 1000).toFixed(1)} s`);

    const counter = new SqlCounter();
    // Both apps share this pool, and requests still in flight when one load phase ends overlap the next
    // phase; every request holds a connection for its session (row-level security), so the pool is sized
    // for both apps' connections at once.
    const pool = 4 * settings.connections + 8;
    const base = dataSourceOptions(db.url);
    const ds = await new DataSource({ ...base, logging: false, logger: counter, extra: { ...(base.extra as object), max: pool } } as typeof base).initialize();
    cleanups.push(() => ds.destroy());
    // The harness's own connections (ids, log head, cancelling, verifying the logs): the apps' pool above may hand
    // out a connection a request left in the application role, which must not break the measurement.
    const harness = await new DataSource({ ...base, logging: false, extra: { ...(base.extra as object), max: 2 } } as typeof base).initialize();
    cleanups.push(() => harness.destroy());
    const [{ version }] = await harness.query(`SELECT current_setting('server_version') AS version`);
    const [persona] = await harness.query(`SELECT id, organisation_id FROM member WHERE login = 'woonconsulent.zeist'`);
    const [{ n: visibleCases }] = await harness.query(
      `SELECT count(DISTINCT cp.case_id)::int AS n FROM case_participant cp WHERE cp.organisation_id = $1 AND (cp.member_id IS NULL OR cp.member_id = $2)`,
      [persona.organisation_id, persona.id],
    );
    const [full] = await harness.query(`SELECT id FROM "case" WHERE reference = 'ZST-2026-001'`);
    // The items the mutation adds go to the persona's oldest synthetic case: never on the first page of the list.
    const [write] = await harness.query(
      `SELECT c.id AS case_id, cs.subject_id FROM "case" c JOIN case_participant cp ON cp.case_id = c.id AND cp.organisation_id = $1
         JOIN case_subject cs ON cs.case_id = c.id WHERE c.reference LIKE '%-BENCH-%' ORDER BY c.created_at, cs.created_at, cs.id LIMIT 1`,
      [persona.organisation_id],
    );
    if (!full || !write) throw new Error('bench: the demo case ZST-2026-001 or a synthetic case of Woongoed Zeist is missing');

    // A load test measures the API, not its rate limits: those are off here (they stay on in the server).
    // Nor does the webhook worker run: its polling would be counted with the requests' statements.
    const noRateLimits = { perMemberPerMinute: 0, perClientPerMinute: 0 };
    // Tokens as a partner's identity provider issues them: accepted by the servers under load in production mode, and by
    // the in-process apps here (this process runs as NODE_ENV=test, as the tests do).
    const bench = await benchIssuers(harness, scratch);
    const issuers = await loadTrustedIssuers({ file: bench.issuersFile, production: true });
    const on = await startApp(ds, { port: 0, issuers, disclosureLog: true, fieldPolicy: true, limits: noRateLimits, webhooks: { pollMs: 0 } });
    cleanups.push(() => on.stop());
    const off = await startApp(ds, { port: 0, issuers, disclosureLog: true, fieldPolicy: false, limits: noRateLimits, webhooks: { pollMs: 0 } });
    cleanups.push(() => off.stop());
    const noLog = await startApp(ds, { port: 0, issuers, disclosureLog: false, fieldPolicy: true, limits: noRateLimits, webhooks: { pollMs: 0 } });
    cleanups.push(() => noLog.stop());

    // The servers under load run in processes of their own (their RSS is one server's); the in-process ones
    // above answer the counted probes, whose statements go through this process's counted DataSource.
    const servers: Record<'on' | 'off' | 'noLog', { url: string; child: ChildProcess }> = {} as never;
    const forked = { on: ['policy on', 'on', 'on'], off: ['policy off', 'off', 'on'], noLog: ['log off', 'on', 'off'] } as const;
    for (const [v, [label, policy, logged]] of Object.entries(forked) as [keyof typeof forked, (typeof forked)[keyof typeof forked]][]) {
      servers[v] = await forkServer(`Schakel (${label})`, 'schakel-server.js', {
        BENCH_DB_URL: db.url, BENCH_DB_POOL: String(settings.connections + 8), BENCH_FIELD_POLICY: policy, BENCH_DISCLOSURE_LOG: logged,
        NODE_ENV: 'production', SCHAKEL_ISSUERS_FILE: bench.issuersFile,
      });
      cleanups.push(stopChild(servers[v].child));
      log(`  Schakel (${label}) at ${servers[v].url} (pid ${servers[v].child.pid})`);
    }

    let postgraphileError: string | null = null;
    let pg: { url: string; child: ChildProcess } | null = null;
    try {
      log('starting PostGraphile');
      pg = await forkServer('PostGraphile', 'postgraphile-server.js', { BENCH_PG_URL: db.url, BENCH_PG_POOL: String(settings.connections + 8), NODE_ENV: 'production' });
      cleanups.push(stopChild(pg.child));
      log(`  PostGraphile at ${pg.url} (pid ${pg.child.pid})`);
    } catch (e) {
      postgraphileError = (e as Error).message;
      log(`  PostGraphile failed: ${postgraphileError}`);
    }

    const schakelRequest = (s: { query: string; variables?: Record<string, unknown>; purpose: string }, authorization: string) => ({
      headers: { 'content-type': 'application/json', authorization, 'x-schakel-purpose': s.purpose },
      body: JSON.stringify({ query: s.query, variables: s.variables ?? {} }),
    });
    const pgRequest = (query: string) => ({
      headers: { 'content-type': 'application/json', 'x-bench-member-id': persona.id, 'x-bench-organisation-id': persona.organisation_id },
      body: JSON.stringify({ query }),
    });
    type T = import('./runner.js').Target;
    const targets: T[] = [
      { name: 'policy on', url: servers.on.url, probeUrl: `${on.url}/graphql`, counted: true, rssMb: () => rssOfPid(servers.on.child.pid!), cpuMs: () => cpuMsOfPid(servers.on.child.pid!), request: schakelRequest },
      { name: 'policy off', url: servers.off.url, probeUrl: `${off.url}/graphql`, counted: true, rssMb: () => rssOfPid(servers.off.child.pid!), cpuMs: () => cpuMsOfPid(servers.off.child.pid!), request: schakelRequest },
      { name: 'log off', url: servers.noLog.url, probeUrl: `${noLog.url}/graphql`, counted: true, rssMb: () => rssOfPid(servers.noLog.child.pid!), cpuMs: () => cpuMsOfPid(servers.noLog.child.pid!), request: schakelRequest },
    ];
    if (pg) {
      const pid = pg.child.pid!;
      targets.push({ name: 'postgraphile', url: pg.url, counted: false, rssMb: () => rssOfPid(pid), cpuMs: () => cpuMsOfPid(pid), request: (s) => pgRequest(s.postgraphileQuery!) });
    }

    const tokens = new Map<string, string>();
    const token = async (login: string) => {
      if (!tokens.has(login)) tokens.set(login, `Bearer ${await bench.sign(login)}`);
      return tokens.get(login)!;
    };
    const ctx = { ds: harness, counter, token, log, databaseCpu: () => cpuMsOfTree(db.postmasterPid) };
    const list = scenarios({ fullCaseId: full.id, writeCaseId: write.case_id, writeSubjectId: write.subject_id });
    const results = [];
    // --only "case list,add item": a quick look at some scenarios (the report then lacks the others' rows).
    const only = args.only?.split(',').map((x) => x.trim());
    for (const s of list.filter((x) => !only || only.includes(x.name))) {
      log(`scenario "${s.name}"`);
      const mine = s.variants.map((v) => targets.find((t) => t.name === v)).filter((t): t is T => !!t);
      results.push(await runScenario(ctx, s, mine, settings));
    }

    // The case list's statements per request by page size, and what totalCount adds (sequential, one at a time).
    log('page size and totalCount probes');
    const auth = await token('woonconsulent.zeist');
    const listScenario = list[0];
    const statementsAt = async (first: number) => (await probe(ctx, targets[0], schakelRequest({ ...listScenario, query: caseListQuery(first) }, auth))).counted.total;
    const pageSizes = { at10: await statementsAt(10), at50: await statementsAt(50) };
    /** The same page with totalCount (the first `{ edges ` or `{ nodes ` is the page's own). */
    const withCount = (q: string) => q.replace(/\{ (edges|nodes) /, '{ totalCount $1 ');
    const seqMs = async (t: T, req: { headers: Record<string, string>; body: string }) => {
      const ms: number[] = [];
      for (let i = 0; i < settings.calibrationRequests && !ms.some((x) => x > SLOW_PROBE_MS); i++) ms.push((await probe(ctx, t, req)).ms);
      return median(ms);
    };
    const countCost: { target: string; without: number; with: number }[] = [];
    countCost.push({
      target: 'policy on',
      without: await seqMs(targets[0], schakelRequest({ ...listScenario, query: caseListQuery(50) }, auth)),
      with: await seqMs(targets[0], schakelRequest({ ...listScenario, query: withCount(caseListQuery(50)) }, auth)),
    });
    const pgTarget = targets.find((t) => t.name === 'postgraphile');
    if (pgTarget) {
      countCost.push({
        target: 'postgraphile',
        without: await seqMs(pgTarget, pgRequest(postgraphileCaseListQuery(50))),
        with: await seqMs(pgTarget, pgRequest(withCount(postgraphileCaseListQuery(50)))),
      });
    }
    log(`  statements at first: 10 ${pageSizes.at10}, at first: 50 ${pageSizes.at50}; totalCount ${JSON.stringify(countCost)}`);

    // The case list at a fixed offered rate: policy on and PostGraphile (skipped with --rate 0, or when --only leaves out the case list).
    const listResult = results.find((r) => r.scenario.name === listScenario.name);
    const atRate = [];
    if (rate > 0 && listResult) {
      log(`case list at ${rate} req/s offered`);
      const rateTargets = [targets[0], pgTarget].filter((t): t is T => !!t);
      atRate.push(...(await runAtRate(ctx, listScenario, rateTargets, settings, rate, RATE_ROUNDS)));
    }

    const chain = (await verifyLogs(harness)).map(describeReport);
    const argv = process.argv.slice(2).join(' ');
    const report = renderReport({
      date: new Date(),
      command: `npm run bench${argv ? ` -- ${argv}` : ''}`,
      settings: { ...settings, cases, seed },
      database: `PostgreSQL ${version} (${db.where})`,
      data: data.summary,
      dataGenerated: generated,
      visibleCases,
      results,
      pageSizes,
      countCost,
      atRate,
      postgraphileError,
      chain,
    });
    writeReport(outFile, report);
    process.stdout.write(`\n${renderConsole(results)}\n${chain.join('\n')}\nwritten to ${path.relative(process.cwd(), outFile)}\n`);
  } finally {
    await cleanUp(cleanups, scratch, log);
  }
}

runMain(main);
