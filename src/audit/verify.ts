import type { DataSource } from 'typeorm';

export const LOG_TABLES = ['disclosure_log', 'mutation_audit'] as const;

export interface ChainReport {
  log: (typeof LOG_TABLES)[number];
  records: number;
  /** The first record whose link or hash does not hold, or null when the chain is intact. */
  broken: { seq: string; id: string | null; problem: string } | null;
}

/** Check each log's hash chain from its anchor (the last purged record, or the start) to its head. */
export async function verifyLogs(ds: DataSource): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const log of LOG_TABLES) {
    const [broken] = await ds.query(`SELECT seq::text AS seq, id, problem FROM schakel_verify_log($1::regclass)`, [log]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${log}`);
    reports.push({ log, records: n, broken: broken ?? null });
  }
  return reports;
}

export const describeReport = (r: ChainReport) =>
  r.broken
    ? `${r.log}: BROKEN at record ${r.broken.seq}${r.broken.id ? ` (id ${r.broken.id})` : ''}: ${r.broken.problem}`
    : `${r.log}: ${r.records} records, chain intact`;

/** Remove records older than the retention (never a younger one); returns how many went. */
export async function purgeLogs(ds: DataSource, retention: string): Promise<number> {
  const [{ n }] = await ds.query(`SELECT schakel_purge_logs($1::interval)::int AS n`, [retention]);
  return n;
}
