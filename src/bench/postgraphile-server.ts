/**
 * The alternative the benchmark compares with: PostGraphile 5 (amber preset) with row-level security, on the
 * bench database, in a process of its own (forked by run.ts; started as `node postgraphile-server.js`).
 *
 * It connects as the database owner and, per request, has PostGraphile set `role = schakel_app` and the
 * same `schakel.member_id` / `schakel.organisation_id` settings Schakel's request session sets (openSession
 * in src/server/context.ts), so the same RLS policies (migration 1795510000000-RowLevelSecurity) give the
 * same row scope. The principal comes from the headers `x-bench-member-id` / `x-bench-organisation-id`:
 * PostGraphile here authenticates nobody (Schakel verifies a signed token per request), and it has no field
 * policy: it returns every row RLS lets through.
 *
 * Settings come from the environment: BENCH_PG_URL (owner connection), BENCH_PG_POOL (pool size).
 * Reports `{ url }` (or `{ error }`) over IPC once listening; stops on SIGTERM.
 */
// PostGraphile 5 declares Node >= 22 and calls Promise.withResolvers (Node 22); this machine may run Node 20.
// The standard's own definition, installed before PostGraphile loads (this process only):
const P = Promise as unknown as { withResolvers?: () => unknown };
P.withResolvers ??= function withResolvers<T>() {
  let resolve!: (v: T | PromiseLike<T>) => void;
  let reject!: (e?: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { APP_ROLE } from '../../migrations/1795510000000-RowLevelSecurity.js';

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

async function main(): Promise<void> {
  const connectionString = process.env.BENCH_PG_URL;
  if (!connectionString) throw new Error('BENCH_PG_URL is not set');
  const poolSize = Number(process.env.BENCH_PG_POOL ?? 20);
  const preset: GraphileConfig.Preset = {
    extends: [PostGraphileAmberPreset],
    pgServices: [makePgService({ connectionString, schemas: ['public'], poolConfig: { max: poolSize } })],
    grafast: {
      context(requestContext) {
        const req = requestContext.node?.req;
        return {
          pgSettings: {
            role: APP_ROLE,
            'schakel.member_id': header(req?.headers['x-bench-member-id']),
            'schakel.organisation_id': header(req?.headers['x-bench-organisation-id']),
          },
        };
      },
    },
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  serv.addTo(server).catch((e: unknown) => {
    process.send?.({ error: String((e as Error).stack ?? e) });
    process.exit(1);
  });
  // Build the schema (introspection) before reporting ready, so no request pays for it.
  await pgl.getSchema();
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.send?.({ url: `http://127.0.0.1:${port}/graphql` });
  });
  process.once('SIGTERM', () => {
    server.close();
    void Promise.resolve(pgl.release()).finally(() => process.exit(0));
  });
}

main().catch((e) => {
  process.send?.({ error: String((e as Error).stack ?? e) });
  process.stderr.write(`postgraphile server failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
