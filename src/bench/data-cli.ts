/**
 * `npm run bench:data -- --cases 100000 [--seed N] [--force]`: generate the benchmark's data set into the
 * persistent bench database (bench-db.ts) and exit. An existing data set of the same size, seed and
 * generator version is kept (`--force` regenerates it anyway). `npm run bench` uses it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scratchDir } from '../db/embedded-postgres.js';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20260101' },
    force: { type: 'boolean', default: false },
  },
  strict: true,
});

const log = (m: string) => process.stderr.write(`${m}\n`);

function wholeNumber(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number ≥ 0, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const cases = wholeNumber('cases', args.cases);
  const seed = wholeNumber('seed', args.seed);
  const root = path.resolve(__dirname, '..', '..', '..');
  // As the benchmark: the development signing key goes to a scratch dir, set before config is read.
  const scratch = scratchDir('schakel-bench-data-');
  process.env.SCHAKEL_DATA_DIR = scratch;
  process.env.NODE_ENV ??= 'test';
  const { config } = await import('../config/config.js');
  const { openBenchDatabase, ensureBenchData } = await import('./bench-db.js');
  const db = await openBenchDatabase(root, config().databaseUrl, log);
  try {
    log(`bench database: ${db.where}`);
    const { data, generated, millis } = await ensureBenchData(db, { cases, seed, force: args.force }, log);
    const s = data.summary;
    process.stdout.write(
      `${generated ? 'generated' : 'kept'}: ${s.cases} cases (${Object.entries(s.casesPerCollaboration).map(([k, n]) => `${k} ${n}`).join(', ')}), ` +
        `${s.subjects} subjects, ${s.participants} participations, ${s.items} items, seed ${data.seed}` +
        `${generated ? ` in ${(millis / 1000).toFixed(1)} s` : ''}\n`,
    );
  } finally {
    await db.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench:data failed: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
