/**
 * `npm run bench:import -- --rows 1000000`: bulk-import throughput and memory.
 *
 * A throw-away embedded PostgreSQL (or a database `schakel_bench_import` on DATABASE_URL, dropped after),
 * migrated and seeded with the demo data; a JSON-lines file of N rows generated on disk (per case: the case,
 * 3 subjects, 2 items each — 10 rows); the app started in this process; the import CLI run as a child
 * process (`node dist/src/cli/import.js`, per-row mode, results to a file) as sociaalteam.zeist. Reports
 * rows/s and the peak RSS (VmHWM) of the server process and of the CLI, and writes the "Bulk import"
 * section of docs/benchmarks.md (only that section; the rest of the file is left as it is).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanUp, runMain, type Cleanups } from './scaffold.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    mode: { type: 'string', default: 'per-row' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
  strict: true,
});

const BENCH_DB = 'schakel_bench_import';
const log = (m: string) => process.stderr.write(`${m}\n`);
const withDatabase = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

/** Peak resident set size (VmHWM) of a process, in MB; null when it has gone. */
function peakRssMb(pid: number | 'self'): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Write N rows: per case 1 case row, 3 subjects, 6 items (the last case may be cut short). */
async function generate(file: string, rows: number, collaborationId: string): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = async (obj: unknown) => {
    if (!out.write(`${JSON.stringify(obj)}\n`)) await once(out, 'drain');
  };
  let n = 0;
  const cats = ['FINANCE', 'HOUSING', 'PARTICIPATION', 'PERSON_CONTACT'];
  for (let c = 0; n < rows; c++) {
    const ck = `C-${c}`;
    await write({ kind: 'CASE', sourceSystem: 'bench', externalId: ck, collaborationId, reference: `BENCH-${c}`, caseKind: 'INDIVIDUAL', lifeDomains: ['WONEN'] });
    n++;
    for (let s = 0; s < 3 && n < rows; s++) {
      const sk = `${ck}-S${s}`;
      await write({ kind: 'SUBJECT', sourceSystem: 'bench', externalId: sk, caseExternalId: ck, roleInCase: s === 0 ? 'hoofdbewoner' : 'gezinslid' });
      n++;
      for (let i = 0; i < 2 && n < rows; i++) {
        await write({
          kind: 'INFORMATION_ITEM', sourceSystem: 'bench', externalId: `${sk}-I${i}`, caseExternalId: ck, subjectExternalId: sk,
          category: cats[(c + s + i) % cats.length], content: `Synthetisch gegeven ${c}/${s}/${i}: huurachterstand en schulden, budgetbeheer gestart.`,
        });
        n++;
      }
    }
  }
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const rows = Number(args.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows must be a whole number ≥ 1');
  if (!['per-row', 'all-or-nothing'].includes(args.mode!)) throw new Error('--mode per-row|all-or-nothing');
  const root = path.resolve(__dirname, '..', '..', '..');
  const outFile = path.resolve(root, args.out!);

  const { freePort, scratchDir, startEmbeddedPostgres } = await import('../db/embedded-postgres.js');
  const scratch = scratchDir('schakel-bench-import-');
  process.env.SCHAKEL_DATA_DIR = scratch;
  process.env.NODE_ENV ??= 'test';
  const { config } = await import('../config/config.js');
  const { dataSourceOptions } = await import('../../ormconfig.js');
  const { DataSource } = await import('typeorm');
  const { Client } = await import('pg');
  const { reseed } = await import('../seed/seed.js');
  const { startApp } = await import('../server/app.js');
  const { signDevToken } = await import('../auth/issuers.js');

  const cleanups: Cleanups = [];
  try {
    let url: string;
    const external = config().databaseUrl;
    if (external) {
      const admin = new Client({ connectionString: external });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${BENCH_DB}`);
      await admin.end();
      url = withDatabase(external, BENCH_DB);
      cleanups.push(async () => {
        const a = new Client({ connectionString: external });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
        await a.end();
      });
    } else {
      const port = await freePort();
      const server = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port, databases: [BENCH_DB], log });
      cleanups.push(() => server.stop());
      url = server.url(BENCH_DB);
      log(`embedded PostgreSQL on port ${port} in ${scratch}`);
    }
    const ds = await new DataSource({ ...dataSourceOptions(url), logging: false }).initialize();
    cleanups.push(() => ds.destroy());
    await ds.runMigrations({ transaction: 'each' });
    await reseed(ds);
    const [{ version }] = await ds.query(`SELECT current_setting('server_version') AS version`);
    const [{ id: zeist }] = await ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`);

    const file = path.join(scratch, 'import.jsonl');
    const t0 = Date.now();
    await generate(file, rows, zeist);
    const bytes = fs.statSync(file).size;
    log(`generated ${rows} rows (${(bytes / 1e6).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const app = await startApp(ds, { port: 0, limits: { perMemberPerMinute: 0, perClientPerMinute: 0 } });
    cleanups.push(() => app.stop());
    const token = await signDevToken('sociaalteam.zeist');
    const serverBefore = peakRssMb('self') ?? 0;

    const results = path.join(scratch, 'results.jsonl');
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [path.join(root, 'dist/src/cli/import.js'), '--file', file, '--url', app.url, '--token', token, '--purpose', 'ENDING_NUISANCE', '--mode', args.mode!, '--out', results],
      { stdio: ['ignore', 'inherit', 'pipe'] },
    );
    let cliPeak = 0;
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const sample = setInterval(() => {
      cliPeak = Math.max(cliPeak, peakRssMb(child.pid!) ?? 0);
      const done = fs.existsSync(results) ? fs.statSync(results).size : 0;
      process.stderr.write(`\r  ${((Date.now() - started) / 1000).toFixed(0)} s, ${(done / 1e6).toFixed(1)} MB of results, server peak RSS ${peakRssMb('self')?.toFixed(0)} MB, CLI ${cliPeak.toFixed(0)} MB   `);
    }, 1000);
    const [code] = (await once(child, 'close')) as [number];
    clearInterval(sample);
    const seconds = (Date.now() - started) / 1000;
    const serverPeak = peakRssMb('self') ?? 0;
    log(`\n${stderr.trim()}`);
    if (code !== 0) throw new Error(`the import CLI exited ${code}`);
    const [{ n: written }] = await ds.query(`SELECT ((SELECT count(*) FROM "case" WHERE source_system = 'bench') +
      (SELECT count(*) FROM subject WHERE source_system = 'bench') + (SELECT count(*) FROM information_item WHERE source_system = 'bench'))::int AS n`);
    const rate = rows / seconds;
    log(`${rows} rows in ${seconds.toFixed(1)} s = ${rate.toFixed(0)} rows/s; rows in the database: ${written}; server peak RSS ${serverPeak.toFixed(0)} MB (${serverBefore.toFixed(0)} MB before), CLI peak RSS ${cliPeak.toFixed(0)} MB`);

    const argv = process.argv.slice(2).join(' ');
    const section = [
      '## Bulk import',
      '',
      `Generated by \`npm run bench:import${argv ? ` -- ${argv}` : ''}\` (src/bench/import-bench.ts) on ${new Date().toISOString().slice(0, 10)}; rerun it rather than editing this section.`,
      '',
      '| rows | mode | seconds | rows/s | rows written | server peak RSS MB | CLI peak RSS MB | file MB |',
      '|---:|---|---:|---:|---:|---:|---:|---:|',
      `| ${rows} | ${args.mode} | ${seconds.toFixed(1)} | ${rate.toFixed(0)} | ${written} | ${serverPeak.toFixed(0)} | ${cliPeak.toFixed(0)} | ${(bytes / 1e6).toFixed(1)} |`,
      '',
      `The file: per case 1 case row, 3 subjects and 2 information items per subject (10 rows), all new, imported by`,
      `sociaalteam.zeist through the CLI (\`npm run import\`, JSON lines, results written to a file) to POST /import on`,
      `the app in the benchmark process, on PostgreSQL ${version} (${external ? 'DATABASE_URL server' : 'embedded'}); ${os.cpus().length} CPU cores`,
      `(${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node.js ${process.version}; the machine was shared`,
      'with other work while it ran. Peak RSS is each process\'s VmHWM (the server process also holds the DataSource and',
      `its pool; it was ${serverBefore.toFixed(0)} MB before the import). All rows go in one transaction on the request\'s`,
      'row-level-security session, in batches of 500: a batch\'s existing records are fetched in one statement per kind and source system,',
      'every row is checked as the upsert mutations check it, and the batch\'s new rows are written with one multi-row INSERT',
      'per table (a batch with a refused row is rolled back to its savepoint and run row by row). The audit trigger still',
      'writes one audit record per row and the outbox one event per row. The server reads the request body line by line as',
      'it processes it (the stream is paused meanwhile) and writes a result line per row, so neither side holds the file',
      'or the results.',
      '',
    ].join('\n');
    const existing = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '# Benchmarks\n';
    const re = /^## Bulk import\n[\s\S]*?(?=^## |(?![\s\S]))/m;
    const next = re.test(existing) ? existing.replace(re, `${section}\n`) : `${existing.trimEnd()}\n\n${section}`;
    fs.writeFileSync(outFile, next);
    log(`written to ${path.relative(process.cwd(), outFile)} (section "Bulk import")`);
  } finally {
    await cleanUp(cleanups, scratch, log);
  }
}

runMain(main);
