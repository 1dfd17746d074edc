import { IsNull, type EntityManager } from 'typeorm';
import { auditedTransaction } from '../../audit/audited-transaction.js';
import { addDays, addMonths, isoDate, toLocalDate } from '../../common/clock.js';
import { badInput, conflict, forbidden } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { activePartySql } from '../collaboration/membership.js';
import { MemberRole } from '../member/member.entity.js';
import { agreementOfMyCollaboration, requireRole } from './agreement-access.js';
import {
  AgreementEntity,
  AgreementEvaluationEntity,
  AgreementStatus,
  AmendmentProcedure,
  Art20DecisionEntity,
  PartyEntity,
  PartyExitReason,
} from './agreement.entity.js';
import type { ExcludePartyInput, ProposeAmendmentInput, RecordEvaluationInput } from './agreement.inputs.js';
import { termState } from './agreement-terms.js';
import { DeadlineKind } from './agreement.type.js';
import { isUuid } from '../../common/ids.js';

const STEERING = [MemberRole.STEERING_GROUP];

/** The party row of an organisation in an agreement version. */
function partyOf(em: EntityManager, agreementId: string, organisationId: string) {
  return em.findOneBy(PartyEntity, { agreementId, organisationId });
}

/** The same moment of the day, `months` later (notice periods). */
function monthsLater(now: Date, months: number): Date {
  return new Date(`${addMonths(isoDate(now), months)}T${now.toISOString().slice(11)}`);
}

/**
 * The steering group decides an amendment (De Wolden 16.1, ZVHD 23.1): a new DRAFT version with the
 * parties in force, unsigned (re-signing, De Wolden 16.2) or keeping their signatures (addendum, ZVHD 23.2).
 * The version in force stays in force until the new one takes effect (O4).
 */
export async function proposeAmendment(ctx: Context, input: ProposeAmendmentInput): Promise<AgreementEntity> {
  requireRole(ctx, STEERING, 'NOT_STEERING_GROUP');
  return auditedTransaction(ctx, 'proposeAmendment', async (em) => {
    const old = await agreementOfMyCollaboration(em, ctx, input.agreementId);
    if (old.status !== AgreementStatus.SIGNED) throw conflict('Only an agreement in force can be amended', { field: 'agreementId' });
    if (await em.existsBy(AgreementEntity, { supersedesId: old.id, status: AgreementStatus.DRAFT })) {
      throw conflict('An amendment of this agreement is already awaiting signatures', { field: 'agreementId' });
    }
    if (await em.existsBy(AgreementEntity, { collaborationId: old.collaborationId, title: old.title, version: input.version })) {
      throw conflict(`version ${input.version} exists already`, { field: 'version' });
    }
    if (input.policyVersion) {
      const known: unknown[] = await em.query('SELECT 1 FROM policy_version WHERE collaboration_id = $1 AND version = $2', [
        old.collaborationId,
        input.policyVersion,
      ]);
      if (!known.length) throw badInput('policyVersion', 'no such version of this collaboration’s policy has been loaded');
    }
    const procedure = input.procedure ?? old.amendmentProcedure;
    const next = await em.save(
      em.create(AgreementEntity, {
        collaborationId: old.collaborationId,
        title: old.title,
        version: input.version,
        status: AgreementStatus.DRAFT,
        effectiveDate: null,
        minimumTermMonths: old.minimumTermMonths,
        renewalRule: old.renewalRule,
        renewalPeriodMonths: old.renewalPeriodMonths,
        maxRenewals: old.maxRenewals,
        noticePeriodMonths: input.noticePeriodMonths ?? old.noticePeriodMonths,
        evaluationDates: input.evaluationDates ?? old.evaluationDates.map(toLocalDate),
        policyVersion: input.policyVersion ?? old.policyVersion,
        supersedesId: old.id,
        amendmentProcedure: procedure,
        amendmentSummary: input.amendmentSummary,
      }),
    );
    const parties = await em
      .createQueryBuilder(PartyEntity, 'p')
      .where('p.agreement_id = :id AND p.signed_at IS NOT NULL AND (p.left_at IS NULL OR p.left_at > :now)', { id: old.id, now: ctx.now })
      .orderBy('p.created_at')
      .getMany();
    await em.save(
      PartyEntity,
      parties.map((p) => ({
        agreementId: next.id,
        organisationId: p.organisationId,
        representative: p.representative,
        // An addendum leaves the parties' signatures standing; a re-signed text needs every signature anew.
        signedAt: procedure === AmendmentProcedure.ADDENDUM ? p.signedAt : null,
        noticeGivenAt: p.noticeGivenAt,
        leftAt: p.leftAt,
        exitReason: p.exitReason,
        exitNote: p.exitNote,
      })),
    );
    return next;
  });
}

/** Every remaining party signed (or the addendum is signed): the version takes effect, the one it amends ends. */
async function activate(em: EntityManager, ctx: Context, a: AgreementEntity): Promise<void> {
  a.status = AgreementStatus.SIGNED;
  a.activatedAt = ctx.now;
  a.effectiveDate ??= isoDate(ctx.now);
  await em.save(a);
  // De Wolden 16.3, ZVHD 23.3: a party that rejected the change leaves when the changed agreement takes effect.
  // It leaves the collaboration, so every agreement of it (De Wolden's privacy convenant is part of the covenant, art. 9.1).
  const rejecters = await em
    .createQueryBuilder(PartyEntity, 'p')
    .where('p.agreement_id = :id AND p.rejected_at IS NOT NULL', { id: a.id })
    .getMany();
  for (const r of rejecters) {
    const rows = [r, ...(await partyRowsInForce(em, a.collaborationId, r.organisationId, ctx.now))];
    for (const row of rows) {
      if (row.leftAt && row.leftAt <= ctx.now) continue;
      Object.assign(row, { leftAt: ctx.now, exitReason: PartyExitReason.REJECTED_AMENDMENT, exitNote: row.exitNote ?? r.exitNote });
    }
    await em.save(rows);
  }
  if (a.supersedesId) {
    await em.update(AgreementEntity, { id: a.supersedesId }, { status: AgreementStatus.TERMINATED, terminatedAt: ctx.now });
  }
}

async function activateWhenComplete(em: EntityManager, ctx: Context, a: AgreementEntity): Promise<void> {
  if (a.amendmentProcedure !== AmendmentProcedure.RESIGN) return;
  const waiting = await em.countBy(PartyEntity, { agreementId: a.id, signedAt: IsNull(), rejectedAt: IsNull() });
  if (waiting === 0) await activate(em, ctx, a);
}

async function draftAmendmentParty(em: EntityManager, ctx: Context, agreementId: string) {
  const a = await agreementOfMyCollaboration(em, ctx, agreementId);
  if (a.status !== AgreementStatus.DRAFT) throw conflict('This agreement version is not awaiting signatures', { field: 'agreementId' });
  const party = await partyOf(em, a.id, ctx.principal.organisationId);
  if (!party) throw forbidden('Your organisation is not a party to this agreement', { reason: 'NOT_A_PARTY' });
  if (party.signedAt && a.amendmentProcedure === AmendmentProcedure.RESIGN) throw conflict('Your organisation has signed already');
  if (party.rejectedAt) throw conflict('Your organisation rejected this version');
  return { a, party };
}

/** A party's representative signs a DRAFT version (O4, De Wolden 16.2); the last signature makes it take effect. */
export function signAgreement(ctx: Context, agreementId: string): Promise<AgreementEntity> {
  requireRole(ctx, STEERING, 'NOT_STEERING_GROUP');
  return auditedTransaction(ctx, 'signAgreement', async (em) => {
    const { a, party } = await draftAmendmentParty(em, ctx, agreementId);
    if (a.amendmentProcedure !== AmendmentProcedure.RESIGN) throw conflict('This amendment takes effect by addendum, not by re-signing');
    party.signedAt = ctx.now;
    await em.save(party);
    await activateWhenComplete(em, ctx, a);
    return em.findOneByOrFail(AgreementEntity, { id: a.id });
  });
}

/** A party rejects the amendment: it needs not sign, and leaves when the amendment takes effect (De Wolden 16.3, ZVHD 23.3). */
export function rejectAmendment(ctx: Context, agreementId: string, note: string | null): Promise<AgreementEntity> {
  requireRole(ctx, STEERING, 'NOT_STEERING_GROUP');
  return auditedTransaction(ctx, 'rejectAmendment', async (em) => {
    const { a, party } = await draftAmendmentParty(em, ctx, agreementId);
    if (!a.supersedesId) throw conflict('Only an amendment can be rejected');
    party.rejectedAt = ctx.now;
    party.signedAt = null;
    party.exitNote = note;
    await em.save(party);
    await activateWhenComplete(em, ctx, a);
    return em.findOneByOrFail(AgreementEntity, { id: a.id });
  });
}

/** ZVHD 23.2: the chair of the steering group and the manager sign the addendum; it takes effect. */
export function signAddendum(ctx: Context, agreementId: string, signedBy: string): Promise<AgreementEntity> {
  requireRole(ctx, STEERING, 'NOT_STEERING_GROUP');
  return auditedTransaction(ctx, 'signAddendum', async (em) => {
    const a = await agreementOfMyCollaboration(em, ctx, agreementId);
    if (a.status !== AgreementStatus.DRAFT || a.amendmentProcedure !== AmendmentProcedure.ADDENDUM) {
      throw conflict('This agreement version is no addendum awaiting signature', { field: 'agreementId' });
    }
    if (!signedBy.trim()) throw badInput('signedBy', 'name the chair and the manager who signed');
    a.addendumSignedBy = signedBy.trim();
    await activate(em, ctx, a);
    return em.findOneByOrFail(AgreementEntity, { id: a.id });
  });
}

/** Every SIGNED agreement of the collaboration in which the organisation is a party (a departure covers them all). */
async function partyRowsInForce(em: EntityManager, collaborationId: string, organisationId: string, now: Date): Promise<PartyEntity[]> {
  return em
    .createQueryBuilder(PartyEntity, 'p')
    .innerJoin(AgreementEntity, 'a', 'a.id = p.agreement_id')
    .where('a.collaboration_id = :col AND a.status = :signed AND p.organisation_id = :org', {
      col: collaborationId,
      signed: AgreementStatus.SIGNED,
      org: organisationId,
    })
    .andWhere('p.signed_at IS NOT NULL AND (p.left_at IS NULL OR p.left_at > :now)', { now })
    .getMany();
}

/**
 * Written notice by the caller's organisation (De Wolden 14.4: 3 months; ZVHD 25.2: 12 months): it keeps
 * access until the notice period ends, and loses it on the first request after (O2, O40).
 */
export function giveNotice(ctx: Context, agreementId: string, note: string | null): Promise<PartyEntity> {
  requireRole(ctx, STEERING, 'NOT_STEERING_GROUP');
  return auditedTransaction(ctx, 'giveNotice', async (em) => {
    const a = await agreementOfMyCollaboration(em, ctx, agreementId);
    if (a.status !== AgreementStatus.SIGNED) throw conflict('Notice is given on an agreement in force', { field: 'agreementId' });
    const rows = await partyRowsInForce(em, a.collaborationId, ctx.principal.organisationId, ctx.now);
    if (rows.some((r) => r.noticeGivenAt)) throw conflict('Your organisation has given notice already');
    const leftAt = monthsLater(ctx.now, a.noticePeriodMonths ?? 0);
    for (const r of rows) Object.assign(r, { noticeGivenAt: ctx.now, leftAt, exitReason: PartyExitReason.NOTICE, exitNote: note });
    await em.save(rows);
    return rows.find((r) => r.agreementId === a.id) ?? rows[0];
  });
}

/**
 * The steering group excludes a party after default, with immediate effect (De Wolden 14.2, ZVHD 25.3):
 * the party loses access on its next request; what it received stays in the disclosure log (O40).
 */
export function excludeParty(ctx: Context, input: ExcludePartyInput): Promise<PartyEntity> {
  requireRole(ctx, STEERING, 'NOT_STEERING_GROUP');
  return auditedTransaction(ctx, 'excludeParty', async (em) => {
    const a = await agreementOfMyCollaboration(em, ctx, input.agreementId);
    if (input.organisationId === ctx.principal.organisationId) throw badInput('organisationId', 'a party cannot exclude itself; give notice');
    const rows = await partyRowsInForce(em, a.collaborationId, input.organisationId, ctx.now);
    if (!rows.length) throw badInput('organisationId', 'not a party in force of this collaboration');
    for (const r of rows) Object.assign(r, { leftAt: ctx.now, exitReason: PartyExitReason.EXCLUSION, exitNote: input.reason });
    await em.save(rows);
    return rows.find((r) => r.agreementId === a.id) ?? rows[0];
  });
}

/** The agreement ends for every party at once (O40). */
export function terminateAgreement(ctx: Context, agreementId: string, reason: string): Promise<AgreementEntity> {
  requireRole(ctx, STEERING, 'NOT_STEERING_GROUP');
  return auditedTransaction(ctx, 'terminateAgreement', async (em) => {
    const a = await agreementOfMyCollaboration(em, ctx, agreementId);
    if (a.status !== AgreementStatus.SIGNED) throw conflict('Only an agreement in force can be terminated', { field: 'agreementId' });
    if (!reason.trim()) throw badInput('reason', 'state why');
    a.status = AgreementStatus.TERMINATED;
    a.terminatedAt = ctx.now;
    a.internalNotes = [a.internalNotes, `Beëindigd ${isoDate(ctx.now)}: ${reason.trim()}`].filter(Boolean).join('\n');
    await em.save(a);
    await em
      .createQueryBuilder()
      .update(PartyEntity)
      .set({ leftAt: ctx.now, exitReason: PartyExitReason.TERMINATION })
      .where('agreement_id = :id AND (left_at IS NULL OR left_at > :now)', { id: a.id, now: ctx.now })
      .execute();
    return a;
  });
}

/** Record a held evaluation against one of the agreement's evaluation dates (O2). */
export function recordAgreementEvaluation(ctx: Context, input: RecordEvaluationInput): Promise<AgreementEvaluationEntity> {
  requireRole(ctx, [MemberRole.STEERING_GROUP, MemberRole.COORDINATOR], 'NOT_STEERING_GROUP');
  return auditedTransaction(ctx, 'recordAgreementEvaluation', async (em) => {
    const a = await agreementOfMyCollaboration(em, ctx, input.agreementId);
    if (!a.evaluationDates.map(toLocalDate).includes(input.dueDate)) throw badInput('dueDate', 'not one of the agreement’s evaluation dates');
    if (input.heldOn > isoDate(ctx.now)) throw badInput('heldOn', 'an evaluation is recorded once held');
    if (await em.existsBy(AgreementEvaluationEntity, { agreementId: a.id, dueDate: input.dueDate })) {
      throw conflict('This evaluation has been recorded already', { field: 'dueDate' });
    }
    return em.save(
      em.create(AgreementEvaluationEntity, {
        agreementId: a.id,
        dueDate: input.dueDate,
        heldOn: input.heldOn,
        report: input.report,
        recordedById: ctx.principal.memberId,
      }),
    );
  });
}

export interface Deadline {
  kind: DeadlineKind;
  dueOn: string;
  overdue: boolean;
  description: string;
  agreement: AgreementEntity;
  party: PartyEntity | null;
  art20Decision: Art20DecisionEntity | null;
}

/**
 * What is due within `withinDays` of the request's moment, or overdue, on the agreements in force of the
 * caller's collaborations (O2, O5, O40): automatic renewals and the last day for notice before them, the
 * end of the maximum term, evaluations not recorded, parties leaving, art. 20 decisions running out.
 */
export async function agreementDeadlines(ctx: Context, collaborationId: string | null | undefined, withinDays: number): Promise<Deadline[]> {
  if (withinDays < 0 || withinDays > 3660) throw badInput('withinDays', 'between 0 and 3660');
  const today = isoDate(ctx.now);
  const horizon = addDays(today, withinDays);
  const qb = ctx.db
    .getRepository(AgreementEntity)
    .createQueryBuilder('a')
    .where('a.status = :signed', { signed: AgreementStatus.SIGNED })
    .andWhere(activePartySql(':memberOrg', 'a.collaboration_id', ':now'), { memberOrg: ctx.principal.organisationId, now: ctx.now });
  if (collaborationId) {
    if (!isUuid(collaborationId)) throw badInput('collaborationId', 'not an id');
    qb.andWhere('a.collaboration_id = :col', { col: collaborationId });
  }
  const agreements = await qb.getMany();
  if (!agreements.length) return [];
  const ids = agreements.map((a) => a.id);
  const [held, leaving, decisions] = await Promise.all([
    ctx.db.getRepository(AgreementEvaluationEntity).createQueryBuilder('e').where('e.agreement_id = ANY(:ids)', { ids }).getMany(),
    ctx.db
      .getRepository(PartyEntity)
      .createQueryBuilder('p')
      .where('p.agreement_id = ANY(:ids) AND p.left_at > :now AND p.left_at::date <= :horizon', { ids, now: ctx.now, horizon })
      .getMany(),
    ctx.db
      .getRepository(Art20DecisionEntity)
      .createQueryBuilder('d')
      .where('d.agreement_id = ANY(:ids) AND d.revoked_at IS NULL AND d.valid_from <= :today AND d.valid_until <= :horizon', { ids, today, horizon })
      .getMany(),
  ]);
  const out: Deadline[] = [];
  const push = (agreement: AgreementEntity, kind: DeadlineKind, dueOn: string, overdue: boolean, description: string, extra: Partial<Deadline> = {}) =>
    out.push({ agreement, kind, dueOn, overdue, description, party: null, art20Decision: null, ...extra });
  const within = (d: string | null): d is string => d !== null && today <= d && d <= horizon;
  for (const a of agreements) {
    const t = termState(a, today);
    if (within(t.nextRenewalOn)) push(a, DeadlineKind.RENEWAL, t.nextRenewalOn, false, `renewed automatically by ${a.renewalPeriodMonths} months unless notice is given (renewal ${t.renewalsUsed + 1}${a.maxRenewals != null ? ` of at most ${a.maxRenewals}` : ''})`);
    if (within(t.noticeDeadline)) push(a, DeadlineKind.NOTICE_DEADLINE, t.noticeDeadline, false, `last day to give notice (${a.noticePeriodMonths} months) before the renewal on ${t.nextRenewalOn}`);
    if (t.finalEndDate && t.finalEndDate <= horizon) {
      push(a, DeadlineKind.END_OF_TERM, t.finalEndDate, t.finalEndDate < today, 'the maximum term ends: no further automatic renewal');
    }
    for (const d of a.evaluationDates.map(toLocalDate)) {
      if (d > horizon || held.some((e) => e.agreementId === a.id && e.dueDate === d)) continue;
      push(a, DeadlineKind.EVALUATION, d, d < today, d < today ? 'evaluation overdue: none recorded' : 'evaluation due');
    }
    for (const p of leaving.filter((x) => x.agreementId === a.id)) {
      push(a, DeadlineKind.PARTY_LEAVING, isoDate(p.leftAt!), false, `a party leaves (${p.exitReason})`, { party: p });
    }
    for (const d of decisions.filter((x) => x.agreementId === a.id)) {
      const expired = d.validUntil <= today;
      push(a, DeadlineKind.ART20_EXPIRY, d.validUntil, expired,
        expired ? 'art. 20 decision expired: no police data flows; extend only after a written evaluation' : 'art. 20 decision runs out: extend only after a written evaluation',
        { art20Decision: d });
    }
  }
  return out.sort((x, y) => x.dueOn.localeCompare(y.dueOn) || x.kind.localeCompare(y.kind));
}
