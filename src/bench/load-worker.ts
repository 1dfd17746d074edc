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

process.once('message', (req: LoadRequest) => {
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
