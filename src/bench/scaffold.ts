import fs from 'node:fs';

/** What a benchmark started and must stop, newest first when cleaned up. */
export type Cleanups = (() => Promise<unknown>)[];

/** Undo what a benchmark started, newest first (a failing step is logged and the rest still run), then remove its scratch dir. */
export async function cleanUp(cleanups: Cleanups, scratch: string, log: (m: string) => void): Promise<void> {
  for (const c of cleanups.reverse()) await c().catch((e) => log(`cleanup: ${(e as Error).message}`));
  fs.rmSync(scratch, { recursive: true, force: true });
}

/** Run a benchmark script's main: a failure is printed with its stack and the exit code is 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((e) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}

/**
 * The V8 flags `npm start` gives the server (as in package.json's start script): the heap limit SCHAKEL_HEAP_MB (1536) and
 * the young generation's semi-space SCHAKEL_SEMI_SPACE_MB (32), both in MB.
 */
export const serverV8Flags = (): string[] => [
  `--max-old-space-size=${Number(process.env.SCHAKEL_HEAP_MB || 1536)}`,
  `--max-semi-space-size=${Number(process.env.SCHAKEL_SEMI_SPACE_MB || 32)}`,
];

/**
 * The bench database of `npm run bench:data`, migrated, and a DataSource on it, in this process (bench:probe, bench:log-shape):
 * test mode with development tokens unless NODE_ENV says otherwise, and a scratch data dir for the app. `close` stops
 * both and removes the scratch dir. Imported late, so that the environment is set before the config is read.
 */
export async function openBenchInProcess(root: string, name: string) {
  process.env.NODE_ENV ??= 'test';
  const { scratchDir } = await import('../db/embedded-postgres.js');
  const scratch = scratchDir(`schakel-bench-${name}-`);
  process.env.SCHAKEL_DATA_DIR = scratch;
  const { openBenchDatabase } = await import('./bench-db.js');
  const { dataSourceOptions } = await import('../../ormconfig.js');
  const { DataSource } = await import('typeorm');
  const db = await openBenchDatabase(root, undefined, (m) => process.stderr.write(`${m}\n`));
  const ds = await new DataSource({ ...dataSourceOptions(db.url), logging: false }).initialize();
  // The data set may predate the code's latest migrations (as `npm run bench` does when it reuses it).
  await ds.runMigrations({ transaction: 'each' });
  return {
    db,
    ds,
    close: async () => {
      await ds.destroy();
      await db.stop();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}
