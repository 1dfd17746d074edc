import os from 'node:os';
import type { DataSource } from 'typeorm';
import { runLoad, type LoadResult } from './load.js';
import type { Scenario, Variant } from './scenarios.js';
import { cpuMsBetween } from './proc.js';
import { SqlCounter, type StatementCounts } from './sql-counter.js';

/** One server under test: Schakel with the field policy on or off, or PostGraphile. */
export interface Target {
  name: Variant;
  /** GraphQL endpoint under load. */
  url: string;
  /** Where counted probes go (a server whose statements the counter sees), when not `url`. */
  probeUrl?: string;
  /** Whether its SQL statements go through the counted DataSource (Schakel) or not (PostGraphile). */
  counted: boolean;
  /** Resident set size of the process that serves it, MB. */
  rssMb: () => number;
  /** CPU time the process that serves it has used so far, ms. */
  cpuMs: () => number;
  /** Headers and body of the scenario's request on this target. */
  request: (s: Scenario, authorization: string) => { headers: Record<string, string>; body: string };
}

export interface Settings {
  duration: number;
  /** A target slower than the run is long gets a longer run, up to this many seconds. */
  maxDuration: number;
  connections: number;
  warmup: number;
  rounds: number;
  /** Sequential requests per target to count statements and log rows exactly. */
  calibrationRequests: number;
}

/** Exact per-request figures from sequential requests (nothing else running). */
export interface Calibration {
  /** NaN where not counted (PostGraphile). */
  statementsPerRequest: number;
  byKindPerRequest: StatementCounts['byKind'];
  logRowsPerRequest: number;
  responseBytes: number;
  /** Median latency of the sequential requests (no concurrency; the targets take turns), ms. */
  sequentialMs: number;
  /** How many sequential requests (fewer than asked when one took longer than SLOW_PROBE_MS). */
  probes: number;
  /** GraphQL errors in one response, by extensions.code (FORBIDDEN_FIELD is expected: the policy at work). */
  errorCodes: Record<string, number>;
}

export interface Sample {
  target: Variant;
  round: number;
  load: LoadResult;
  /** RSS of the serving process sampled every 200 ms during the run, MB. */
  rssPeakMb: number;
  rssMeanMb: number;
  /** Disclosure-log rows written during the run, per completed request. */
  logRowsPerRequest: number;
  /** CPU time during the run per completed request, ms: of the serving process, of the PostgreSQL cluster and of the load generator. */
  serverCpuMs: number;
  databaseCpuMs: number;
  clientCpuMs: number;
}

export interface TargetSummary {
  target: Variant;
  /** Medians over the rounds. */
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
  /** Highest RSS over all rounds; mean of the rounds' means. */
  rssPeakMb: number;
  rssMeanMb: number;
  requests: number;
  calibration: Calibration;
  loadLogRowsPerRequest: number;
  /** Medians over the runs: CPU ms per request of the serving process, of PostgreSQL and of the load generator. */
  serverCpuMs: number;
  databaseCpuMs: number;
  clientCpuMs: number;
}

export interface ScenarioResult {
  scenario: Scenario;
  samples: Sample[];
  summaries: TargetSummary[];
}

export interface RunContext {
  /** The harness's own owner connections (log head, cancelling): never a connection the apps' sessions used. */
  ds: DataSource;
  counter: SqlCounter;
  /** `Bearer …` for a demo login. */
  token: (login: string) => Promise<string>;
  log: (m: string) => void;
  /** CPU time each process of the database cluster has used so far, ms (empty when it cannot be read, e.g. a DATABASE_URL server). */
  databaseCpu: () => Map<number, number>;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A sequential request slower than this is not repeated for the counts (one is exact enough, and the run must end). */
export const SLOW_PROBE_MS = 5_000;

/**
 * Wait until the servers are idle. autocannon stops at the deadline and closes its connections, but the
 * requests it had in flight would still run to the end on the server (with a slow server for minutes):
 * their answers go nowhere, so their statements still running in the bench database are cancelled
 * (pg_cancel_backend), but only single statements outside a transaction block (xact_start = query_start):
 * a cancelled statement inside a transaction leaves the session's transaction aborted, and the app would
 * hand that connection back to its pool (its reset fails there), failing later requests. Then no SQL statement from Schakel for 500 ms
 * counts as idle (at most a minute); PostGraphile (not counted) gets a second.
 */
async function settle(ctx: RunContext, t: Target): Promise<void> {
  const cancel = () =>
    ctx.ds.query(
      `SELECT pg_cancel_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND backend_type = 'client backend'
          AND query NOT ILIKE 'RESET ROLE%' AND xact_start = query_start`,
    );
  const activeStatements = async () =>
    Number(
      (
        await ctx.ds.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND state = 'active' AND backend_type = 'client backend'`,
        )
      )[0].n,
    );
  // Idle: no statement running in the bench database, none sent by Schakel, and this process's event loop
  // free (a request of an in-process Schakel still busy in JavaScript delays a 500 ms timer). A request goes
  // on with its next statement after one is cancelled: cancel again until nothing moves (at most 2 minutes).
  const deadline = Date.now() + 120_000;
  let last = ctx.counter.snapshot().total;
  while (Date.now() < deadline) {
    await cancel();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 500));
    const lag = performance.now() - t0 - 500;
    const now = ctx.counter.snapshot().total;
    if (now === last && lag < 50 && (await activeStatements()) === 0) return;
    last = now;
  }
  ctx.log(`  ${t.name}: still busy 2 minutes after the run; the next figures may include its leftovers`);
}

/**
 * Before each measured run: the database's own background work done, so that no run pays for what an earlier one left
 * (the variants take turns, and each run adds some 20,000 disclosure records). Waits (at most 90 s) for autovacuum
 * workers on the bench database to finish, then writes a checkpoint (skipped where not permitted, e.g. a
 * DATABASE_URL role without pg_checkpoint).
 */
async function quiesceDatabase(ctx: RunContext): Promise<void> {
  const deadline = Date.now() + 90_000;
  const vacuuming = async () =>
    Number(
      (
        await ctx.ds.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND datname = current_database()`,
        )
      )[0].n,
    );
  let waited = false;
  while ((await vacuuming()) > 0 && Date.now() < deadline) {
    waited = true;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (waited) ctx.log(`  (waited for autovacuum${Date.now() >= deadline ? ', still running after 90 s' : ''})`);
  await ctx.ds.query('CHECKPOINT').catch(() => undefined);
}

async function logHead(ds: DataSource): Promise<number> {
  const [{ seq }] = await ds.query(`SELECT seq::int AS seq FROM log_chain WHERE name = 'disclosure_log'`);
  return seq;
}

export interface Probe {
  counted: StatementCounts;
  logRows: number;
  bytes: number;
  ms: number;
  text: string;
}

/** One request alone, with the statements it sent and the log rows it wrote. */
export async function probe(ctx: RunContext, t: Target, req: { headers: Record<string, string>; body: string }): Promise<Probe> {
  const head0 = await logHead(ctx.ds);
  const before = ctx.counter.snapshot();
  const t0 = performance.now();
  const res = await fetch(t.probeUrl ?? t.url, { method: 'POST', headers: req.headers, body: req.body });
  const text = await res.text();
  const ms = performance.now() - t0;
  const counted = ctx.counter.since(before);
  if (res.status !== 200) throw new Error(`${t.name}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  return { counted, logRows: (await logHead(ctx.ds)) - head0, bytes: text.length, ms, text };
}

function calibrationOf(s: Scenario, t: Target, probes: Probe[]): { c: Calibration; data: unknown } {
  const n = probes.length;
  const first = JSON.parse(probes[0].text) as { data?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] };
  if (!first.data) throw new Error(`${s.name} on ${t.name}: no data: ${JSON.stringify(first.errors?.slice(0, 3))}`);
  const errorCodes: Record<string, number> = {};
  for (const e of first.errors ?? []) errorCodes[e.extensions?.code ?? '?'] = (errorCodes[e.extensions?.code ?? '?'] ?? 0) + 1;
  const byKindPerRequest = SqlCounter.empty().byKind;
  for (const k of Object.keys(byKindPerRequest) as (keyof typeof byKindPerRequest)[]) {
    byKindPerRequest[k] = t.counted ? probes.reduce((a, p) => a + p.counted.byKind[k], 0) / n : NaN;
  }
  return {
    c: {
      statementsPerRequest: t.counted ? probes.reduce((a, p) => a + p.counted.total, 0) / n : NaN,
      byKindPerRequest,
      logRowsPerRequest: probes.reduce((a, p) => a + p.logRows, 0) / n,
      responseBytes: probes.reduce((a, p) => a + p.bytes, 0) / n,
      sequentialMs: median(probes.map((p) => p.ms)),
      probes: n,
      errorCodes,
    },
    data: first.data,
  };
}

/**
 * Run the load while sampling the serving process's RSS every 200 ms; the CPU time the serving process, the
 * database and the load generator used during the run, per completed request (nothing else runs meanwhile: the
 * targets take turns).
 */
async function measuredLoad(ctx: RunContext, t: Target, settings: Settings, req: { headers: Record<string, string>; body: string }, overallRate?: number) {
  const rss: number[] = [t.rssMb()];
  const timer = setInterval(() => rss.push(t.rssMb()), 200);
  try {
    const [server0, db0] = [t.cpuMs(), ctx.databaseCpu()];
    const load = await runLoad({ url: t.url, connections: settings.connections, duration: settings.duration, overallRate, ...req });
    const [server1, db1] = [t.cpuMs(), ctx.databaseCpu()];
    const perRequest = (ms: number) => (load.requests ? ms / load.requests : NaN);
    return {
      load,
      rssPeakMb: Math.max(...rss),
      rssMeanMb: rss.reduce((a, x) => a + x, 0) / rss.length,
      serverCpuMs: perRequest(server1 - server0),
      databaseCpuMs: perRequest(cpuMsBetween(db0, db1)),
      clientCpuMs: perRequest(load.cpuMs),
    };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Measure one scenario on its targets: check they answer about the same rows, count statements and log
 * rows per request exactly, warm up, then alternate measured runs (round r runs the targets in turn, the
 * order reversed every other round, to cancel drift) and take the median per target.
 */
export async function runScenario(ctx: RunContext, s: Scenario, targets: Target[], settings: Settings): Promise<ScenarioResult> {
  const auth = await ctx.token(s.login);
  // Warm up first (JIT, caches, pool), so that neither the counts nor the first measured run pay for it.
  // One request alone first: a target that takes longer than SLOW_PROBE_MS for it gets no concurrent warm-up
  // (it would only leave ${connections} requests running into the counts).
  for (const t of targets) {
    const first = await probe(ctx, t, t.request(s, auth));
    const concurrent = settings.warmup > 0 && first.ms <= SLOW_PROBE_MS;
    ctx.log(`  warm-up ${t.name}: one request ${first.ms.toFixed(0)} ms${concurrent ? `, then ${settings.warmup} s under load` : ''}`);
    if (concurrent) await runLoad({ url: t.url, connections: settings.connections, duration: settings.warmup, ...t.request(s, auth) });
    await settle(ctx, t);
  }
  // Sequential requests, the targets taking turns (so that drift hits all alike).
  const probes = new Map<string, Probe[]>(targets.map((t) => [t.name, []]));
  for (let i = 0; i < settings.calibrationRequests; i++) {
    for (const t of targets) probes.get(t.name)!.push(await probe(ctx, t, t.request(s, auth)));
    if ([...probes.values()].some((ps) => ps.some((p) => p.ms > SLOW_PROBE_MS))) break;
  }
  const calibrations = new Map<string, Calibration>();
  let reference: string | undefined;
  for (const t of targets) {
    const { c, data } = calibrationOf(s, t, probes.get(t.name)!);
    if (s.signature) {
      const sig = s.signature(t.name, data);
      if (reference !== undefined && sig !== reference) {
        throw new Error(`${s.name}: ${t.name} answers about other rows than ${targets[0].name}: ${sig.slice(0, 200)} against ${reference.slice(0, 200)}`);
      }
      reference = sig;
    }
    calibrations.set(t.name, c);
    ctx.log(
      `  ${t.name}: ${c.statementsPerRequest} statements/request, ${c.logRowsPerRequest} log rows/request, ` +
        `${Math.round(c.responseBytes / 1024)} KiB/response, ${c.sequentialMs.toFixed(1)} ms/request sequentially (median)` +
        `${Object.keys(c.errorCodes).length ? `, errors ${JSON.stringify(c.errorCodes)}` : ''}`,
    );
  }
  // With n clients a request waits for the others: a target whose one request alone, times the clients over
  // the cores, exceeds the run would complete nothing. Its runs are lengthened (1.5 × that), up to maxDuration.
  const seconds = new Map<string, number>(
    targets.map((t) => {
      const need = Math.ceil((1.5 * calibrations.get(t.name)!.sequentialMs * settings.connections) / 1000 / Math.max(1, os.cpus().length));
      return [t.name, Math.max(settings.duration, Math.min(settings.maxDuration, need))];
    }),
  );
  const samples: Sample[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    const order = round % 2 ? targets : [...targets].reverse();
    for (const t of order) {
      await quiesceDatabase(ctx);
      const head0 = await logHead(ctx.ds);
      const { load, rssPeakMb, rssMeanMb, serverCpuMs, databaseCpuMs, clientCpuMs } = await measuredLoad(ctx, t, { ...settings, duration: seconds.get(t.name)! }, t.request(s, auth));
      await settle(ctx, t);
      const head1 = await logHead(ctx.ds);
      // No response within the run (a server slower than the run is long): recorded as such, not an error.
      if (!load.requests) ctx.log(`  ${s.name} on ${t.name}: no request completed within ${seconds.get(t.name)} s`);
      const sample: Sample = {
        target: t.name, round, load, rssPeakMb, rssMeanMb, logRowsPerRequest: load.requests ? (head1 - head0) / load.requests : NaN, serverCpuMs, databaseCpuMs, clientCpuMs,
      };
      samples.push(sample);
      ctx.log(
        `  round ${round} ${t.name}: p50 ${load.p50.toFixed(1)} ms, p95 ${load.p95.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms, ` +
          `${load.rps.toFixed(1)} req/s, non-2xx ${load.non2xx}, errors ${load.errors}, RSS peak ${rssPeakMb.toFixed(0)} MB, ` +
          `CPU per request ${serverCpuMs.toFixed(1)} ms server, ${databaseCpuMs.toFixed(1)} ms PostgreSQL, ${clientCpuMs.toFixed(1)} ms load generator`,
      );
    }
  }
  const summaries = targets.map((t): TargetSummary => {
    const mine = samples.filter((x) => x.target === t.name);
    // Percentiles over the runs that completed requests (NaN if none did); throughput over all runs.
    const done = mine.filter((x) => x.load.requests > 0);
    const m = (xs: Sample[], f: (x: Sample) => number) => (xs.length ? median(xs.map(f)) : NaN);
    return {
      target: t.name,
      p50: m(done, (x) => x.load.p50),
      p95: m(done, (x) => x.load.p95),
      p99: m(done, (x) => x.load.p99),
      rps: m(mine, (x) => x.load.rps),
      non2xx: mine.reduce((a, x) => a + x.load.non2xx, 0),
      errors: mine.reduce((a, x) => a + x.load.errors + x.load.timeouts, 0),
      rssPeakMb: Math.max(...mine.map((x) => x.rssPeakMb)),
      rssMeanMb: mine.reduce((a, x) => a + x.rssMeanMb, 0) / mine.length,
      requests: mine.reduce((a, x) => a + x.load.requests, 0),
      calibration: calibrations.get(t.name)!,
      loadLogRowsPerRequest: m(done, (x) => x.logRowsPerRequest),
      serverCpuMs: m(done, (x) => x.serverCpuMs),
      databaseCpuMs: m(done, (x) => x.databaseCpuMs),
      clientCpuMs: m(done, (x) => x.clientCpuMs),
    };
  });
  return { scenario: s, samples, summaries };
}

/** A scenario's latency when its requests come at a fixed rate instead of as fast as answers come: per target, medians over the rounds. */
export interface RateResult {
  target: Variant;
  /** Requests per second offered, over all connections together. */
  offered: number;
  p50: number;
  p95: number;
  p99: number;
  /** Completed requests per second. */
  rps: number;
  serverCpuMs: number;
  databaseCpuMs: number;
}

/**
 * The scenario on each target (warm already: after runScenario) with requests due at `rate` per second, evenly spaced
 * whatever the answers (an open loop, at most `connections` in flight: load-worker.ts), `rounds` runs per target taking
 * turns, the order reversed every other round.
 * At a rate under a target's capacity a request seldom waits for another: what a user sees of a server that is busy
 * but not saturated, where the closed loop of runScenario shows a saturated one.
 */
export async function runAtRate(ctx: RunContext, s: Scenario, targets: Target[], settings: Settings, rate: number, rounds: number): Promise<RateResult[]> {
  const auth = await ctx.token(s.login);
  const runs = new Map<string, Awaited<ReturnType<typeof measuredLoad>>[]>(targets.map((t) => [t.name, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const t of round % 2 ? targets : [...targets].reverse()) {
      await quiesceDatabase(ctx);
      const run = await measuredLoad(ctx, t, settings, t.request(s, auth), rate);
      await settle(ctx, t);
      runs.get(t.name)!.push(run);
      ctx.log(`  ${rate} req/s offered, round ${round} ${t.name}: p50 ${run.load.p50.toFixed(1)} ms, p95 ${run.load.p95.toFixed(1)} ms, ${run.load.rps.toFixed(1)} req/s`);
    }
  }
  return targets.map((t) => {
    const mine = runs.get(t.name)!;
    const m = (f: (x: (typeof mine)[number]) => number) => median(mine.map(f));
    return {
      target: t.name, offered: rate,
      p50: m((x) => x.load.p50), p95: m((x) => x.load.p95), p99: m((x) => x.load.p99), rps: m((x) => x.load.rps),
      serverCpuMs: m((x) => x.serverCpuMs), databaseCpuMs: m((x) => x.databaseCpuMs),
    };
  });
}
