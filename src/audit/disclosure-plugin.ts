import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../common/errors.js';
import type { Context } from '../server/context.js';
import { traceparentOf } from './trace.js';

/**
 * Writes the disclosure log of each response before it is sent (O12, O34): one record per data subject.
 * Fail closed: when the log cannot be written, the response carries no data, only an error.
 */
export function disclosureLogPlugin(log: (msg: string) => void = (m) => process.stderr.write(`${m}\n`)): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue: ctx, response, operationName }) {
          if (ctx.trace) response.http.headers.set('traceparent', traceparentOf(ctx.trace));
          if (!ctx.disclosures?.size || response.body.kind !== 'single') return;
          try {
            // One INSERT, atomic by itself; awaited, so the response leaves only once the records are written.
            await ctx.disclosures.write(ctx.db, {
              principal: ctx.principal,
              trace: ctx.trace,
              purpose: ctx.access.purpose,
              operationName: operationName ?? null,
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
        },
      };
    },
  };
}
