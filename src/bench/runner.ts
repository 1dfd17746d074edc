import type { DataSource } from 'typeorm';
import { runLoad, type LoadResult } from './load.js';
import type { Scenario } from './scenarios.js';
import { SqlCounter, type StatementCounts } from './sql-counter.js';

/** One server under test (e.g. the app with the disclosure log on, or off). */
export interface Target {
  name: string;
  /** GraphQL endpoint. */
  url: string;
}

export interface Settings {
  duration: number;
  connections: number;
  warmup: number;
  rounds: number;
  /** Sequential requests per target to count statements and log rows exactly. */
  calibrationRequests: number;
}

/** Exact per-request figures from sequential requests (nothing else running). */
export interface Calibration {
  statementsPerRequest: number;
  byKindPerRequest: StatementCounts['byKind'];
  logRowsPerRequest: number;
  responseBytes: number;
  /** Median latency of the sequential requests (no concurrency; the targets take turns), ms. */
  sequentialMs: number;
  /** GraphQL errors in one response, by extensions.code (FORBIDDEN_FIELD is expected: the policy at work). */
  errorCodes: Record<string, number>;
}

export interface Sample {
  target: string;
  round: number;
  load: LoadResult;
  /** RSS and heap of the benchmark process (both servers and the shared DataSource) after the run, MB. */
  rssMb: number;
  heapMb: number;
  /** Disclosure-log rows written during the run, per completed request. */
  logRowsPerRequest: number;
}

export interface TargetSummary {
  target: string;
  /** Medians over the rounds. */
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
  rssMb: number;
  requests: number;
  calibration: Calibration;
  loadLogRowsPerRequest: number;
}

export interface ScenarioResult {
  scenario: Scenario;
  samples: Sample[];
  summaries: TargetSummary[];
}

export interface RunContext {
  ds: DataSource;
  counter: SqlCounter;
  /** `Bearer …` for a demo login. */
  token: (login: string) => Promise<string>;
  log: (m: string) => void;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Wait until the servers are idle: autocannon stops at the deadline, but the requests it had in flight
 * still run to the end on the server. No SQL statement for 500 ms counts as idle.
 */
async function settle(counter: SqlCounter): Promise<void> {
  let last = counter.snapshot().total;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = counter.snapshot().total;
    if (now === last) return;
    last = now;
  }
}

async function logHead(ds: DataSource): Promise<number> {
  const [{ seq }] = await ds.query(`SELECT seq::int AS seq FROM log_chain WHERE name = 'disclosure_log'`);
  return seq;
}

function requestOf(s: Scenario, authorization: string) {
  return {
    headers: { 'content-type': 'application/json', authorization, 'x-schakel-purpose': s.purpose },
    body: JSON.stringify({ query: s.query, variables: s.variables ?? {} }),
  };
}

interface Probe {
  counted: StatementCounts;
  logRows: number;
  bytes: number;
  ms: number;
  text: string;
}

/** One request alone, with the statements it sent and the log rows it wrote. */
async function probe(ctx: RunContext, s: Scenario, t: Target, auth: string): Promise<Probe> {
  const { headers, body } = requestOf(s, auth);
  const head0 = await logHead(ctx.ds);
  const before = ctx.counter.snapshot();
  const t0 = performance.now();
  const res = await fetch(t.url, { method: 'POST', headers, body });
  const text = await res.text();
  const ms = performance.now() - t0;
  const counted = ctx.counter.since(before);
  if (res.status !== 200) throw new Error(`${s.name} on ${t.name}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  return { counted, logRows: (await logHead(ctx.ds)) - head0, bytes: text.length, ms, text };
}

function calibrationOf(s: Scenario, t: Target, probes: Probe[]): { c: Calibration; data: string } {
  const n = probes.length;
  const first = JSON.parse(probes[0].text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  if (!first.data) throw new Error(`${s.name} on ${t.name}: no data: ${JSON.stringify(first.errors?.slice(0, 3))}`);
  const errorCodes: Record<string, number> = {};
  for (const e of first.errors ?? []) errorCodes[e.extensions?.code ?? '?'] = (errorCodes[e.extensions?.code ?? '?'] ?? 0) + 1;
  const byKindPerRequest = SqlCounter.empty().byKind;
  for (const k of Object.keys(byKindPerRequest) as (keyof typeof byKindPerRequest)[]) {
    byKindPerRequest[k] = probes.reduce((a, p) => a + p.counted.byKind[k], 0) / n;
  }
  return {
    c: {
      statementsPerRequest: probes.reduce((a, p) => a + p.counted.total, 0) / n,
      byKindPerRequest,
      logRowsPerRequest: probes.reduce((a, p) => a + p.logRows, 0) / n,
      responseBytes: probes.reduce((a, p) => a + p.bytes, 0) / n,
      sequentialMs: median(probes.map((p) => p.ms)),
      errorCodes,
    },
    data: JSON.stringify(first.data),
  };
}

/**
 * Measure one scenario on every target: check the targets answer alike, count statements and log rows
 * per request exactly, warm up, then alternate measured runs (round r runs the targets in turn, the
 * order reversed every other round, to cancel drift) and take the median per target.
 */
export async function runScenario(ctx: RunContext, s: Scenario, targets: Target[], settings: Settings): Promise<ScenarioResult> {
  const auth = await ctx.token(s.login);
  const { headers, body } = requestOf(s, auth);
  // Warm up first (JIT, caches, pool), so that neither the counts nor the first measured run pay for it.
  for (const t of targets) {
    ctx.log(`  warm-up ${t.name} (${settings.warmup} s)`);
    if (settings.warmup > 0) await runLoad({ url: t.url, connections: settings.connections, duration: settings.warmup, headers, body });
    await settle(ctx.counter);
  }
  // Sequential requests, the targets taking turns (so that drift hits all alike).
  const probes = new Map<string, Probe[]>(targets.map((t) => [t.name, []]));
  for (let i = 0; i < settings.calibrationRequests; i++) for (const t of targets) probes.get(t.name)!.push(await probe(ctx, s, t, auth));
  const calibrations = new Map<string, Calibration>();
  let reference: string | undefined;
  for (const t of targets) {
    const { c, data } = calibrationOf(s, t, probes.get(t.name)!);
    if (reference !== undefined && data !== reference) throw new Error(`${s.name}: ${t.name} answers differently from ${targets[0].name}`);
    reference = data;
    calibrations.set(t.name, c);
    ctx.log(
      `  ${t.name}: ${c.statementsPerRequest} statements/request, ${c.logRowsPerRequest} log rows/request, ` +
        `${Math.round(c.responseBytes / 1024)} KiB/response, ${c.sequentialMs.toFixed(1)} ms/request sequentially (median)`,
    );
  }
  const samples: Sample[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    const order = round % 2 ? targets : [...targets].reverse();
    for (const t of order) {
      const head0 = await logHead(ctx.ds);
      const load = await runLoad({ url: t.url, connections: settings.connections, duration: settings.duration, headers, body });
      const mem = process.memoryUsage();
      await settle(ctx.counter);
      const head1 = await logHead(ctx.ds);
      if (!load.requests) throw new Error(`${s.name} on ${t.name}: no request completed within ${settings.duration} s; raise --duration`);
      const sample: Sample = {
        target: t.name, round, load,
        rssMb: mem.rss / 2 ** 20, heapMb: mem.heapUsed / 2 ** 20,
        logRowsPerRequest: load.requests ? (head1 - head0) / load.requests : 0,
      };
      samples.push(sample);
      ctx.log(
        `  round ${round} ${t.name}: p50 ${load.p50.toFixed(1)} ms, p95 ${load.p95.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms, ` +
          `${load.rps.toFixed(1)} req/s, non-2xx ${load.non2xx}, errors ${load.errors}, RSS ${sample.rssMb.toFixed(0)} MB`,
      );
    }
  }
  const summaries = targets.map((t): TargetSummary => {
    const mine = samples.filter((x) => x.target === t.name);
    const m = (f: (x: Sample) => number) => median(mine.map(f));
    return {
      target: t.name,
      p50: m((x) => x.load.p50),
      p95: m((x) => x.load.p95),
      p99: m((x) => x.load.p99),
      rps: m((x) => x.load.rps),
      non2xx: mine.reduce((a, x) => a + x.load.non2xx, 0),
      errors: mine.reduce((a, x) => a + x.load.errors + x.load.timeouts, 0),
      rssMb: m((x) => x.rssMb),
      requests: mine.reduce((a, x) => a + x.load.requests, 0),
      calibration: calibrations.get(t.name)!,
      loadLogRowsPerRequest: m((x) => x.logRowsPerRequest),
    };
  });
  return { scenario: s, samples, summaries };
}
