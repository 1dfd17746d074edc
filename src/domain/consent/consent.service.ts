import type { EntityManager } from 'typeorm';
import { auditedTransaction } from '../../audit/audited-transaction.js';
import { badInput } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { CaseParticipantEntity, ParticipantRole } from '../case/case.entity.js';
import { requirePartnerIn } from '../case/case.service.js';
import { ConsentStatus, InformationItemEntity, InformedStatus } from '../information/information.entity.js';
import { CaseSubjectEntity } from '../subject/subject.entity.js';
import {
  AgeBand,
  ConsentRecordEntity,
  InformingException,
  InformingRecordEntity,
  REPRESENTATION_BY_AGE,
  Representation,
} from './consent.entity.js';
import type { RecordConsentInput, RecordInformingInput } from './consent.inputs.js';

/** O24 (Zeist 13.2–13.3): who is informed or consents follows from the subject's age band. */
export function representationFailure(ageBand: AgeBand | null | undefined, representation: Representation | null | undefined): { field: string; message: string } | null {
  if (!ageBand) return { field: 'ageBand', message: 'the age band decides who is informed or consents (Zeist 13.2)' };
  if (!representation) return { field: 'representation', message: 'say who was informed or consented' };
  const needed = REPRESENTATION_BY_AGE[ageBand];
  if (representation !== needed) {
    return { field: 'representation', message: `for ${ageBand} this is ${needed} (Zeist 13.2–13.3)` };
  }
  return null;
}

async function requireSubjectOf(em: EntityManager, caseId: string, subjectId: string) {
  if (!(await em.existsBy(CaseSubjectEntity, { caseId, subjectId }))) throw badInput('subjectId', 'not a subject of this case');
}

/**
 * The provider's items about this subject follow its latest records: the records are the source, the
 * items' `informed_status` / `consent_status` columns (read by the policy's item conditions) are kept in
 * step in the same transaction.
 */
async function applyToItems(em: EntityManager, caseId: string, subjectId: string, providerOrganisationId: string, set: Partial<InformationItemEntity>) {
  await em.update(InformationItemEntity, { caseId, subjectId, providerOrganisationId }, set);
}

/** The statuses a new item of this provider about this subject takes from its latest records (if any). */
export async function recordedStatuses(em: EntityManager, caseId: string, subjectId: string, providerOrganisationId: string) {
  const where = { caseId, subjectId, providerOrganisationId };
  // One after the other: a transaction is one connection.
  const informing = await em.findOne(InformingRecordEntity, { where, order: { recordedAt: 'DESC', createdAt: 'DESC' } });
  const consent = await em.findOne(ConsentRecordEntity, { where, order: { recordedAt: 'DESC', createdAt: 'DESC' } });
  return { informedStatus: informing?.status, consentStatus: consent?.status };
}

/**
 * Record how the caller's organisation informed a subject (O22; Zeist art. 8): beforehand — when, how, and
 * whom the age band requires (O24) — or under an exception of 8.2 a–e or a safety deviation (O26), saying
 * why and which partner informs afterwards (8.3); or not informed.
 */
export async function recordInforming(ctx: Context, input: RecordInformingInput): Promise<InformingRecordEntity> {
  const c = await requirePartnerIn(ctx, input.caseId);
  const p = ctx.principal;
  const row: Partial<InformingRecordEntity> = {
    caseId: c.id, subjectId: input.subjectId, providerOrganisationId: p.organisationId, status: input.status,
    recordedById: p.memberId, recordedAt: ctx.now,
  };
  switch (input.status) {
    case InformedStatus.INFORMED: {
      const f = representationFailure(input.ageBand, input.representation);
      if (f) throw badInput(f.field, f.message);
      if (!input.informedAt) throw badInput('informedAt', 'when the resident was informed');
      if (input.informedAt > ctx.now) throw badInput('informedAt', 'informing is recorded after it happened');
      if (!input.method?.trim()) throw badInput('method', 'how the resident was informed (Zeist 8.1: preferably orally)');
      Object.assign(row, { ageBand: input.ageBand, representation: input.representation, informedAt: input.informedAt, method: input.method.trim() });
      break;
    }
    case InformedStatus.EXCEPTION: {
      if (!input.exceptionGround) throw badInput('exceptionGround', 'the ground of Zeist 8.2 a–e, or SAFETY_DEVIATION');
      if (!input.explanation?.trim()) throw badInput('explanation', 'why informing beforehand was not possible (8.3)');
      if (!input.informsAfterwardsOrganisationId) throw badInput('informsAfterwardsOrganisationId', 'the partner that informs afterwards (8.3)');
      Object.assign(row, {
        exceptionGround: input.exceptionGround as InformingException, explanation: input.explanation.trim(),
        informsAfterwardsOrganisationId: input.informsAfterwardsOrganisationId,
      });
      break;
    }
    case InformedStatus.NOT_INFORMED:
      break;
    default:
      throw badInput('status', 'INFORMED, EXCEPTION or NOT_INFORMED');
  }
  return auditedTransaction(ctx, 'recordInforming', async (em) => {
    await requireSubjectOf(em, c.id, input.subjectId);
    if (row.informsAfterwardsOrganisationId) {
      const partner = await em.existsBy(CaseParticipantEntity, {
        caseId: c.id, organisationId: row.informsAfterwardsOrganisationId, role: ParticipantRole.PARTNER,
      });
      if (!partner) throw badInput('informsAfterwardsOrganisationId', 'a partner taking part in the case');
    }
    const saved = await em.save(em.create(InformingRecordEntity, row));
    await applyToItems(em, c.id, input.subjectId, p.organisationId, { informedStatus: input.status });
    return saved;
  });
}

/**
 * Record consent for the caller's organisation's sharing about a subject (O23; Zeist art. 9): given or
 * refused by whom the age band requires (O24), or the organisation's own weighing when there is none
 * (9.2), or why none is needed (no care relationship).
 */
export async function recordConsent(ctx: Context, input: RecordConsentInput): Promise<ConsentRecordEntity> {
  const c = await requirePartnerIn(ctx, input.caseId);
  const p = ctx.principal;
  const row: Partial<ConsentRecordEntity> = {
    caseId: c.id, subjectId: input.subjectId, providerOrganisationId: p.organisationId, status: input.status,
    recordedById: p.memberId, recordedAt: ctx.now,
  };
  switch (input.status) {
    case ConsentStatus.GIVEN:
    case ConsentStatus.REFUSED: {
      const f = representationFailure(input.ageBand, input.representation);
      if (f) throw badInput(f.field, f.message);
      Object.assign(row, { ageBand: input.ageBand, representation: input.representation });
      break;
    }
    case ConsentStatus.WEIGHED:
    case ConsentStatus.NOT_REQUIRED:
      if (!input.explanation?.trim()) {
        throw badInput('explanation', input.status === ConsentStatus.WEIGHED ? 'the weighing of the compelling interest (Zeist 9.2)' : 'why no consent is needed');
      }
      row.explanation = input.explanation.trim();
      break;
    default:
      throw badInput('status', 'GIVEN, REFUSED, WEIGHED or NOT_REQUIRED');
  }
  return auditedTransaction(ctx, 'recordConsent', async (em) => {
    await requireSubjectOf(em, c.id, input.subjectId);
    const saved = await em.save(em.create(ConsentRecordEntity, row));
    await applyToItems(em, c.id, input.subjectId, p.organisationId, { consentStatus: input.status });
    return saved;
  });
}

export function informingOf(ctx: Context, caseId: string, subjectId: string): Promise<InformingRecordEntity[]> {
  return ctx.db.find(InformingRecordEntity, { where: { caseId, subjectId }, order: { recordedAt: 'ASC', createdAt: 'ASC' } });
}

export function consentsOf(ctx: Context, caseId: string, subjectId: string): Promise<ConsentRecordEntity[]> {
  return ctx.db.find(ConsentRecordEntity, { where: { caseId, subjectId }, order: { recordedAt: 'ASC', createdAt: 'ASC' } });
}
