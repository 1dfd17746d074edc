import { auditedTransaction } from '../../audit/audited-transaction.js';
import { badInput, conflict, forbidden, notFound } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { MemberEntity } from '../member/member.entity.js';
import { CaseEntity, CaseParticipantEntity, CasePhase, CasePhaseTransitionEntity, ParticipantRole } from './case.entity.js';
import type { ChangeCasePhaseInput, RecordConfidentialityStatementInput } from './case.inputs.js';
import { complexCaseFailure, nextPhases, transitionRule, type TransitionActor } from './case-phase.js';
import { directsCase, requirePartnerIn } from './case.service.js';
import { cleanDossier } from './retention.js';
import { isUuid } from '../../common/ids.js';

/** As whom the caller may step a case: directing it, and/or as its appointed case director. */
export function actorsFor(ctx: Context, c: CaseEntity): TransitionActor[] {
  const actors: TransitionActor[] = [];
  if (directsCase(ctx, c)) actors.push('DIRECTOR');
  if (c.caseDirectorId && c.caseDirectorId === ctx.principal.memberId) actors.push('CASE_DIRECTOR');
  return actors;
}

/**
 * Move a case one step through the work process (O27). Only the steps of `PHASE_TRANSITIONS`
 * (otherwise CONFLICT `ILLEGAL_TRANSITION`), only by the actors each step names (otherwise FORBIDDEN
 * `NOT_ALLOWED_TO_STEP`), each recorded in `case_phase_transition` with who, when and why. A referral
 * carries its advice; the step to the action plan appoints the case director (O29) if there is none.
 * A rejected step changes nothing.
 */
export async function changeCasePhase(ctx: Context, input: ChangeCasePhaseInput): Promise<CaseEntity> {
  const pre = await requirePartnerIn(ctx, input.caseId, { finished: true });
  const p = ctx.principal;
  return auditedTransaction(ctx, 'changeCasePhase', async (em) => {
    // Lock the row: two concurrent steps from the same phase cannot both pass.
    const c = await em.getRepository(CaseEntity).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id: pre.id }).getOne();
    if (!c) throw notFound('Case');
    const rule = transitionRule(c.phase, input.to);
    const actors = actorsFor(ctx, c);
    if (!rule) {
      throw conflict(`a case in ${c.phase} cannot move to ${input.to}`, {
        reason: 'ILLEGAL_TRANSITION', from: c.phase, to: input.to, allowed: nextPhases(c.phase, actors),
      });
    }
    if (!rule.by.some((a) => actors.includes(a))) {
      throw forbidden(`Only ${rule.by.join(' or ')} may move a case from ${c.phase} to ${input.to}`, { reason: 'NOT_ALLOWED_TO_STEP' });
    }
    const advice = input.advice?.trim() || null;
    if (input.to === CasePhase.REFERRED && !advice) throw badInput('advice', 'a referral gives the reporting party advice (ZVHD bijlage 3)');
    if (advice && input.to !== CasePhase.REFERRED) throw badInput('advice', 'only a referral carries advice');
    let caseDirectorId = c.caseDirectorId;
    if (input.caseDirectorId) {
      if (input.to !== CasePhase.ACTION_PLAN) throw badInput('caseDirectorId', 'the case director is appointed with the action plan (O29)');
      const m = await em.findOneBy(MemberEntity, { id: input.caseDirectorId });
      const partner =
        m && (await em.existsBy(CaseParticipantEntity, { caseId: c.id, organisationId: m.organisationId, role: ParticipantRole.PARTNER }));
      if (!partner) throw badInput('caseDirectorId', 'the case director is a member of a partner taking part in the case (ZVHD 14.1)');
      caseDirectorId = m.id;
    }
    if (input.to === CasePhase.ACTION_PLAN && !caseDirectorId) {
      throw badInput('caseDirectorId', 'the case meeting appoints a case director with the action plan (O29; ZVHD 9.4, 14.1)');
    }
    // O28: ZVHD takes a case on at intake only when the complex-case criteria of bijlage 2 are met.
    const criteria = [...new Set(input.complexCaseCriteria ?? [])];
    if (c.phase === CasePhase.INTAKE && input.to === CasePhase.TRIAGE && (await ctx.loaders.collaboration.load(c.collaborationId))?.slug === 'zvhd') {
      const missing = complexCaseFailure(criteria, c.lifeDomains);
      if (missing) throw badInput('complexCaseCriteria', `not complex casuistry (ZVHD bijlage 2): missing ${missing}`);
    } else if (criteria.length) {
      throw badInput('complexCaseCriteria', 'the criteria are checked when a ZVHD case is taken on at intake');
    }
    const processDirectorId = c.processDirectorId ?? (actors.includes('DIRECTOR') ? p.memberId : null);
    await em.update(CaseEntity, c.id, { phase: input.to, caseDirectorId, processDirectorId });
    // O30: de-escalation cleans the dossier in the same transaction as the step.
    if (input.to === CasePhase.DE_ESCALATED) await cleanDossier(em, c.id);
    await em.insert(CasePhaseTransitionEntity, {
      caseId: c.id, fromPhase: c.phase, toPhase: input.to, outcome: rule.outcome, reason: input.reason.trim(), advice,
      byMemberId: p.memberId, at: ctx.now, complexCaseCriteria: criteria,
    });
    return em.findOneByOrFail(CaseEntity, { id: c.id });
  });
}

/** The steps a case took, oldest first. */
export function phaseHistory(ctx: Context, caseId: string): Promise<CasePhaseTransitionEntity[]> {
  return ctx.db.find(CasePhaseTransitionEntity, { where: { caseId }, order: { at: 'ASC', createdAt: 'ASC' } });
}

/** The phases the caller may move the case to now (empty for anyone who does not direct it). */
export async function allowedNextPhases(ctx: Context, c: CaseEntity): Promise<CasePhase[]> {
  if ((await ctx.participation.load(c.id)) !== ParticipantRole.PARTNER) return [];
  return nextPhases(c.phase, actorsFor(ctx, c));
}

/** A participation of a case the caller directs, or NOT_FOUND / FORBIDDEN. */
async function directedParticipation(ctx: Context, participantId: string) {
  if (!isUuid(participantId)) throw notFound('Participant');
  const cp = await ctx.db.findOneBy(CaseParticipantEntity, { id: participantId });
  if (!cp) throw notFound('Participant');
  const c = await requirePartnerIn(ctx, cp.caseId, { finished: true }).catch((e) => {
    throw e?.extensions?.code === 'NOT_FOUND' ? notFound('Participant') : e;
  });
  if (!directsCase(ctx, c)) throw forbidden('Only the process director or a coordinator manages participants', { reason: 'NOT_PROCESS_DIRECTOR' });
  return { cp, c };
}

/**
 * Record the signed confidentiality statement of an ad-hoc participant and the legal ground it names
 * (O20; Zeist art. 11 and bijlage 1.a). Only then does the invitation give access (`case-scope.ts`, and
 * `schakel_case_visible` in the database).
 */
export async function recordConfidentialityStatement(ctx: Context, input: RecordConfidentialityStatementInput): Promise<CaseParticipantEntity> {
  const { cp } = await directedParticipation(ctx, input.participantId);
  if (cp.role !== ParticipantRole.AD_HOC) throw badInput('participantId', 'only an ad-hoc participant signs a confidentiality statement');
  if (cp.confidentialitySignedAt) throw conflict('the confidentiality statement is already recorded', { reason: 'ALREADY_SIGNED' });
  return auditedTransaction(ctx, 'recordConfidentialityStatement', async (em) => {
    await em.update(CaseParticipantEntity, cp.id, {
      confidentialitySignedAt: ctx.now,
      confidentialityLegalGround: input.legalGround.trim(),
      confidentialityRecordedById: ctx.principal.memberId,
    });
    return em.findOneByOrFail(CaseParticipantEntity, { id: cp.id });
  });
}

/**
 * Remove a participant: the row is deleted, so the organisation (or the ad-hoc member) loses the case on
 * its next request — participation is read per request, never cached across requests. The audit trail
 * keeps who removed whom. The participation through which the caller itself takes part, and that of the
 * case director's organisation, cannot be removed this way (CONFLICT).
 */
export async function removeParticipant(ctx: Context, participantId: string): Promise<CaseEntity> {
  const { cp, c } = await directedParticipation(ctx, participantId);
  const p = ctx.principal;
  if (cp.organisationId === p.organisationId && (cp.memberId === null || cp.memberId === p.memberId)) {
    throw conflict('you cannot remove the participation through which you take part', { reason: 'OWN_PARTICIPATION' });
  }
  if (cp.role === ParticipantRole.PARTNER && c.caseDirectorId) {
    const director = await ctx.loaders.member.load(c.caseDirectorId);
    if (director?.organisationId === cp.organisationId) {
      throw conflict('the case director’s organisation takes part until another case director is appointed', { reason: 'CASE_DIRECTOR_ORGANISATION' });
    }
  }
  return auditedTransaction(ctx, 'removeParticipant', async (em) => {
    await em.delete(CaseParticipantEntity, { id: cp.id });
    return em.findOneByOrFail(CaseEntity, { id: c.id });
  });
}
