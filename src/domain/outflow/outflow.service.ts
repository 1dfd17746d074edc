import { auditedTransaction } from '../../audit/audited-transaction.js';
import { isoDate } from '../../common/clock.js';
import { badInput, conflict, forbidden } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { directsCase, requirePartnerIn } from '../case/case.service.js';
import { isPartyOf } from '../collaboration/membership.js';
import { MemberRole } from '../member/member.entity.js';
import { OutflowRecordEntity } from './outflow.entity.js';
import type { RecordOutflowInput } from './outflow.inputs.js';
import { MIN_CELL, suppress, waitingBand } from './outflow-suppression.js';
import { OutflowDimension, type OutflowMonitor } from './outflow.type.js';
import { isUuid } from '../../common/ids.js';

/** Record a client's outflow for the monitor (O32), by whoever directs the case; once per case. */
export async function recordOutflow(ctx: Context, input: RecordOutflowInput): Promise<{ recorded: boolean }> {
  const c = await requirePartnerIn(ctx, input.caseId);
  if (!directsCase(ctx, c)) throw forbidden('Only the regievoerder records the outflow', { reason: 'NOT_PROCESS_DIRECTOR' });
  return auditedTransaction(ctx, 'recordOutflow', async (em) => {
    if (await em.existsBy(OutflowRecordEntity, { caseId: c.id })) throw conflict('the outflow of this case is already recorded');
    await em.insert(OutflowRecordEntity, {
      caseId: c.id, collaborationId: c.collaborationId, targetGroup: input.targetGroup.trim(), facility: input.facility.trim(),
      municipalityOfOrigin: input.municipalityOfOrigin.trim(), ageCategory: input.ageCategory, waitingDays: input.waitingDays,
      relapse: input.relapse, outflowOn: isoDate(ctx.now), recordedById: ctx.principal.memberId,
    });
    return { recorded: true };
  });
}

const MONITOR_ROLES = [MemberRole.STEERING_GROUP, MemberRole.COORDINATOR, MemberRole.PROCESS_DIRECTOR, MemberRole.PRIVACY_OFFICER];

const VALUE_OF: Record<OutflowDimension, (r: { target_group: string; facility: string; municipality_of_origin: string; age_category: string; waiting_days: number; relapse: boolean }) => string> = {
  [OutflowDimension.TARGET_GROUP]: (r) => r.target_group,
  [OutflowDimension.FACILITY]: (r) => r.facility,
  [OutflowDimension.MUNICIPALITY_OF_ORIGIN]: (r) => r.municipality_of_origin,
  [OutflowDimension.AGE_CATEGORY]: (r) => r.age_category,
  [OutflowDimension.WAITING_TIME]: (r) => waitingBand(r.waiting_days),
  [OutflowDimension.RELAPSE]: (r) => (r.relapse ? 'RELAPSE' : 'NO_RELAPSE'),
};

/**
 * The outflow monitor (O32): counts of a collaboration's outflow by one dimension, for members of a party
 * with a steering, coordinating, directing or privacy role. Named privileged path: the counts span cases the
 * caller does not take part in, so they are computed with `ctx.system`; only suppressed counts leave it.
 */
export async function outflowMonitor(ctx: Context, collaborationId: string, dimension: OutflowDimension): Promise<OutflowMonitor> {
  const p = ctx.principal;
  if (!p.roles.some((r) => MONITOR_ROLES.includes(r))) throw forbidden('The monitor is for steering, coordination and privacy roles', { reason: 'NO_MONITOR_ROLE' });
  if (!isUuid(collaborationId)) throw badInput('collaborationId', 'not an id');
  if (!(await isPartyOf(ctx.db, p.organisationId, collaborationId, ctx.now))) {
    throw forbidden('Your organisation is not a party to this collaboration', { reason: 'NOT_A_PARTY' });
  }
  const rows = await ctx.system.query(
    `SELECT target_group, facility, municipality_of_origin, age_category, waiting_days, relapse FROM outflow_record WHERE collaboration_id = $1`,
    [collaborationId],
  );
  const counts = new Map<string, number>();
  for (const r of rows) {
    const v = VALUE_OF[dimension](r);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const { cells, total } = suppress(counts);
  return { dimension, cells, total, minimumCell: MIN_CELL };
}
