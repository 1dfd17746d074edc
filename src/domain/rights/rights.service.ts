import { auditedTransaction } from '../../audit/audited-transaction.js';
import { badInput, conflict, forbidden, notFound } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { isPartyOf } from '../collaboration/membership.js';
import { CollaborationEntity } from '../collaboration/collaboration.entity.js';
import { InformationItemEntity } from '../information/information.entity.js';
import {
  CorrectionKind,
  CorrectionNoticeEntity,
  RightsPartyStatus,
  RightsRequestEntity,
  RightsRequester,
  RightsRequestPartyEntity,
} from './rights.entity.js';
import type { AnswerRightsRequestInput, CorrectInformationInput, ExtendRightsRequestInput, RegisterRightsRequestInput } from './rights.inputs.js';
import { addMonthsAt, ageOn } from './rights-time.js';
import { isUuid } from '../../common/ids.js';

/*
 * Data-subject rights across every party (O34; AVG 12, 15–21; privacy convenant 5; Zeist 13).
 * One contact point per collaboration receives a request and fans it out to the parties responsible for
 * data about the subject; each party has a status and a deadline of one month, extendable once by at most
 * two months with a reason (AVG 12(3)). Officers' reads run on ctx.system (behind the privacyOfficer rule)
 * and are limited to the collaborations of which the officer's organisation is an active party.
 */

/** The collaboration, if the caller's organisation is an active party of it now; NOT_FOUND otherwise. */
export async function myCollaboration(ctx: Context, collaborationId: string): Promise<CollaborationEntity> {
  const c = isUuid(collaborationId) ? await ctx.db.findOneBy(CollaborationEntity, { id: collaborationId }) : null;
  if (!c || !(await isPartyOf(ctx.db, ctx.principal.organisationId, c.id, ctx.now))) throw notFound('Collaboration');
  return c;
}

/** The subject (by pseudonym) if it is a subject of a case of the collaboration; BAD_USER_INPUT `subject` otherwise. */
export async function subjectOf(ctx: Context, collaborationId: string, pseudonym: string): Promise<string> {
  const rows: { id: string }[] = await ctx.system.query(
    `SELECT s.id FROM subject s WHERE s.pseudonym = $1 AND EXISTS (SELECT 1 FROM case_subject cs JOIN "case" c ON c.id = cs.case_id
       WHERE cs.subject_id = s.id AND c.collaboration_id = $2)`,
    [pseudonym, collaborationId],
  );
  if (!rows.length) throw badInput('subject', 'no subject with this pseudonym in the collaboration');
  return rows[0].id;
}

/** O24 (Zeist 13.2–13.3): under 12 the legal representative, from 12 to 16 both, from 16 the subject. */
export function requiredRequester(age: number): RightsRequester {
  if (age < 12) return RightsRequester.LEGAL_REPRESENTATIVE;
  if (age < 16) return RightsRequester.SUBJECT_AND_REPRESENTATIVE;
  return RightsRequester.SUBJECT;
}

export async function registerRightsRequest(ctx: Context, input: RegisterRightsRequestInput): Promise<RightsRequestEntity> {
  const col = await myCollaboration(ctx, input.collaborationId);
  if (col.rightsContactOrganisationId && col.rightsContactOrganisationId !== ctx.principal.organisationId) {
    throw forbidden('Requests are received by the collaboration’s contact point', { reason: 'NOT_CONTACT_POINT' });
  }
  const receivedAt = input.receivedAt ?? ctx.now;
  if (receivedAt > ctx.now) throw badInput('receivedAt', 'lies in the future');
  const age = ageOn(input.subjectBirthDate, receivedAt);
  if (age < 0) throw badInput('subjectBirthDate', 'lies after the request');
  const required = requiredRequester(age);
  if (input.requestedBy !== required) {
    throw badInput('requestedBy', `a subject aged ${age} exercises the right as ${required} (Zeist 13.2–13.3)`);
  }
  if (required !== RightsRequester.SUBJECT && !input.representativeName?.trim()) {
    throw badInput('representativeName', 'the legal representative is named');
  }
  const subjectId = await subjectOf(ctx, col.id, input.subject);
  // Responsible: every party that provided data about the subject in this collaboration, and the contact point.
  const providers: { organisation_id: string }[] = await ctx.system.query(
    `SELECT DISTINCT i.provider_organisation_id AS organisation_id FROM information_item i JOIN "case" c ON c.id = i.case_id
      WHERE i.subject_id = $1 AND c.collaboration_id = $2`,
    [subjectId, col.id],
  );
  const orgs = new Set([ctx.principal.organisationId, ...providers.map((p) => p.organisation_id)]);
  return auditedTransaction(ctx, 'registerRightsRequest', async (em) => {
    const r = await em.save(
      em.create(RightsRequestEntity, {
        collaborationId: col.id,
        subjectId,
        kind: input.kind,
        receivedAt,
        receivingOrganisationId: ctx.principal.organisationId,
        registeredById: ctx.principal.memberId,
        requestedBy: input.requestedBy,
        subjectBirthDate: input.subjectBirthDate,
        representativeName: input.representativeName?.trim() || null,
        description: input.description,
      }),
    );
    const dueAt = addMonthsAt(receivedAt, 1);
    await em.save(RightsRequestPartyEntity, [...orgs].map((organisationId) => ({ requestId: r.id, organisationId, dueAt })));
    return r;
  });
}

/** The caller's organisation's part of a request, locked; NOT_FOUND if its organisation has none. */
async function myPart(em: Context['db'], ctx: Context, requestId: string): Promise<RightsRequestPartyEntity> {
  const p = isUuid(requestId)
    ? await em.findOne(RightsRequestPartyEntity, { where: { requestId, organisationId: ctx.principal.organisationId }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (!p) throw notFound('Rights request');
  return p;
}

export function answerRightsRequest(ctx: Context, input: AnswerRightsRequestInput): Promise<RightsRequestPartyEntity> {
  if (input.status === RightsPartyStatus.OPEN) throw badInput('status', 'COMPLETED or REFUSED');
  return auditedTransaction(ctx, 'answerRightsRequest', async (em) => {
    const p = await myPart(em, ctx, input.requestId);
    if (p.status !== RightsPartyStatus.OPEN) throw conflict('Your organisation has answered already');
    Object.assign(p, { status: input.status, outcome: input.outcome, completedAt: ctx.now, handledById: ctx.principal.memberId });
    return em.save(p);
  });
}

/** AVG 12(3): extended once, by at most two months, with a reason, before the first month has passed. */
export function extendRightsRequest(ctx: Context, input: ExtendRightsRequestInput): Promise<RightsRequestPartyEntity> {
  return auditedTransaction(ctx, 'extendRightsRequest', async (em) => {
    const p = await myPart(em, ctx, input.requestId);
    if (p.status !== RightsPartyStatus.OPEN) throw conflict('Your organisation has answered already');
    if (p.extendedAt) throw conflict('The deadline was extended already (at most once, by two months)');
    if (ctx.now > p.dueAt) throw conflict('An extension is announced within the first month (AVG 12(3))');
    Object.assign(p, { dueAt: addMonthsAt(p.dueAt, input.months), extendedAt: ctx.now, extensionReason: input.reason, handledById: ctx.principal.memberId });
    return em.save(p);
  });
}

export interface RightsRequestRow {
  id: string; kind: string; collaborationId: string; subjectPseudonym: string; receivedAt: Date; receivingOrganisationName: string;
  requestedBy: string; representativeName: string | null; subjectAgeAtReceipt: number; description: string;
  parties: RightsPartyRow[];
}
export interface RightsPartyRow {
  id: string; organisationId: string; organisationName: string; status: string; dueAt: Date; overdue: boolean;
  extendedAt: Date | null; extensionReason: string | null; completedAt: Date | null; outcome: string | null;
}

/** Requests the caller's organisation received or is responsible for; overdueOnly: those with a party past its deadline. */
export async function listRightsRequests(ctx: Context, overdueOnly: boolean): Promise<RightsRequestRow[]> {
  const rows: any[] = await ctx.system.query(
    `SELECT r.id, r.kind, r.collaboration_id AS "collaborationId", s.pseudonym AS "subjectPseudonym", r.received_at AS "receivedAt",
            o.name AS "receivingOrganisationName", r.requested_by AS "requestedBy", r.representative_name AS "representativeName",
            to_char(r.subject_birth_date, 'YYYY-MM-DD') AS "birth", r.description
       FROM rights_request r JOIN subject s ON s.id = r.subject_id JOIN organisation o ON o.id = r.receiving_organisation_id
      WHERE EXISTS (SELECT 1 FROM rights_request_party p WHERE p.request_id = r.id AND p.organisation_id = $1)
      ORDER BY r.received_at, r.id`,
    [ctx.principal.organisationId],
  );
  const parties: any[] = rows.length
    ? await ctx.system.query(
        `SELECT p.id, p.request_id AS "requestId", p.organisation_id AS "organisationId", o.name AS "organisationName", p.status,
                p.due_at AS "dueAt", p.extended_at AS "extendedAt", p.extension_reason AS "extensionReason",
                p.completed_at AS "completedAt", p.outcome
           FROM rights_request_party p JOIN organisation o ON o.id = p.organisation_id WHERE p.request_id = ANY($1) ORDER BY o.name`,
        [rows.map((r) => r.id)],
      )
    : [];
  const result = rows.map((r) => ({
    ...r,
    subjectAgeAtReceipt: ageOn(r.birth, r.receivedAt),
    parties: parties
      .filter((p) => p.requestId === r.id)
      .map((p) => ({ ...p, overdue: p.status === RightsPartyStatus.OPEN && ctx.now > p.dueAt })),
  }));
  return overdueOnly ? result.filter((r) => r.parties.some((p: RightsPartyRow) => p.overdue)) : result;
}

// ---------------------------------------------------------------------------------------------------------
// Rectification, erasure and restriction (O13, O34; AVG 16–19; besluit §5.5)

/** The item, if the caller's organisation provided it (it decides on its own data; O14). */
async function myItem(em: Context['db'], ctx: Context, itemId: string): Promise<InformationItemEntity> {
  const item = isUuid(itemId) ? await em.findOne(InformationItemEntity, { where: { id: itemId }, lock: { mode: 'pessimistic_write' } }) : null;
  if (!item) throw notFound('Information item');
  if (item.providerOrganisationId !== ctx.principal.organisationId) {
    throw forbidden('Only the providing organisation corrects its data', { reason: 'NOT_PROVIDER' });
  }
  return item;
}

/** Every other organisation the disclosure log shows received the item (AVG 19: every recipient). */
async function recipientsOf(em: Context['db'], item: InformationItemEntity): Promise<string[]> {
  const rows: { org: string }[] = await em.query(
    `SELECT DISTINCT recipient_organisation_id AS org FROM disclosure_log WHERE $1::uuid = ANY(item_ids) AND recipient_organisation_id <> $2`,
    [item.id, item.providerOrganisationId],
  );
  return rows.map((r) => r.org);
}

async function checkRequest(em: Context['db'], ctx: Context, item: InformationItemEntity, requestId: string | null | undefined) {
  if (!requestId) return null;
  if (!isUuid(requestId)) throw badInput('rightsRequestId', 'not a request of this subject for your organisation');
  const p = await em.findOneBy(RightsRequestPartyEntity, { requestId, organisationId: ctx.principal.organisationId });
  const r = p ? await em.findOneBy(RightsRequestEntity, { id: requestId }) : null;
  if (!r || r.subjectId !== item.subjectId) throw badInput('rightsRequestId', 'not a request of this subject for your organisation');
  return r.id;
}

export interface CorrectionResult { kind: CorrectionKind; itemId: string; notices: CorrectionNoticeEntity[] }

/**
 * Apply a correction to an item the caller's organisation provided and send a notice to every organisation
 * that received it. Rectification replaces the content; erasure removes the item for real (O38);
 * restriction keeps it but withholds it from everyone but its provider (the engine's RESTRICTED).
 */
export function correctInformation(ctx: Context, kind: CorrectionKind, input: CorrectInformationInput): Promise<CorrectionResult> {
  if (kind === CorrectionKind.RECTIFICATION && !input.content?.trim()) throw badInput('content', 'the corrected content is required');
  return auditedTransaction(ctx, kind === CorrectionKind.RECTIFICATION ? 'rectifyInformation' : kind === CorrectionKind.ERASURE ? 'eraseInformation' : 'restrictInformation', async (em) => {
    const item = await myItem(em, ctx, input.itemId);
    const rightsRequestId = await checkRequest(em, ctx, item, input.rightsRequestId);
    const recipients = await recipientsOf(em, item);
    if (kind === CorrectionKind.RECTIFICATION) {
      item.content = input.content!.trim();
      await em.save(item);
    } else if (kind === CorrectionKind.RESTRICTION) {
      if (item.restrictedAt) throw conflict('The item is restricted already');
      Object.assign(item, { restrictedAt: ctx.now, restrictionReason: input.reason });
      await em.save(item);
    } else {
      await em.delete(InformationItemEntity, { id: item.id });
    }
    const notices = await em.save(
      CorrectionNoticeEntity,
      recipients.map((recipientOrganisationId) =>
        em.create(CorrectionNoticeEntity, {
          kind, informationItemId: item.id, category: item.category, caseId: item.caseId, subjectId: item.subjectId,
          providerOrganisationId: item.providerOrganisationId, recipientOrganisationId, rightsRequestId, reason: input.reason,
          notifiedAt: ctx.now, notifiedById: ctx.principal.memberId,
        }),
      ),
    );
    return { kind, itemId: item.id, notices };
  });
}

/** A recipient acknowledges a notice (and has corrected or removed its copy). */
export function acknowledgeCorrection(ctx: Context, noticeId: string): Promise<CorrectionNoticeEntity> {
  return auditedTransaction(ctx, 'acknowledgeCorrection', async (em) => {
    const n = isUuid(noticeId) ? await em.findOne(CorrectionNoticeEntity, { where: { id: noticeId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!n || n.recipientOrganisationId !== ctx.principal.organisationId) throw notFound('Correction notice');
    if (n.acknowledgedAt) throw conflict('Acknowledged already');
    Object.assign(n, { acknowledgedAt: ctx.now, acknowledgedById: ctx.principal.memberId });
    return em.save(n);
  });
}

/** Notices the caller's organisation sent or received; openOnly: not yet acknowledged. */
export function listCorrectionNotices(ctx: Context, openOnly: boolean): Promise<CorrectionNoticeEntity[]> {
  const qb = ctx.db
    .getRepository(CorrectionNoticeEntity)
    .createQueryBuilder('n')
    .where('(n.recipient_organisation_id = :o OR n.provider_organisation_id = :o)', { o: ctx.principal.organisationId })
    .orderBy('n.notified_at', 'ASC')
    .addOrderBy('n.id', 'ASC');
  if (openOnly) qb.andWhere('n.acknowledged_at IS NULL');
  return qb.getMany();
}

