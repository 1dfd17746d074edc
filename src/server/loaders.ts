import DataLoader from 'dataloader';
import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { AgreementEntity, Art20DecisionEntity, PartyEntity } from '../domain/agreement/agreement.entity.js';
import { CaseEntity, CaseParticipantEntity } from '../domain/case/case.entity.js';
import { CollaborationEntity } from '../domain/collaboration/collaboration.entity.js';
import { InformationItemEntity } from '../domain/information/information.entity.js';
import { ActionItemEntity, ActionPlanEntity, CaseMeetingEntity, InterventionEntity } from '../domain/meeting/meeting.entity.js';
import { MemberEntity } from '../domain/member/member.entity.js';
import { OrganisationEntity } from '../domain/organisation/organisation.entity.js';
import { CaseSubjectEntity, SubjectEntity } from '../domain/subject/subject.entity.js';

/** One row per id, in key order (null where missing): one SQL statement per batch. */
function byId<T extends ObjectLiteral & { id: string }>(ds: EntityManager, entity: EntityTarget<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await ds.getRepository(entity).findBy({ id: In([...ids]) } as never);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** All rows whose `column` equals each key, in `order`: one SQL statement per batch. */
function groupBy<T extends ObjectLiteral>(
  ds: EntityManager,
  entity: EntityTarget<T>,
  column: keyof T & string,
  order: Partial<Record<keyof T & string, 'ASC' | 'DESC'>> = {},
) {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await ds.getRepository(entity).find({ where: { [column]: In([...keys]) } as never, order: order as never });
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const r of rows) groups.get(r[column] as string)?.push(r);
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/** Per-request batching loaders (DataLoader): a page costs a fixed number of statements. */
export function createLoaders(ds: EntityManager) {
  return {
    organisation: byId(ds, OrganisationEntity),
    member: byId(ds, MemberEntity),
    collaboration: byId(ds, CollaborationEntity),
    case: byId(ds, CaseEntity),
    party: byId(ds, PartyEntity),
    subject: byId(ds, SubjectEntity),
    agreementsByCollaboration: groupBy(ds, AgreementEntity, 'collaborationId', { effectiveDate: 'ASC', version: 'ASC' }),
    partiesByAgreement: groupBy(ds, PartyEntity, 'agreementId', { createdAt: 'ASC' }),
    decisionsByAgreement: groupBy(ds, Art20DecisionEntity, 'agreementId', { validFrom: 'ASC' }),
    recipientsByDecision: new DataLoader<string, string[]>(async (ids) => {
      const rows: { decision_id: string; party_id: string }[] = await ds.query(
        'SELECT decision_id, party_id FROM art20_decision_recipient WHERE decision_id = ANY($1)',
        [[...ids]],
      );
      return ids.map((id) => rows.filter((r) => r.decision_id === id).map((r) => r.party_id));
    }),
    participantsByCase: groupBy(ds, CaseParticipantEntity, 'caseId', { createdAt: 'ASC' }),
    subjectsByCase: groupBy(ds, CaseSubjectEntity, 'caseId', { createdAt: 'ASC' }),
    itemsByCase: groupBy(ds, InformationItemEntity, 'caseId', { providedAt: 'ASC' }),
    meetingsByCase: groupBy(ds, CaseMeetingEntity, 'caseId', { scheduledAt: 'ASC' }),
    actionItemsByMeeting: groupBy(ds, ActionItemEntity, 'meetingId', { createdAt: 'ASC' }),
    actionPlansByCase: groupBy(ds, ActionPlanEntity, 'caseId'),
    interventionsByPlan: groupBy(ds, InterventionEntity, 'actionPlanId', { createdAt: 'ASC' }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
