import { fork } from 'node:child_process';
import path from 'node:path';

/** One measured run: `connections` concurrent keep-alive connections POSTing `body` for `duration` s. */
export interface LoadRequest {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  body: string;
  /** Requests per second, due evenly spaced whatever the answers (an open loop, load-worker.ts); none: autocannon's closed loop, each connection asking again as soon as it has its answer. */
  overallRate?: number;
}

export interface LoadResult {
  /** Completed requests. */
  requests: number;
  seconds: number;
  /** Completed requests per second. */
  rps: number;
  /** Latency percentiles in ms (nearest rank over every response of the run). */
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  /** Responses by HTTP status other than 2xx, e.g. { "503": 4 }. */
  statuses: Record<string, number>;
  /** Connection errors and timeouts (no response at all). */
  errors: number;
  timeouts: number;
  meanResponseBytes: number;
  /** CPU time (user + system) the load generator itself used during the run: it shares the machine's cores. */
  cpuMs: number;
}

/** Run autocannon in a child process (load-worker.js) and wait for its figures. */
export function runLoad(req: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'load-worker.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (m: { result?: LoadResult; error?: string }) => {
      settled = true;
      // IPC carries JSON: the NaN percentiles of a run without responses arrive as null.
      if (m.result) resolve({ ...m.result, p50: m.result.p50 ?? NaN, p95: m.result.p95 ?? NaN, p99: m.result.p99 ?? NaN });
      else reject(new Error(`load generator: ${m.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with code ${code} before reporting`));
    });
    child.send(req);
  });
}
