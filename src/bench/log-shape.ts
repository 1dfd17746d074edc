/**
 * `npm run bench:log-shape`: what one case list's disclosure records cost as the log writes them today (one record per
 * data subject) against one record per response, the design option of docs/benchmarks.md (issue 11). A measuring tool,
 * not a test, and no change to the log.
 *
 * On the data set of `npm run bench:data`: the app in this process answers one case list (50 cases, woonconsulent.zeist,
 * ENDING_NUISANCE), which writes its records to the log as always. Those records, read back by the response's trace id,
 * are then inserted again, N times per round, each INSERT in a transaction that is rolled back:
 * - **per subject**: as the log writes them (`insertDisclosureRecords`, the same statement, the same triggers);
 * - **per response**: one row in a prototype table created for the run and dropped after (`disclosure_response_shape`,
 *   with its own `log_chain` row): the ids of the subjects, cases and items as arrays (GIN indexes on the subjects and
 *   cases, as the per-subject log's readers would need), each subject's detail in one JSON document, the shared columns
 *   once, and the log's chain triggers (seq, prev_hash and a SHA-256 over the row's text form).
 * The two take turns (ABBA rounds). Prints per variant the medians of the PostgreSQL cluster's CPU per INSERT (from
 * /proc; only for the embedded cluster), of this process's CPU per INSERT (building and sending the parameters), of the
 * wall time, and the bytes sent.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openBenchInProcess, runMain } from './scaffold.js';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '6' },
    inserts: { type: 'string', default: '40' },
  },
  strict: true,
});

const PROTOTYPE = 'disclosure_response_shape';

/** The log's columns a record is written with (the triggers set seq, prev_hash and hash; the id has its default). */
const STORED = ['id', 'seq', 'prev_hash', 'hash'];

async function main(): Promise<void> {
  const rounds = Number(args.rounds);
  const inserts = Number(args.inserts);
  if (!Number.isInteger(rounds) || rounds < 2 || !Number.isInteger(inserts) || inserts < 1) throw new Error('--rounds ≥ 2 and --inserts ≥ 1, whole numbers');
  const { db, ds, close } = await openBenchInProcess(path.resolve(__dirname, '..', '..', '..'), 'log-shape');
  const { cpuMsBetween, cpuMsOfTree } = await import('./proc.js');
  const { startApp } = await import('../server/app.js');
  const { signDevToken } = await import('../auth/issuers.js');
  const { caseListQuery } = await import('./scenarios.js');
  const { insertDisclosureRecords } = await import('../audit/disclosure-recorder.js');
  const app = await startApp(ds, { port: 0, limits: { perMemberPerMinute: 0, perClientPerMinute: 0 }, webhooks: { pollMs: 0 } });
  const runner = ds.createQueryRunner();
  let created = false;
  try {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await signDevToken('woonconsulent.zeist')}`, 'x-schakel-purpose': 'ENDING_NUISANCE' },
      body: JSON.stringify({ query: caseListQuery(50) }),
    });
    await res.text();
    const traceId = res.headers.get('traceparent')?.split('-')[1];
    if (!traceId) throw new Error('bench:log-shape: the case list answered without a traceparent');
    const stored: Record<string, unknown>[] = await ds.query(`SELECT * FROM disclosure_log WHERE trace_id = $1 ORDER BY seq`, [traceId]);
    if (!stored.length) throw new Error(`bench:log-shape: no disclosure records for trace ${traceId}`);
    const records = stored.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !STORED.includes(k))));

    await runner.connect();
    await runner.query(`CREATE TABLE ${PROTOTYPE} (
      id uuid NOT NULL DEFAULT uuidv7() PRIMARY KEY, seq bigint NOT NULL UNIQUE,
      trace_id text NOT NULL, span_id text NOT NULL, parent_span_id text, name text NOT NULL, status text NOT NULL,
      start_time timestamptz NOT NULL, end_time timestamptz NOT NULL,
      recipient_organisation_id uuid NOT NULL, recipient_member_id uuid NOT NULL, purpose text,
      subject_ids uuid[] NOT NULL, case_ids uuid[] NOT NULL, item_ids uuid[] NOT NULL, subjects jsonb NOT NULL, policy_version text,
      prev_hash text NOT NULL, hash text NOT NULL)`);
    created = true;
    await runner.query(`CREATE INDEX ON ${PROTOTYPE} USING gin (subject_ids)`);
    await runner.query(`CREATE INDEX ON ${PROTOTYPE} USING gin (case_ids)`);
    await runner.query(`CREATE INDEX ON ${PROTOTYPE} (recipient_organisation_id, start_time)`);
    await runner.query(`CREATE INDEX ON ${PROTOTYPE} (start_time)`);
    await runner.query(`INSERT INTO log_chain (name, seq, hash, anchor_seq, anchor_hash, row_text_from) VALUES ($1, 0, repeat('0', 64), 0, repeat('0', 64), 1)`, [PROTOTYPE]);
    await runner.query(`CREATE TRIGGER ${PROTOTYPE}_chain_begin BEFORE INSERT ON ${PROTOTYPE} FOR EACH STATEMENT EXECUTE FUNCTION schakel_log_chain_begin()`);
    await runner.query(`CREATE TRIGGER ${PROTOTYPE}_chain BEFORE INSERT ON ${PROTOTYPE} FOR EACH ROW EXECUTE FUNCTION schakel_log_chain()`);
    await runner.query(`CREATE TRIGGER ${PROTOTYPE}_chain_end AFTER INSERT ON ${PROTOTYPE} FOR EACH STATEMENT EXECUTE FUNCTION schakel_log_chain_end()`);

    const first = records[0];
    const ids = (key: string) => `{${records.map((r) => r[key]).join(',')}}`;
    const perResponse = (): unknown[] => [
      first.trace_id, first.span_id, first.parent_span_id, first.name, first.status, first.start_time, first.end_time,
      first.recipient_organisation_id, first.recipient_member_id, first.purpose, first.policy_version,
      ids('subject_id'),
      `{${[...new Set(records.map((r) => r.case_id))].join(',')}}`,
      `{${records.flatMap((r) => r.item_ids as string[]).join(',')}}`,
      JSON.stringify(
        records.map((r) => ({
          subject: r.subject_id, case: r.case_id, collaboration: r.collaboration_id, activity: r.processing_activity_id, pseudonym: r.data_subject_id,
          disclosed: r.categories_disclosed, items: r.item_ids, denied: r.denial_reasons, ground: r.legal_ground, art20: r.art20_decision_ids,
        })),
      ),
    ];
    const perResponseSql = `INSERT INTO ${PROTOTYPE} (trace_id, span_id, parent_span_id, name, status, start_time, end_time,
        recipient_organisation_id, recipient_member_id, purpose, policy_version, subject_ids, case_ids, item_ids, subjects, seq, prev_hash, hash)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::uuid[], $13::uuid[], $14::uuid[], $15::jsonb, 0, '', '')`;
    let sentPerSubject = 0;
    let sentPerResponse = 0;
    const rolledBack = async (write: () => Promise<void>) => {
      await runner.query('BEGIN');
      try {
        await write();
      } finally {
        await runner.query('ROLLBACK');
      }
    };
    const variants: Record<string, () => Promise<void>> = {
      'per subject (as the log writes them)': () =>
        rolledBack(() => insertDisclosureRecords({ query: (sql: string, params?: unknown[]) => ((sentPerSubject = String(params?.[0]).length), runner.query(sql, params)) }, records)),
      'per response (prototype)': () =>
        rolledBack(async () => {
          const params = perResponse();
          sentPerResponse = params.reduce<number>((n, p) => n + String(p).length, 0);
          await runner.query(perResponseSql, params);
        }),
    };
    const names = Object.keys(variants);
    for (const name of names) for (let i = 0; i < 10; i++) await variants[name]();
    const measured = new Map(names.map((n) => [n, { pg: [] as number[], client: [] as number[], wall: [] as number[] }]));
    for (let r = 0; r < rounds; r++) {
      for (const name of r % 2 ? [...names].reverse() : names) {
        const pg0 = cpuMsOfTree(db.postmasterPid);
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        for (let i = 0; i < inserts; i++) await variants[name]();
        const cpu = process.cpuUsage(cpu0);
        const m = measured.get(name)!;
        m.wall.push((performance.now() - t0) / inserts);
        m.client.push((cpu.user + cpu.system) / 1000 / inserts);
        m.pg.push(cpuMsBetween(pg0, cpuMsOfTree(db.postmasterPid)) / inserts);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)} ms` : '–');
    process.stdout.write(`one case list's disclosure records: ${records.length} subjects, ${new Set(records.map((r) => r.case_id)).size} cases; ${rounds} rounds of ${inserts} INSERTs each, rolled back\n`);
    for (const [name, m] of measured) {
      process.stdout.write(
        `${name}: PostgreSQL CPU ${ms(median(m.pg))} (rounds ${m.pg.map((x) => (Number.isFinite(x) ? x.toFixed(1) : '–')).join(', ')}), ` +
          `this process's CPU ${ms(median(m.client))}, wall ${ms(median(m.wall))} per INSERT; ` +
          `${((name.startsWith('per subject') ? sentPerSubject : sentPerResponse) / 1024).toFixed(0)} KiB of parameters\n`,
      );
    }
  } finally {
    if (created) {
      await runner.query(`DROP TABLE ${PROTOTYPE}`);
      await runner.query(`DELETE FROM log_chain WHERE name = $1`, [PROTOTYPE]);
    }
    await runner.release();
    await app.stop();
    await close();
  }
}

runMain(main);
