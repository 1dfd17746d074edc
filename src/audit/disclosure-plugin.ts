import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { ErrorCode } from '../common/errors.js';
import type { Context } from '../server/context.js';
import { traceparentOf } from './trace.js';

/**
 * Writes the disclosure log of each response before it is sent (O12, O34): one record per data subject.
 * Fail closed: when the log cannot be written, the response carries no data, only an error.
 * `write: false` only for the benchmark's log-off variant.
 */
export function disclosureLogPlugin(opts: { write?: boolean; log?: (msg: string) => void } = {}): ApolloServerPlugin<Context> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue: ctx, response, operationName }) {
          if (ctx.trace) response.http.headers.set('traceparent', traceparentOf(ctx.trace));
          if (opts.write !== false && ctx.disclosures?.size) await writeOrWithhold(ctx, response, operationName ?? null, log);
        },
      };
    },
  };
}

/** An answer serialized before its disclosure records were written (see writeOrWithhold); `stringifyAnswer` sends it as it is. */
class SerializedAnswer {
  constructor(readonly json: string) {}
}

/** Apollo's stringifyResult: an answer serialized already as it is, any other as JSON (compact). */
export function stringifyAnswer(value: FormattedExecutionResult): string {
  return value.data instanceof SerializedAnswer ? value.data.json : JSON.stringify(value);
}

async function writeOrWithhold(ctx: Context, response: GraphQLResponse, operationName: string | null, log: (msg: string) => void) {
  if (response.body.kind !== 'single') return;
  const result = response.body.singleResult;
  // Serialized now, as Apollo would (errors, data, extensions), and held as one string: while the request waits for its
  // records to be written (all writers take the chain head's lock in turn), its result graph is garbage instead of tens of
  // thousands of live objects that every garbage collection meanwhile has to copy (issue 11). Still sent only once written.
  const json = JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions });
  Object.assign(result, { data: new SerializedAnswer(json), errors: undefined, extensions: undefined });
  try {
    // One INSERT, atomic by itself; awaited, so the response leaves only once the records are written.
    await ctx.disclosures.write(ctx.db, {
      principal: ctx.principal,
      trace: ctx.trace,
      purpose: ctx.access.purpose,
      operationName,
      loaders: ctx.loaders,
      collaborationSlug: (caseId) => ctx.access.collaborationSlug(caseId),
      endTime: new Date(),
    });
  } catch (e) {
    log(`disclosure log unavailable (trace ${ctx.trace.traceId}): ${(e as Error).message}`);
    response.body.singleResult.data = null;
    response.body.singleResult.errors = [
      {
        message: 'The disclosure log cannot be written; no personal data is sent',
        extensions: { code: ErrorCode.DISCLOSURE_LOG_UNAVAILABLE, traceId: ctx.trace.traceId },
      },
    ];
    response.http.status = 503;
  }
}
