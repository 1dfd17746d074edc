import type { EntityManager } from 'typeorm';
import { auditedTransaction } from '../../audit/audited-transaction.js';
import { badInput, conflict, forbidden, notFound } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { CaseEntity } from '../case/case.entity.js';
import { activePartySql, isPartyOf } from '../collaboration/membership.js';
import { MemberEntity, MemberRole } from '../member/member.entity.js';
import { myCollaboration } from '../rights/rights.service.js';
import { ComplaintEntity, ComplaintStatus } from './complaint.entity.js';
import { OUTCOME_LENGTH, SUMMARY_LENGTH, type FileComplaintInput, type RecordComplaintOutcomeInput } from './complaint.inputs.js';
import type { Complaint } from './complaint.type.js';
import { isUuid } from '../../common/ids.js';

/*
 * Complaints about treatment (O33; De Wolden samenwerkingsconvenant art. 10). A complaint may be filed with any party
 * (10.2); one about a member of another party goes to that party (10.3), which handles it under its own complaints
 * procedure (10.4); the coordinator of the team always hears the outcome (10.5).
 *
 * Who sees a complaint: the member who registered it; the handlers (privacy officer, coordinator, steering-group
 * delegate) of the party that received it and of the party that handles it; and the coordinators of every party of the
 * collaboration (to hear the outcome). Never the member it concerns. Who records the outcome: a handler of the
 * responsible party (not the member concerned). Who takes note of it: a coordinator of a party of the collaboration.
 */

/** Who handles a complaint for a party under its own procedure: its privacy officer, coordinator or steering-group delegate. */
const HANDLERS: readonly MemberRole[] = [MemberRole.PRIVACY_OFFICER, MemberRole.COORDINATOR, MemberRole.STEERING_GROUP];

/**
 * SQL: whether the caller may see complaint `c` (see above), for the complaints and for the audit trail. `arg` takes a
 * parameter's value and answers its placeholder.
 */
export function complaintVisibleSql(ctx: Context, c: string, arg: (value: unknown) => string): string {
  const p = ctx.principal;
  const member = arg(p.memberId);
  const org = arg(p.organisationId);
  const roles = arg(p.roles);
  return `${c}.concerns_member_id IS DISTINCT FROM ${member}::uuid
        AND (${c}.registered_by_id = ${member}::uuid
             OR (${org}::uuid IN (${c}.receiving_organisation_id, ${c}.responsible_organisation_id) AND ${roles}::text[] && ${arg(HANDLERS)}::text[])
             OR ('${MemberRole.COORDINATOR}' = ANY(${roles}::text[]) AND ${activePartySql(`${org}::uuid`, `${c}.collaboration_id`, `${arg(ctx.now)}::timestamptz`)}))`;
}

/** The complaints the caller may see (see above), with the names they show; `id`: that one only. */
export async function listComplaints(ctx: Context, id?: string): Promise<Complaint[]> {
  const params: unknown[] = [];
  const arg = (v: unknown) => `$${params.push(v)}`;
  return ctx.db.query(
    `SELECT c.id, col.name AS "collaborationName", k.reference AS "caseReference", ro.name AS "receivingOrganisationName",
            rs.name AS "responsibleOrganisationName", m.name AS "concernsMemberName", c.received_at AS "receivedAt",
            c.forwarded_at AS "forwardedAt", c.summary, c.status, c.outcome, c.handled_at AS "handledAt",
            c.coordinator_informed_at AS "coordinatorInformedAt"
       FROM complaint c
       JOIN collaboration col ON col.id = c.collaboration_id
       JOIN organisation ro ON ro.id = c.receiving_organisation_id
       JOIN organisation rs ON rs.id = c.responsible_organisation_id
       LEFT JOIN member m ON m.id = c.concerns_member_id
       LEFT JOIN "case" k ON k.id = c.case_id
      WHERE ${complaintVisibleSql(ctx, 'c', arg)}
        ${id ? `AND c.id = ${arg(id)}::uuid` : ''}
      ORDER BY c.received_at, c.id`,
    params,
  );
}

/** A text as stored (trimmed), within its bounds once trimmed: whitespace is no summary or outcome. */
function trimmedWithin(field: string, text: string, length: { min: number; max: number }): string {
  const t = text.trim();
  if (t.length < length.min || t.length > length.max) throw badInput(field, `${length.min} to ${length.max} characters, not counting surrounding whitespace`);
  return t;
}

/** One complaint as the caller sees it now (after a change it made). */
async function shown(ctx: Context, id: string): Promise<Complaint> {
  const [c] = await listComplaints(ctx, id);
  if (!c) throw notFound('Complaint');
  return c;
}

/** A member of the caller's organisation files a complaint it received (art. 10.2), forwarded when another party handles it (10.3). */
export async function fileComplaint(ctx: Context, input: FileComplaintInput): Promise<Complaint> {
  const collaboration = await myCollaboration(ctx, input.collaborationId);
  const receivedAt = input.receivedAt ?? ctx.now;
  if (receivedAt > ctx.now) throw badInput('receivedAt', 'not in the future');
  if (!(await isPartyOf(ctx.db, input.responsibleOrganisationId, collaboration.id, ctx.now))) {
    throw badInput('responsibleOrganisationId', 'not a party of this collaboration');
  }
  const summary = trimmedWithin('summary', input.summary, SUMMARY_LENGTH);
  if (input.concernsMemberId) {
    // The member a complaint concerns never sees it: one cannot file a complaint about oneself.
    if (input.concernsMemberId === ctx.principal.memberId) throw badInput('concernsMemberId', 'a complaint about yourself is filed by someone else');
    const m = await ctx.db.findOneBy(MemberEntity, { id: input.concernsMemberId });
    if (!m || m.organisationId !== input.responsibleOrganisationId) throw badInput('concernsMemberId', 'not a member of the responsible party');
  }
  if (input.caseId) {
    // Row-level security: only a case the caller takes part in.
    const k = await ctx.db.findOneBy(CaseEntity, { id: input.caseId });
    if (!k || k.collaborationId !== collaboration.id) throw badInput('caseId', 'not a case of this collaboration you take part in');
  }
  const own = input.responsibleOrganisationId === ctx.principal.organisationId;
  const saved = await auditedTransaction(ctx, 'fileComplaint', (em) =>
    em.save(
      em.create(ComplaintEntity, {
        collaborationId: collaboration.id,
        caseId: input.caseId ?? null,
        receivingOrganisationId: ctx.principal.organisationId,
        registeredById: ctx.principal.memberId,
        responsibleOrganisationId: input.responsibleOrganisationId,
        concernsMemberId: input.concernsMemberId ?? null,
        receivedAt,
        forwardedAt: own ? null : ctx.now,
        summary,
        status: ComplaintStatus.OPEN,
      }),
    ),
  );
  return shown(ctx, saved.id);
}

/** The complaint, locked for a change; NOT_FOUND when there is none or the caller may not see it. */
async function lockedComplaint(ctx: Context, em: EntityManager, id: string): Promise<ComplaintEntity> {
  const c = isUuid(id) ? await em.findOne(ComplaintEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
  if (!c || !(await listComplaints(ctx, id)).length) throw notFound('Complaint');
  return c;
}

/** The responsible party records the outcome under its own procedure (art. 10.4): one of its handlers. */
export async function recordComplaintOutcome(ctx: Context, input: RecordComplaintOutcomeInput): Promise<Complaint> {
  const p = ctx.principal;
  const outcome = trimmedWithin('outcome', input.outcome, OUTCOME_LENGTH);
  await auditedTransaction(ctx, 'recordComplaintOutcome', async (em) => {
    const c = await lockedComplaint(ctx, em, input.complaintId);
    if (c.responsibleOrganisationId !== p.organisationId || !p.roles.some((r) => HANDLERS.includes(r))) {
      throw forbidden('The responsible party’s privacy officer, coordinator or steering-group delegate records the outcome', { reason: 'NOT_RESPONSIBLE_HANDLER' });
    }
    if (c.status !== ComplaintStatus.OPEN) throw conflict('The outcome is recorded already');
    Object.assign(c, { status: ComplaintStatus.HANDLED, outcome, handledAt: ctx.now, handledById: p.memberId });
    await em.save(c);
  });
  return shown(ctx, input.complaintId);
}

/** A coordinator of the collaboration takes note of the outcome (art. 10.5: always informed). */
export async function acknowledgeComplaintOutcome(ctx: Context, complaintId: string): Promise<Complaint> {
  const p = ctx.principal;
  await auditedTransaction(ctx, 'acknowledgeComplaintOutcome', async (em) => {
    const c = await lockedComplaint(ctx, em, complaintId);
    if (!p.roles.includes(MemberRole.COORDINATOR) || !(await isPartyOf(em, p.organisationId, c.collaborationId, ctx.now))) {
      throw forbidden('A coordinator of the collaboration takes note of the outcome', { reason: 'NOT_COORDINATOR' });
    }
    if (c.status !== ComplaintStatus.HANDLED) throw conflict('The responsible party has not recorded an outcome yet');
    if (c.coordinatorInformedAt) throw conflict('A coordinator took note of the outcome already');
    Object.assign(c, { coordinatorInformedAt: ctx.now, coordinatorInformedById: p.memberId });
    await em.save(c);
  });
  return shown(ctx, complaintId);
}
