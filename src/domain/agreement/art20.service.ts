import { In } from 'typeorm';
import { auditedTransaction } from '../../audit/audited-transaction.js';
import { addMonths, isoDate } from '../../common/clock.js';
import { badInput, conflict, forbidden, notFound } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { isPartyOf } from '../collaboration/membership.js';
import { MemberRole } from '../member/member.entity.js';
import { Sector } from '../organisation/sector.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';
import { agreementOfMyCollaboration, requireRole } from './agreement-access.js';
import { AgreementEntity, AgreementStatus, Art20DecisionEntity, Art20EvaluationEntity, PartyEntity } from './agreement.entity.js';
import type { ExtendArt20Input, IssueArt20Input } from './agreement.inputs.js';

/*
 * Besluit art. 20 Wpg (O5): taken, extended and revoked by the police chief (or the one mandated), a
 * member with role POLICE_CHIEF of a police organisation that is a party in force. Valid at most three
 * years; extended only on a recorded written evaluation; revocable at any moment (besluit §6). The
 * engine reads the decisions on every request (`policy/request-access.ts`), so a revocation or expiry
 * counts from the very next request.
 */

const MAX_VALIDITY_MONTHS = 36; // besluit §6: "geldig drie jaar"

function requirePoliceChief(ctx: Context): void {
  requireRole(ctx, [MemberRole.POLICE_CHIEF], 'NOT_POLICE_CHIEF');
  if (ctx.principal.sector !== Sector.POLITIE) throw forbidden('Only the police chief decides on art. 20 decisions', { reason: 'NOT_POLICE_CHIEF' });
}

async function decisionOfMyCollaboration(em: Parameters<typeof agreementOfMyCollaboration>[0], ctx: Context, id: string) {
  const d = await em.findOne(Art20DecisionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!d) throw notFound('Art. 20 decision');
  const a = await em.findOneByOrFail(AgreementEntity, { id: d.agreementId });
  if (!(await isPartyOf(em, ctx.principal.organisationId, a.collaborationId, ctx.now))) throw notFound('Art. 20 decision');
  return d;
}

/** Revoke at once (besluit §6): from the next request no police data flows under it. */
export function revokeArt20Decision(ctx: Context, decisionId: string, reason: string): Promise<Art20DecisionEntity> {
  requirePoliceChief(ctx);
  return auditedTransaction(ctx, 'revokeArt20Decision', async (em) => {
    const d = await decisionOfMyCollaboration(em, ctx, decisionId);
    if (d.revokedAt) throw conflict('This decision was revoked already');
    if (!reason.trim()) throw badInput('reason', 'state why');
    Object.assign(d, { revokedAt: ctx.now, revokedById: ctx.principal.memberId, revocationReason: reason.trim() });
    return em.save(d);
  });
}

/** Extend on a written evaluation (besluit §6), at most three years beyond the current end. */
export function extendArt20Decision(ctx: Context, input: ExtendArt20Input): Promise<Art20DecisionEntity> {
  requirePoliceChief(ctx);
  return auditedTransaction(ctx, 'extendArt20Decision', async (em) => {
    const d = await decisionOfMyCollaboration(em, ctx, input.decisionId);
    const today = isoDate(ctx.now);
    if (d.revokedAt) throw conflict('A revoked decision cannot be extended; take a new decision');
    if (d.validUntil <= today) throw conflict('An expired decision cannot be extended; take a new decision');
    if (!input.evaluation.trim()) throw badInput('evaluation', 'the written evaluation is required');
    if (input.evaluatedOn > today) throw badInput('evaluatedOn', 'an evaluation is recorded once held');
    if (input.validUntil <= d.validUntil) throw badInput('validUntil', 'must lie after the current end of validity');
    if (input.validUntil > addMonths(d.validUntil, MAX_VALIDITY_MONTHS)) throw badInput('validUntil', 'at most three years at a time (besluit §6)');
    await em.save(
      em.create(Art20EvaluationEntity, {
        decisionId: d.id,
        evaluatedOn: input.evaluatedOn,
        report: input.evaluation.trim(),
        previousValidUntil: d.validUntil,
        extendedUntil: input.validUntil,
        recordedById: ctx.principal.memberId,
      }),
    );
    d.validUntil = input.validUntil;
    return em.save(d);
  });
}

/** Take a decision with every element of Wpg art. 20(2); recipients are non-police parties in force. */
export function issueArt20Decision(ctx: Context, input: IssueArt20Input): Promise<Art20DecisionEntity> {
  requirePoliceChief(ctx);
  return auditedTransaction(ctx, 'issueArt20Decision', async (em) => {
    const a = await agreementOfMyCollaboration(em, ctx, input.agreementId);
    if (a.status !== AgreementStatus.SIGNED) throw conflict('A decision is taken for an agreement in force', { field: 'agreementId' });
    if (input.validUntil <= input.validFrom) throw badInput('validUntil', 'must lie after validFrom');
    if (input.validUntil > addMonths(input.validFrom, MAX_VALIDITY_MONTHS)) throw badInput('validUntil', 'at most three years (besluit §6)');
    const ids = [...new Set(input.recipientOrganisationIds)];
    const parties = await em
      .createQueryBuilder(PartyEntity, 'p')
      .innerJoin(OrganisationEntity, 'o', 'o.id = p.organisation_id')
      .where('p.agreement_id = :a AND p.organisation_id IN (:...ids) AND p.signed_at IS NOT NULL AND (p.left_at IS NULL OR p.left_at > :now)', {
        a: a.id,
        ids,
        now: ctx.now,
      })
      .andWhere('o.sector <> :police', { police: Sector.POLITIE })
      .getMany();
    if (parties.length !== ids.length) {
      throw badInput('recipientOrganisationIds', 'every recipient must be a non-police party in force of the agreement');
    }
    return em.save(
      em.create(Art20DecisionEntity, {
        agreementId: a.id,
        issuingUnit: input.issuingUnit,
        compellingPublicInterest: input.compellingPublicInterest,
        purpose: input.purpose,
        categoriesGranted: [...new Set(input.categoriesGranted)],
        conditions: input.conditions,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        recipients: parties,
        revokedAt: null,
      }),
    );
  });
}

/** The written evaluations a decision was extended on. */
export function evaluationsOf(ctx: Context, decisionId: string): Promise<Art20EvaluationEntity[]> {
  return ctx.db.getRepository(Art20EvaluationEntity).find({ where: { decisionId: In([decisionId]) }, order: { evaluatedOn: 'ASC' } });
}
