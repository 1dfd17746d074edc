/**
 * One Schakel server under load, in a process of its own (forked by run.ts), so that its RSS is one server's
 * and its event loop is its own. Settings from the environment: BENCH_DB_URL, BENCH_DB_POOL (pool size),
 * BENCH_FIELD_POLICY (`on` | `off`), BENCH_DISCLOSURE_LOG (`on` | `off`: the log-off variant); run.ts starts it in production
 * mode (NODE_ENV=production) with the benchmark's token issuers (SCHAKEL_ISSUERS_FILE, see bench-issuer.ts). As in the
 * benchmark's in-process servers: rate limits and the webhook worker off.
 * Reports `{ url }` (or `{ error }`) over IPC once listening; stops on SIGTERM.
 */
async function main(): Promise<void> {
  const { dataSourceOptions } = await import('../../ormconfig.js');
  const { DataSource } = await import('typeorm');
  const { startApp } = await import('../server/app.js');
  const base = dataSourceOptions(process.env.BENCH_DB_URL!);
  const ds = await new DataSource({
    ...base,
    logging: false,
    extra: { ...(base.extra as object), max: Number(process.env.BENCH_DB_POOL ?? 24) },
  } as typeof base).initialize();
  const app = await startApp(ds, {
    port: 0,
    host: '127.0.0.1',
    disclosureLog: process.env.BENCH_DISCLOSURE_LOG !== 'off',
    fieldPolicy: process.env.BENCH_FIELD_POLICY !== 'off',
    limits: { perMemberPerMinute: 0, perClientPerMinute: 0 },
    webhooks: { pollMs: 0 },
  });
  process.send?.({ url: `${app.url}/graphql` });
  process.once('SIGTERM', () => {
    void app.stop().then(() => ds.destroy()).finally(() => process.exit(0));
  });
}

main().catch((e) => {
  process.send?.({ error: String((e as Error).stack ?? e) });
  process.exit(1);
});
