import type { Logger, QueryRunner } from 'typeorm';

/** What kind of statement it is, by its first keyword. */
export type StatementKind = 'select' | 'insert' | 'update' | 'delete' | 'transaction' | 'other';

export interface StatementCounts {
  total: number;
  byKind: Record<StatementKind, number>;
}

function kindOf(sql: string): StatementKind {
  const w = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  if (w === 'SELECT' || w === 'WITH') return 'select';
  if (w === 'INSERT') return 'insert';
  if (w === 'UPDATE') return 'update';
  if (w === 'DELETE') return 'delete';
  if (['START', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'SET'].includes(w)) return 'transaction';
  return 'other';
}

/**
 * Counts every SQL statement the application sends, as a TypeORM custom Logger (the `logger` option of
 * the benchmark's DataSource). TypeORM calls `logQuery` for every statement a query runner executes —
 * repository and query-builder reads, `ds.query`, and the START TRANSACTION / COMMIT of a transaction —
 * whether or not logging is on, so nothing in the application changes to be counted. Statements run
 * by triggers inside PostgreSQL are not round trips and are not counted. Never logs text or parameters.
 */
export class SqlCounter implements Logger {
  private counts: StatementCounts = SqlCounter.empty();

  static empty(): StatementCounts {
    return { total: 0, byKind: { select: 0, insert: 0, update: 0, delete: 0, transaction: 0, other: 0 } };
  }

  logQuery(query: string, _parameters?: unknown[], _qr?: QueryRunner): void {
    this.counts.total++;
    this.counts.byKind[kindOf(query)]++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}

  /** The counts so far (a copy). */
  snapshot(): StatementCounts {
    return { total: this.counts.total, byKind: { ...this.counts.byKind } };
  }

  /** What was counted since `before`. */
  since(before: StatementCounts): StatementCounts {
    const now = this.snapshot();
    const byKind = { ...now.byKind };
    for (const k of Object.keys(byKind) as StatementKind[]) byKind[k] -= before.byKind[k];
    return { total: now.total - before.total, byKind };
  }
}
