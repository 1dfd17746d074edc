import path from 'node:path';

/**
 * The environment, read and validated once. Every variable here is documented in the README's
 * configuration table; nothing else in the code reads process.env.
 */
export interface Config {
  /** production | development | test */
  env: string;
  host: string;
  port: number;
  /** An external PostgreSQL server. When unset, Schakel runs its own embedded PostgreSQL. */
  databaseUrl?: string;
  /** Where the embedded cluster and development keys live. */
  dataDir: string;
  /** Port of the embedded PostgreSQL server. */
  embeddedPgPort: number;
  /** JSON file listing trusted token issuers (per partner identity provider). */
  issuersFile?: string;
  /** Folder of the access policy files (default: policies/ of the project). */
  policyDir?: string;
  /** Log SQL statements (development aid). */
  logSql: boolean;
  /** How long disclosure and audit records are kept at least (a PostgreSQL interval, e.g. "5 years"). */
  logRetention: string;
  /**
   * How long a finished (de-escalated, referred or closed) case's remaining dossier is kept before it is
   * removed for real by `npm run retention:apply` (O30, O38); a PostgreSQL interval, default "2 years".
   */
  caseRetention: string;
}

function retentionFrom(raw: string | undefined, fallback = '5 years', name = 'SCHAKEL_LOG_RETENTION'): string {
  const v = (raw ?? '').trim() || fallback;
  if (!/^\d{1,4} (years?|months?|days?)$/.test(v)) {
    throw new Error(`Configuration: ${name} must be like "5 years", "60 months" or "1826 days", got "${raw}"`);
  }
  return v;
}

function intFrom(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`Configuration: ${name} must be an integer port number, got "${raw}"`);
  }
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  return {
    env: nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: intFrom('PORT', env.PORT, 4000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.SCHAKEL_DATA_DIR || '.data'),
    embeddedPgPort: intFrom('SCHAKEL_PG_PORT', env.SCHAKEL_PG_PORT, 54329),
    issuersFile: env.SCHAKEL_ISSUERS_FILE || undefined,
    policyDir: env.SCHAKEL_POLICY_DIR ? path.resolve(env.SCHAKEL_POLICY_DIR) : undefined,
    logSql: env.SCHAKEL_LOG_SQL === '1' || env.SCHAKEL_LOG_SQL === 'true',
    logRetention: retentionFrom(env.SCHAKEL_LOG_RETENTION),
    caseRetention: retentionFrom(env.SCHAKEL_CASE_RETENTION, '2 years', 'SCHAKEL_CASE_RETENTION'),
  };
}

let cached: Config | undefined;
/** The process-wide configuration (read on first use). */
export function config(): Config {
  cached ??= readConfig();
  return cached;
}
