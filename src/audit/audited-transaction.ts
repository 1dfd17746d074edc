import type { EntityManager } from 'typeorm';
import type { Context } from '../server/context.js';

/**
 * Run a mutation in one transaction that the audit trail attributes to the caller: the database's audit
 * trigger records every row change (before and after) with this member, organisation, operation and trace.
 */
export function auditedTransaction<T>(ctx: Context, operation: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (em) => {
    await em.query(
      `SELECT set_config('schakel.actor_member_id', $1, true), set_config('schakel.actor_organisation_id', $2, true),
              set_config('schakel.operation', $3, true), set_config('schakel.trace_id', $4, true)`,
      [ctx.principal.memberId, ctx.principal.organisationId, operation, ctx.trace.traceId],
    );
    return work(em);
  });
}
