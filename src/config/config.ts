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
  /** Database connections of the pool: each request in flight holds one (its row-level-security session). */
  dbPoolSize: number;
  /** Reads each pooled connection keeps as named prepared statements (0: none, e.g. behind a pooler in transaction mode). */
  preparedStatements: number;
  /** Query and request limits (issue 9: hostile queries). */
  limits: Limits;
  /** The change feed's delivery worker (issue 10, item 3). */
  webhooks: WebhookSettings;
}

/** How the delivery worker sends webhooks. */
export interface WebhookSettings {
  /** How often the worker looks for due deliveries, in ms; 0 = no worker in this process. */
  pollMs: number;
  /** Attempts before a delivery is marked FAILED. */
  maxAttempts: number;
  /** The first retry's delay, in ms; doubled per attempt (exponential backoff) … */
  backoffMs: number;
  /** … up to this delay, in ms. */
  maxBackoffMs: number;
  /** How long one POST may take, in ms (then it counts as a failed attempt). */
  timeoutMs: number;
  /** Deliveries claimed per round. */
  batch: number;
  /** How long change-feed events are kept once no delivery of them is pending (a PostgreSQL interval). */
  retention: string;
  /** The only hosts webhooks may be registered for and sent to (names, *.domains, addresses, networks); empty = any. */
  allowedHosts: string[];
}

/** What one request may ask; a request over a limit is refused before anything runs. */
export interface Limits {
  /** Deepest selection nesting of an operation. */
  depth: number;
  /** graphql-armor cost (objects 2, scalars 1, times 1.5 per level). */
  cost: number;
  /** Aliased fields per operation. */
  aliases: number;
  /** Directives per operation. */
  directives: number;
  /** Lexical tokens per document (checked while parsing). */
  tokens: number;
  /** Operations per batched HTTP request; 0 or 1 = batching off. */
  batch: number;
  /** Largest JSON body, in bytes. */
  bodyBytes: number;
  /** Requests per minute per member (a service account is a member); 0 = no limit. */
  perMemberPerMinute: number;
  /** Requests per minute per client application (token `client_id`/`azp`); 0 = no limit. */
  perClientPerMinute: number;
  /**
   * GraphQL requests this process works on at once; later ones wait their turn (first come, first served).
   * Bounds the memory of many large answers in flight; 0 = no bound.
   */
  concurrent: number;
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

function countFrom(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Configuration: ${name} must be a whole number ≥ 0, got "${raw}"`);
  return n;
}

/** `512kb`, `1mb` or a number of bytes. */
function bytesFrom(name: string, raw: string | undefined, fallback: number): number {
  const m = /^(\d+)\s*(b|kb|mb)?$/i.exec((raw ?? '').trim());
  if (!raw?.trim()) return fallback;
  if (!m || Number(m[1]) === 0) throw new Error(`Configuration: ${name} must be like "1mb", "512kb" or a number of bytes, got "${raw}"`);
  return Number(m[1]) * ({ b: 1, kb: 1024, mb: 1024 * 1024 }[(m[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb']);
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
    dbPoolSize: Math.max(2, intFrom('SCHAKEL_DB_POOL_SIZE', env.SCHAKEL_DB_POOL_SIZE, 20)),
    preparedStatements: countFrom('SCHAKEL_PREPARED_STATEMENTS', env.SCHAKEL_PREPARED_STATEMENTS, 64),
    limits: {
      depth: countFrom('SCHAKEL_MAX_DEPTH', env.SCHAKEL_MAX_DEPTH, 10),
      cost: countFrom('SCHAKEL_MAX_COST', env.SCHAKEL_MAX_COST, 50000),
      aliases: countFrom('SCHAKEL_MAX_ALIASES', env.SCHAKEL_MAX_ALIASES, 20),
      directives: countFrom('SCHAKEL_MAX_DIRECTIVES', env.SCHAKEL_MAX_DIRECTIVES, 10),
      tokens: countFrom('SCHAKEL_MAX_TOKENS', env.SCHAKEL_MAX_TOKENS, 2000),
      batch: countFrom('SCHAKEL_MAX_BATCH', env.SCHAKEL_MAX_BATCH, 0),
      bodyBytes: bytesFrom('SCHAKEL_BODY_LIMIT', env.SCHAKEL_BODY_LIMIT, 1024 * 1024),
      perMemberPerMinute: countFrom('SCHAKEL_RATE_LIMIT', env.SCHAKEL_RATE_LIMIT, 300),
      perClientPerMinute: countFrom('SCHAKEL_CLIENT_RATE_LIMIT', env.SCHAKEL_CLIENT_RATE_LIMIT, 3000),
      concurrent: countFrom('SCHAKEL_MAX_CONCURRENT', env.SCHAKEL_MAX_CONCURRENT, 4),
    },
    caseRetention: retentionFrom(env.SCHAKEL_CASE_RETENTION, '2 years', 'SCHAKEL_CASE_RETENTION'),
    webhooks: {
      pollMs: countFrom('SCHAKEL_WEBHOOK_POLL_MS', env.SCHAKEL_WEBHOOK_POLL_MS, 1000),
      maxAttempts: Math.max(1, countFrom('SCHAKEL_WEBHOOK_MAX_ATTEMPTS', env.SCHAKEL_WEBHOOK_MAX_ATTEMPTS, 10)),
      backoffMs: countFrom('SCHAKEL_WEBHOOK_BACKOFF_MS', env.SCHAKEL_WEBHOOK_BACKOFF_MS, 5000),
      maxBackoffMs: countFrom('SCHAKEL_WEBHOOK_MAX_BACKOFF_MS', env.SCHAKEL_WEBHOOK_MAX_BACKOFF_MS, 3_600_000),
      timeoutMs: Math.max(1, countFrom('SCHAKEL_WEBHOOK_TIMEOUT_MS', env.SCHAKEL_WEBHOOK_TIMEOUT_MS, 10_000)),
      batch: 50,
      retention: retentionFrom(env.SCHAKEL_OUTBOX_RETENTION, '30 days', 'SCHAKEL_OUTBOX_RETENTION'),
      allowedHosts: (env.SCHAKEL_WEBHOOK_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    },
  };
}

let cached: Config | undefined;
/** The process-wide configuration (read on first use). */
export function config(): Config {
  cached ??= readConfig();
  return cached;
}
