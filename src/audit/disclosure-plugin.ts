import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
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

async function writeOrWithhold(ctx: Context, response: GraphQLResponse, operationName: string | null, log: (msg: string) => void) {
  if (response.body.kind !== 'single') return;
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
