import { once } from 'node:events';
import type { Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import split2 from 'split2';
import type { DataSource } from 'typeorm';
import { authenticate, type Principal } from '../auth/authenticate.js';
import type { TrustedIssuer } from '../auth/issuers.js';
import type { Clock } from '../common/clock.js';
import { appError, badInput, ErrorCode, forbidden } from '../common/errors.js';
import { BAD_JSON, IMPORT_BATCH, runImport } from '../domain/integration/import.service.js';
import { ImportMode } from '../domain/integration/integration.inputs.js';
import type { PolicyRegistry } from '../policy/policy-store.js';
import { createContext } from './context.js';

/** The longest NDJSON line POST /import takes (an item's content is at most 10,000 characters). */
export const MAX_IMPORT_LINE = 256 * 1024;
const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines'];

/** A line over MAX_IMPORT_LINE: the client's error, which ends the import. */
class LineTooLong extends Error {}

const STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.RATE_LIMITED]: 429,
};

function sendError(res: Response, e: unknown): void {
  if (e instanceof GraphQLError) {
    const http = e.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
    for (const [k, v] of http?.headers ?? []) res.setHeader(k, v);
    const { http: _h, ...extensions } = e.extensions;
    res.status(http?.status ?? STATUS[String(extensions.code)] ?? 400).json({ errors: [{ message: e.message, extensions }] });
    return;
  }
  process.stderr.write(`[schakel] import: ${(e as Error)?.stack ?? String(e)}\n`);
  res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
}

function modeOf(req: Request): ImportMode {
  const m = req.query.mode ?? 'per-row';
  if (m === 'per-row') return ImportMode.PER_ROW;
  if (m === 'all-or-nothing') return ImportMode.ALL_OR_NOTHING;
  throw badInput('mode', 'per-row or all-or-nothing');
}

/**
 * POST /import?mode=per-row|all-or-nothing: a bulk import of any size as NDJSON (one ImportRecordInput-shaped
 * JSON object per line; enum values by name). Authenticated as GraphQL requests are (bearer token, purpose
 * header, rate limit; service accounts need the `import` scope). The body is read line by line as the rows
 * are processed — the request stream is paused while the database works — inside one transaction on the
 * request's own session (row-level security). The response streams one NDJSON result per row and last a
 * `{"summary": …}` line; ALL_OR_NOTHING rolls back at the end when a row was rejected (`committed: false`).
 */
export function importRoute(opts: {
  ds: DataSource;
  issuers: TrustedIssuer[];
  policies: PolicyRegistry;
  clock: Clock;
  purposeHeader: string;
  rateLimit: (principal: Principal, operations: number) => Promise<void>;
}): RequestHandler {
  return async (req, res) => {
    let ctx: Awaited<ReturnType<typeof createContext>>;
    let mode: ImportMode;
    try {
      const now = opts.clock();
      const principal = await authenticate(req.headers.authorization, opts.issuers, opts.ds);
      await opts.rateLimit(principal, 1);
      if (principal.scopes && !principal.scopes.includes('import')) {
        throw forbidden('This service account lacks the scope for imports', { reason: 'MISSING_SCOPE', scope: 'import' });
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!NDJSON_TYPES.includes(type)) {
        throw appError(ErrorCode.BAD_USER_INPUT, 'Content-Type must be application/x-ndjson', { http: { status: 415 }, field: 'content-type' });
      }
      mode = modeOf(req);
      ctx = await createContext(opts.ds, principal, opts.policies, {
        purpose: req.header(opts.purposeHeader)?.trim() || null,
        traceparent: req.header('traceparent'),
        now,
      });
    } catch (e) {
      req.resume();
      sendError(res, e);
      return;
    }
    res.status(200).setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    // One listener for the caller going away, not one per wait for the buffer to drain.
    const closed = once(res, 'close');
    closed.catch(() => undefined);
    const write = async (obj: unknown) => {
      if (!res.write(`${JSON.stringify(obj)}\n`)) await Promise.race([once(res, 'drain'), closed]);
      if (res.destroyed) throw new Error('client went away');
    };
    try {
      const lines = req.pipe(split2({ maxLength: MAX_IMPORT_LINE }));
      req.once('error', (e) => lines.destroy(e));
      // The body flows in while the transaction starts: a line over the limit may fail the stream before the loop
      // below reads it. Without a listener then, the error escaped into the HTTP parser (a bare 400, no NDJSON);
      // the loop still meets it, as the stream's error.
      lines.on('error', () => undefined);
      const imp = await runImport(ctx, mode, async (imp) => {
        // Up to IMPORT_BATCH rows at a time; while a batch is worked on, the request stream waits.
        let batch: unknown[] = [];
        const flush = async () => {
          for (const r of await imp.batch(batch, true)) await write(r);
          batch = [];
        };
        for await (const line of lines as AsyncIterable<string>) {
          // split2 measures only a line still unfinished at the end of a chunk: one that arrives whole is measured here.
          if (line.length > MAX_IMPORT_LINE) throw new LineTooLong();
          if (!line.trim()) continue;
          try {
            batch.push(JSON.parse(line));
          } catch {
            batch.push(BAD_JSON);
          }
          if (batch.length >= IMPORT_BATCH) await flush();
        }
        if (batch.length) await flush();
      });
      await write({ summary: imp.summary() });
    } catch (e) {
      // Nothing was committed (the transaction rolled back); say so on the stream, whose status is sent already.
      // A line over the limit is the client's: QUERY_LIMIT_EXCEEDED (limit: line), as a body over the limit is.
      const tooLong = e instanceof LineTooLong || (e as Error)?.message?.includes('maximum buffer');
      if (!tooLong) process.stderr.write(`[schakel] import: ${(e as Error)?.stack ?? String(e)}\n`);
      const error = tooLong
        ? { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: 'line', message: `a line is longer than ${MAX_IMPORT_LINE} characters; nothing was written` }
        : { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'the import failed; nothing was written' };
      if (!res.destroyed) res.write(`${JSON.stringify({ error, summary: null })}\n`);
    } finally {
      res.end();
      await ctx.release();
    }
  };
}
