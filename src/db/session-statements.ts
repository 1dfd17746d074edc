import { createHash } from 'node:crypto';
import { QueryFailedError, QueryResult, QueryRunnerAlreadyReleasedError, type QueryRunner } from 'typeorm';

/**
 * How a request session sends its statements (issue 11). A request's DataLoaders batch in parallel on its one
 * connection; pg 8 queues such calls itself but deprecates it ("client.query() when the client is already
 * executing a query", removed in pg 9), so they wait their turn here instead, in the order they were made.
 *
 * Reads with parameters go as named prepared statements, up to `prepareLimit` per connection: PostgreSQL then
 * parses, applies row-level security to and plans a page's reads once per connection instead of once per request
 * (the case page's plan alone took 2 ms). The name is a hash of the text, so the same read finds its statement
 * on every connection that has run it; the limit bounds what a connection keeps when statement texts vary
 * (an IN list of another length is another text). Beyond it, and with a limit of 0 (e.g. behind a pooler in
 * transaction mode, which cannot keep a statement on one connection), reads go unnamed as before.
 */
export function sessionStatements(qr: QueryRunner, prepareLimit: number): void {
  const plain = qr.query.bind(qr) as Query;
  let last: Promise<unknown> = Promise.resolve();
  qr.query = ((query: string, parameters?: unknown[], structured?: boolean) => {
    const run = last.then(() =>
      prepareLimit > 0 && parameters?.length && READ.test(query) ? prepared(qr, query, parameters, structured, prepareLimit, plain) : plain(query, parameters, structured),
    );
    last = run.catch(() => undefined);
    return run;
  }) as QueryRunner['query'];
}

/** QueryRunner.query without its overloads. */
type Query = (query: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;

const READ = /^\s*(SELECT|WITH)\b/i;

/** The names of the statements prepared on each pooled connection (a pg Client): they live as long as it does. */
const preparedOn = new WeakMap<object, Set<string>>();

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/** As TypeORM's PostgresQueryRunner.query runs a statement (logged, same result, same error), but named. */
async function prepared(
  qr: QueryRunner,
  text: string,
  values: unknown[],
  structured: boolean | undefined,
  limit: number,
  plain: Query,
): Promise<unknown> {
  if (qr.isReleased) throw new QueryRunnerAlreadyReleasedError();
  const client = (await qr.connect()) as PgClient;
  let names = preparedOn.get(client);
  if (!names) preparedOn.set(client, (names = new Set()));
  const name = `schakel_${createHash('sha1').update(text).digest('base64url')}`;
  if (!names.has(name)) {
    if (names.size >= limit) return plain(text, values, structured);
    // Counted when first sent; pg itself knows whether the connection has parsed it (a failed Parse is sent again).
    names.add(name);
  }
  const logger = qr.connection.logger;
  logger.logQuery(text, values, qr);
  let raw: { rows: unknown[]; rowCount: number | null };
  try {
    raw = await client.query({ name, text, values });
  } catch (err) {
    logger.logQueryError(err as Error, text, values, qr);
    throw new QueryFailedError(text, values, err as Error);
  }
  if (!structured) return raw.rows;
  const result = new QueryResult();
  result.records = raw.rows;
  result.affected = raw.rowCount ?? undefined;
  result.raw = raw.rows;
  return result;
}

/**
 * What a request session's release resets: everything `DISCARD ALL` resets (the role and settings that carry the
 * principal, cursors, listeners, advisory locks, temporary tables, sequence caches) except the prepared
 * statements and cached plans, which hold no principal: a plan re-checks row-level security under the role and
 * settings of each execution. Nothing may DISCARD ALL or DEALLOCATE on a pooled connection: pg would then name
 * statements the server no longer has.
 */
export const RESET_SESSION = 'RESET ROLE; RESET ALL; CLOSE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES';
