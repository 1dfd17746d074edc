/**
 * The load generator, in a child process of its own so that it shares no event loop with the servers
 * it measures (and their RSS is theirs alone). Receives one LoadRequest over IPC, runs autocannon,
 * answers one LoadResult and exits.
 */
import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from './load.js';

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * An open loop at a fixed rate (LoadRequest.overallRate): request i is due at start + i / rate whatever the answers
 * before it, at most `connections` in flight (keep-alive, Node's fetch). Its latency counts from when it was due, so a
 * request that waited for a free connection counts its wait. autocannon's own overallRate sends each second's quota at
 * once at the start of the second, a burst that would measure queueing behind the burst instead.
 */
async function openLoop(req: LoadRequest & { overallRate: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let bytes = 0;
  let non2xx = 0;
  let errors = 0;
  const cpu0 = process.cpuUsage();
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const acquire = () => (inFlight < req.connections ? (inFlight++, Promise.resolve()) : new Promise<void>((r) => waiting.push(r)));
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  };
  const one = async (due: number) => {
    await acquire();
    try {
      const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(60_000) });
      const body = await res.arrayBuffer();
      latencies.push(performance.now() - due);
      bytes += body.byteLength;
      if (res.status < 200 || res.status > 299) {
        non2xx++;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    } catch {
      errors++;
    } finally {
      release();
    }
  };
  const start = performance.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; start + (i * 1000) / req.overallRate < start + req.duration * 1000; i++) {
    const due = start + (i * 1000) / req.overallRate;
    const early = due - performance.now();
    if (early > 0) await new Promise((r) => setTimeout(r, early));
    sent.push(one(due));
  }
  await Promise.all(sent);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx,
    statuses,
    errors,
    timeouts: 0,
    meanResponseBytes: latencies.length ? bytes / latencies.length : 0,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

process.once('message', (req: LoadRequest) => {
  if (req.overallRate) {
    openLoop({ ...req, overallRate: req.overallRate }).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (e: Error) => process.send!({ error: e.message }),
    );
    return;
  }
  const latencies: number[] = [];
  let bytes = 0;
  const statuses: Record<string, number> = {};
  const cpu0 = process.cpuUsage();
  const instance = autocannon(
    { url: req.url, connections: req.connections, duration: req.duration, method: 'POST', headers: req.headers, body: req.body, timeout: 60 },
    (err, r) => {
      if (err) {
        process.send!({ error: err.message });
        return;
      }
      const cpu = process.cpuUsage(cpu0);
      latencies.sort((a, b) => a - b);
      const result: LoadResult = {
        // Completed responses as seen by the 'response' event (the aggregated result nests its counts).
        requests: latencies.length,
        seconds: r.duration,
        rps: latencies.length / r.duration,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        non2xx: r.non2xx,
        statuses,
        errors: r.errors,
        timeouts: r.timeouts,
        meanResponseBytes: latencies.length ? bytes / latencies.length : 0,
        cpuMs: (cpu.user + cpu.system) / 1000,
      };
      process.send!({ result }, () => process.exit(0));
    },
  );
  instance.on('response', (_client, status, resBytes, responseTime) => {
    if (status < 200 || status > 299) statuses[status] = (statuses[status] ?? 0) + 1;
    latencies.push(responseTime);
    bytes += resBytes;
  });
});
