import { auditedTransaction } from '../../audit/audited-transaction.js';
import { answerError, badInput, conflict, ErrorCode, forbidden, notFound } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { CaseParticipantEntity, ParticipantRole, type CaseEntity } from '../case/case.entity.js';
import { actorsFor } from '../case/case-process.service.js';
import { directsCase, requirePartnerIn } from '../case/case.service.js';
import { informationOf } from '../information/information.service.js';
import { CaseSubjectEntity } from '../subject/subject.entity.js';
import { ActionItemEntity, ActionPlanEntity, CaseMeetingEntity, InterventionEntity } from './meeting.entity.js';
import type { AddActionItemInput, RecordMeetingDecisionsInput, ScheduleCaseMeetingInput, SetActionPlanInput } from './meeting.inputs.js';
import { ACTION_LIST_FIELDS, type ActionItemSubject } from './meeting.type.js';
import { isUuid } from '../../common/ids.js';

function requireDirector(ctx: Context, c: CaseEntity) {
  if (!directsCase(ctx, c)) throw forbidden('Only the process director or a coordinator does this', { reason: 'NOT_PROCESS_DIRECTOR' });
}

async function participatingOrganisations(ctx: Context, caseId: string, role?: ParticipantRole): Promise<Set<string>> {
  const rows = await ctx.db.findBy(CaseParticipantEntity, role ? { caseId, role } : { caseId });
  return new Set(rows.map((r) => r.organisationId));
}

/** A meeting of a case the caller directs (NOT_FOUND when the case is not visible). */
async function directedMeeting(ctx: Context, meetingId: string) {
  if (!isUuid(meetingId)) throw notFound('Meeting');
  const m = await ctx.db.findOneBy(CaseMeetingEntity, { id: meetingId });
  if (!m) throw notFound('Meeting');
  const c = await requirePartnerIn(ctx, m.caseId);
  requireDirector(ctx, c);
  return { m, c };
}

/** Schedule a case meeting (O29; ZVHD 9.4 "procesregisseur met ketenpartners"): attendees take part in the case. */
export async function scheduleCaseMeeting(ctx: Context, input: ScheduleCaseMeetingInput): Promise<CaseMeetingEntity> {
  const c = await requirePartnerIn(ctx, input.caseId);
  requireDirector(ctx, c);
  const taking = await participatingOrganisations(ctx, c.id);
  const attendees = [...new Set(input.attendeeOrganisationIds)];
  if (attendees.some((o) => !taking.has(o))) throw badInput('attendeeOrganisationIds', 'every attendee takes part in the case');
  return auditedTransaction(ctx, 'scheduleCaseMeeting', (em) =>
    em.save(em.create(CaseMeetingEntity, { caseId: c.id, scheduledAt: input.scheduledAt, agenda: input.agenda.trim(), attendeeOrganisationIds: attendees })),
  );
}

/** Record the decisions of a meeting that has taken place (not before its moment; once). */
export async function recordMeetingDecisions(ctx: Context, input: RecordMeetingDecisionsInput): Promise<CaseMeetingEntity> {
  const { m } = await directedMeeting(ctx, input.meetingId);
  if (m.scheduledAt > ctx.now) throw conflict('the meeting has not taken place yet', { reason: 'MEETING_NOT_HELD' });
  if (m.heldAt) throw conflict('the decisions of this meeting are already recorded', { reason: 'ALREADY_RECORDED' });
  return auditedTransaction(ctx, 'recordMeetingDecisions', async (em) => {
    await em.update(CaseMeetingEntity, m.id, { decisions: input.decisions.trim(), heldAt: ctx.now });
    return em.findOneByOrFail(CaseMeetingEntity, { id: m.id });
  });
}

/** Add an action item to a meeting: assignee a participating organisation, subject one of the case (O19). */
export async function addActionItem(ctx: Context, input: AddActionItemInput): Promise<ActionItemEntity> {
  const { m, c } = await directedMeeting(ctx, input.meetingId);
  if (input.assigneeOrganisationId && !(await participatingOrganisations(ctx, c.id)).has(input.assigneeOrganisationId)) {
    throw badInput('assigneeOrganisationId', 'the assignee takes part in the case');
  }
  return auditedTransaction(ctx, 'addActionItem', async (em) => {
    if (input.subjectId && !(await em.existsBy(CaseSubjectEntity, { caseId: c.id, subjectId: input.subjectId }))) {
      throw badInput('subjectId', 'not a subject of this case');
    }
    return em.save(
      em.create(ActionItemEntity, {
        meetingId: m.id, description: input.description.trim(), assigneeOrganisationId: input.assigneeOrganisationId ?? null,
        subjectId: input.subjectId ?? null, dueDate: input.dueDate ?? null,
      }),
    );
  });
}

/**
 * Set the action plan (O29; ZVHD 9.4, 14): goals and, per partner, its intervention and information need.
 * By the one directing the case or its case director (ZVHD 14.2: oversees the plan).
 */
export async function setActionPlan(ctx: Context, input: SetActionPlanInput): Promise<ActionPlanEntity> {
  const c = await requirePartnerIn(ctx, input.caseId);
  if (actorsFor(ctx, c).length === 0) throw forbidden('Only the process director or the case director sets the plan', { reason: 'NOT_PROCESS_DIRECTOR' });
  const partners = await participatingOrganisations(ctx, c.id, ParticipantRole.PARTNER);
  if (input.interventions.some((i) => !partners.has(i.organisationId))) {
    throw badInput('interventions', 'every intervention is of a partner taking part in the case');
  }
  return auditedTransaction(ctx, 'setActionPlan', async (em) => {
    let plan = await em.findOneBy(ActionPlanEntity, { caseId: c.id });
    if (plan) await em.update(ActionPlanEntity, plan.id, { goals: input.goals.trim() });
    else plan = await em.save(em.create(ActionPlanEntity, { caseId: c.id, goals: input.goals.trim() }));
    await em.delete(InterventionEntity, { actionPlanId: plan.id });
    for (const i of input.interventions) {
      await em.insert(InterventionEntity, {
        actionPlanId: plan.id, organisationId: i.organisationId, description: i.description.trim(), informationNeed: i.informationNeed?.trim() || null,
      });
    }
    return em.findOneByOrFail(ActionPlanEntity, { id: plan.id });
  });
}

/**
 * An action item's text (O19). Of an action about a subject it is free text that may name the person, so it goes where
 * that subject's name and address may go: to whom the category policy gives `person.identity` in the case (a purpose
 * stated, the grant); otherwise the field is withheld, FORBIDDEN_FIELD with the category's reason.
 */
export async function actionItemDescription(ctx: Context, a: ActionItemEntity): Promise<string> {
  if (!a.subjectId) return a.description;
  const m = await ctx.loaders.meeting.load(a.meetingId);
  const identity = m ? (await ctx.access.caseDecisions(m.caseId)).get('person.identity') : undefined;
  if (identity?.allowed) return a.description;
  throw answerError(ErrorCode.FORBIDDEN_FIELD, 'You may not see this field', {
    reason: identity?.reason ?? 'NO_POLICY', category: 'person.identity', policyVersion: identity?.policy,
  });
}

/**
 * The subject of an action item as an action list shows it (O19): pseudonym, and only the name/address
 * and contact categories, each as the category policy decides (a denied one is null, FORBIDDEN_FIELD).
 */
export async function actionItemSubject(ctx: Context, a: ActionItemEntity): Promise<ActionItemSubject | null> {
  if (!a.subjectId) return null;
  const m = await ctx.loaders.meeting.load(a.meetingId);
  const subject = await ctx.loaders.subject.load(a.subjectId);
  if (!m || !subject) return null;
  const info = await informationOf(ctx, m.caseId, a.subjectId);
  const out: ActionItemSubject = { pseudonym: subject.pseudonym, caseId: m.caseId, subjectId: a.subjectId, decisions: info.decisions };
  for (const f of ACTION_LIST_FIELDS) out[f] = info[f];
  return out;
}
