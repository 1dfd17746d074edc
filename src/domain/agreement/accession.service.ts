import { auditedTransaction } from '../../audit/audited-transaction.js';
import { badInput, conflict, forbidden, notFound } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { isPartyOf } from '../collaboration/membership.js';
import { MemberRole } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';
import { agreementOfMyCollaboration, requireRole } from './agreement-access.js';
import { AccessionApprovalEntity, AccessionRequestEntity, AccessionStatus, AgreementEntity, AgreementStatus, PartyEntity } from './agreement.entity.js';
import type { AnswerAccessionInput, DecideAccessionInput, RegisterAccessionInput, SignAccessionFormInput } from './agreement.inputs.js';

/*
 * Accession (O3; De Wolden art. 15, ZVHD art. 22 and bijlage 1): a written request; every party informed
 * beforehand and asked; the steering group decides only after every party agreed; the accession form is
 * signed by the organisation and the chair. Only then is the organisation a party — and only from then on
 * does it see anything (membership is evaluated per request, `collaboration/membership.ts`).
 */

const STEERING = [MemberRole.STEERING_GROUP];

/** The request, locked, with its agreement; NOT_FOUND unless the caller's organisation is a party in force. */
async function requestOfMyCollaboration(em: Parameters<typeof agreementOfMyCollaboration>[0], ctx: Context, requestId: string) {
  const r = await em.findOne(AccessionRequestEntity, { where: { id: requestId }, lock: { mode: 'pessimistic_write' } });
  if (!r) throw notFound('Accession request');
  const agreement = await agreementOfMyCollaboration(em, ctx, r.agreementId).catch(() => {
    throw notFound('Accession request');
  });
  return { r, agreement };
}

/** The steering group's secretary registers the written request; every party in force is informed and asked. */
export function registerAccessionRequest(ctx: Context, input: RegisterAccessionInput): Promise<AccessionRequestEntity> {
  requireRole(ctx, STEERING, 'NOT_STEERING_GROUP');
  return auditedTransaction(ctx, 'registerAccessionRequest', async (em) => {
    const a = await agreementOfMyCollaboration(em, ctx, input.agreementId);
    if (a.status !== AgreementStatus.SIGNED) throw conflict('Accession is to an agreement in force', { field: 'agreementId' });
    if (!(await em.existsBy(OrganisationEntity, { id: input.organisationId }))) throw badInput('organisationId', 'no such organisation');
    if (await isPartyOf(em, input.organisationId, a.collaborationId, ctx.now)) throw conflict('already a party', { field: 'organisationId' });
    const open = await em
      .createQueryBuilder(AccessionRequestEntity, 'r')
      .where('r.agreement_id = :a AND r.organisation_id = :o AND r.status IN (:...open)', {
        a: a.id,
        o: input.organisationId,
        open: [AccessionStatus.REQUESTED, AccessionStatus.ACCEPTED],
      })
      .getExists();
    if (open) throw conflict('a request of this organisation is open already', { field: 'organisationId' });
    const r = await em.save(
      em.create(AccessionRequestEntity, {
        agreementId: a.id,
        organisationId: input.organisationId,
        representative: input.representative,
        requestText: input.requestText,
        receivedOn: input.receivedOn,
        registeredById: ctx.principal.memberId,
        status: AccessionStatus.REQUESTED,
      }),
    );
    // De Wolden 15.3, ZVHD 22.3: the parties are informed beforehand — one approval to give per party.
    const parties: { organisation_id: string }[] = await em.query(
      `SELECT DISTINCT p.organisation_id FROM party p WHERE p.agreement_id = $1 AND p.signed_at IS NOT NULL
         AND (p.left_at IS NULL OR p.left_at > $2)`,
      [a.id, ctx.now],
    );
    await em.save(
      AccessionApprovalEntity,
      parties.map((p) => ({ requestId: r.id, organisationId: p.organisation_id, notifiedAt: ctx.now })),
    );
    return r;
  });
}

/** A party's delegate gives its organisation's answer. */
export function answerAccession(ctx: Context, input: AnswerAccessionInput): Promise<AccessionApprovalEntity> {
  requireRole(ctx, STEERING, 'NOT_STEERING_GROUP');
  return auditedTransaction(ctx, 'answerAccession', async (em) => {
    const { r } = await requestOfMyCollaboration(em, ctx, input.requestId);
    if (r.status !== AccessionStatus.REQUESTED) throw conflict('The steering group has decided already');
    const approval = await em.findOneBy(AccessionApprovalEntity, { requestId: r.id, organisationId: ctx.principal.organisationId });
    if (!approval) throw forbidden('Your organisation was not asked', { reason: 'NOT_ASKED' });
    if (approval.approved !== null) throw conflict('Your organisation has answered already');
    Object.assign(approval, { approved: input.approved, answeredAt: ctx.now, answeredById: ctx.principal.memberId, note: input.note ?? null });
    return em.save(approval);
  });
}

/** The steering group decides; acceptance only after every party approved (De Wolden 15.4, ZVHD 22.4). */
export function decideAccession(ctx: Context, input: DecideAccessionInput): Promise<AccessionRequestEntity> {
  requireRole(ctx, STEERING, 'NOT_STEERING_GROUP');
  return auditedTransaction(ctx, 'decideAccession', async (em) => {
    const { r } = await requestOfMyCollaboration(em, ctx, input.requestId);
    if (r.status !== AccessionStatus.REQUESTED) throw conflict('The steering group has decided already');
    if (input.accepted) {
      const approved = await em.countBy(AccessionApprovalEntity, { requestId: r.id, approved: true });
      const all = await em.countBy(AccessionApprovalEntity, { requestId: r.id });
      if (approved !== all) throw conflict('Not every party has approved the accession', { reason: 'APPROVALS_MISSING' });
    }
    Object.assign(r, {
      status: input.accepted ? AccessionStatus.ACCEPTED : AccessionStatus.REJECTED,
      decidedAt: ctx.now,
      decidedById: ctx.principal.memberId,
      decisionNote: input.decisionNote,
    });
    return em.save(r);
  });
}

/** The accession form is signed: the organisation becomes a party, with access from this moment on. */
export function signAccessionForm(ctx: Context, input: SignAccessionFormInput): Promise<AccessionRequestEntity> {
  requireRole(ctx, STEERING, 'NOT_STEERING_GROUP');
  return auditedTransaction(ctx, 'signAccessionForm', async (em) => {
    const { r, agreement } = await requestOfMyCollaboration(em, ctx, input.requestId);
    if (r.status !== AccessionStatus.ACCEPTED) throw conflict('Only an accession the steering group accepted can be signed');
    const existing = await em.findOneBy(PartyEntity, { agreementId: agreement.id, organisationId: r.organisationId });
    const party = await em.save(
      existing
        ? Object.assign(existing, { signedAt: ctx.now, leftAt: null, exitReason: null, exitNote: null, noticeGivenAt: null, representative: r.representative })
        : em.create(PartyEntity, { agreementId: agreement.id, organisationId: r.organisationId, representative: r.representative, signedAt: ctx.now }),
    );
    Object.assign(r, { status: AccessionStatus.COMPLETED, formSignedAt: ctx.now, formSignedBy: input.signedBy, partyId: party.id });
    return em.save(r);
  });
}

/** Accession requests of an agreement (governance roles; the rule map guards the field). */
export function accessionRequestsOf(ctx: Context, a: AgreementEntity): Promise<AccessionRequestEntity[]> {
  return ctx.db.getRepository(AccessionRequestEntity).find({ where: { agreementId: a.id }, order: { createdAt: 'ASC' } });
}
