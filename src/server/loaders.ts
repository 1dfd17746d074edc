import DataLoader from 'dataloader';
import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { AgreementEntity, Art20DecisionEntity, PartyEntity } from '../domain/agreement/agreement.entity.js';
import { CaseEntity, CaseParticipantEntity } from '../domain/case/case.entity.js';
import { CollaborationEntity } from '../domain/collaboration/collaboration.entity.js';
import { InformationItemEntity } from '../domain/information/information.entity.js';
import { ActionItemEntity, ActionPlanEntity, CaseMeetingEntity, InterventionEntity } from '../domain/meeting/meeting.entity.js';
import { MemberEntity } from '../domain/member/member.entity.js';
import { OrganisationEntity } from '../domain/organisation/organisation.entity.js';
import { SubjectEntity } from '../domain/subject/subject.entity.js';

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

/** A subject in a case: the link with the subject's pseudonym (SubjectEntity rows are primed from it). */
export interface CaseSubjectRow {
  caseId: string;
  subjectId: string;
  roleInCase: string | null;
  pseudonym: string;
  version: number;
}

/** The subjects of each case with their pseudonyms, in one statement per batch; the subject loader is primed. */
function subjectsByCase(ds: EntityManager, subject: DataLoader<string, SubjectEntity | null>) {
  return new DataLoader<string, CaseSubjectRow[]>(async (caseIds) => {
    const rows: (CaseSubjectRow & { createdAt: Date; updatedAt: Date; sourceSystem: string | null; externalId: string | null })[] = await ds.query(
      `SELECT cs.case_id AS "caseId", cs.subject_id AS "subjectId", cs.role_in_case AS "roleInCase",
              s.pseudonym, s.version, s.source_system AS "sourceSystem", s.external_id AS "externalId",
              s.created_at AS "createdAt", s.updated_at AS "updatedAt"
         FROM case_subject cs JOIN subject s ON s.id = cs.subject_id
        WHERE cs.case_id = ANY($1::uuid[])
        ORDER BY cs.created_at`,
      [[...caseIds]],
    );
    const groups = new Map<string, CaseSubjectRow[]>(caseIds.map((k) => [k, []]));
    for (const r of rows) {
      subject.prime(
        r.subjectId,
        Object.assign(new SubjectEntity(), {
          id: r.subjectId, pseudonym: r.pseudonym, version: r.version, sourceSystem: r.sourceSystem, externalId: r.externalId,
          createdAt: r.createdAt, updatedAt: r.updatedAt,
        }),
      );
      groups.get(r.caseId)?.push({ caseId: r.caseId, subjectId: r.subjectId, roleInCase: r.roleInCase, pseudonym: r.pseudonym, version: r.version });
    }
    return caseIds.map((k) => groups.get(k)!);
  });
}

/**
 * An information item as the loaders read it: what its GraphQL fields, the access engine and the webhook payload
 * read (not its import keys, restriction reason or creation time), with the moment its case's first meeting is scheduled.
 */
export type InformationItemRow = Omit<
  InformationItemEntity,
  'case' | 'subject' | 'providerOrganisation' | 'providerMember' | 'sourceSystem' | 'externalId' | 'restrictionReason' | 'createdAt'
> & { firstMeetingAt: Date | null };

/** The columns of an item row, in the order itemsByCase selects them. */
const ITEM_COLUMNS: readonly [key: keyof InformationItemRow & string, sql: string][] = [
  ['id', 'i.id'], ['caseId', 'i.case_id'], ['subjectId', 'i.subject_id'], ['category', 'i.category'],
  ['providerOrganisationId', 'i.provider_organisation_id'], ['providerMemberId', 'i.provider_member_id'], ['content', 'i.content'],
  ['kind', 'i.kind'], ['legalGround', 'i.legal_ground'], ['policeJustification', 'i.police_justification'], ['sharingRestriction', 'i.sharing_restriction'],
  ['informedStatus', 'i.informed_status'], ['consentStatus', 'i.consent_status'], ['viewableBeforeMeeting', 'i.viewable_before_meeting'],
  ['providedAt', 'i.provided_at'], ['restrictedAt', 'i.restricted_at'], ['version', 'i.version'], ['updatedAt', 'i.updated_at'],
];
const ITEM_TIMESTAMPS = new Set<string>(['providedAt', 'restrictedAt', 'updatedAt']);
/** A timestamp as float8 milliseconds since the epoch, floored as the driver's own parsing keeps whole milliseconds. */
const epochMs = (sql: string) => `floor(extract(epoch FROM ${sql}) * 1000)::float8`;

/**
 * The information items of these cases (only those in `categories`, when given) with the moment each case's first
 * meeting is (was) scheduled, as plain rows grouped by case: a page can hold a thousand items, and building entities
 * for them costs more than the query (issue 11). Timestamps come as numbers: parsing thousands of timestamp texts
 * per page was a sixth of reading the items.
 */
async function readItems(ds: EntityManager, caseIds: readonly string[], categories: readonly string[] | null): Promise<Map<string, InformationItemRow[]>> {
  const rows: Record<string, unknown>[] = await ds.query(
    `SELECT ${ITEM_COLUMNS.map(([k, sql]) => `${ITEM_TIMESTAMPS.has(k) ? epochMs(sql) : sql} AS "${k}"`).join(', ')},
            ${epochMs('m.first')} AS "firstMeetingAt"
       FROM information_item i
       LEFT JOIN (SELECT case_id, min(scheduled_at) AS first FROM case_meeting WHERE case_id = ANY($1::uuid[]) GROUP BY case_id) m
         ON m.case_id = i.case_id
      WHERE i.case_id = ANY($1::uuid[])${categories ? ' AND i.category = ANY($2::text[])' : ''}
      ORDER BY i.provided_at, i.id`,
    categories ? [caseIds, categories] : [caseIds],
  );
  const groups = new Map<string, InformationItemRow[]>(caseIds.map((k) => [k, []]));
  // One Date per case's first meeting, not one per item.
  const firstMeetings = new Map<string, Date | null>();
  for (const r of rows) {
    for (const k of ITEM_TIMESTAMPS) if (r[k] !== null) r[k] = new Date(r[k] as number);
    const caseId = r.caseId as string;
    let first = firstMeetings.get(caseId);
    if (first === undefined) firstMeetings.set(caseId, (first = r.firstMeetingAt === null ? null : new Date(r.firstMeetingAt as number)));
    r.firstMeetingAt = first;
    groups.get(caseId)?.push(r as InformationItemRow);
  }
  return groups;
}

/** Every item of each case: one statement per batch. */
function itemsByCase(ds: EntityManager) {
  return new DataLoader<string, InformationItemRow[]>(async (caseIds) => {
    const groups = await readItems(ds, caseIds, null);
    return caseIds.map((k) => groups.get(k)!);
  });
}

/** Which items of a case to read: those of these categories (sorted, so that equal lists share a cache entry). */
export interface ItemsInCategories {
  caseId: string;
  categories: readonly string[];
}

/**
 * The items of each case in the given categories only: what a subject's information can show is the items of the
 * categories the request's policy allows in the case (see RequestAccess.categoriesToRead); the others are not read.
 * One statement per batch, over the batch's categories together; each case then keeps only its own.
 */
function itemsInCategories(ds: EntityManager) {
  return new DataLoader<ItemsInCategories, InformationItemRow[], string>(
    async (keys) => {
      const groups = await readItems(ds, [...new Set(keys.map((k) => k.caseId))], [...new Set(keys.flatMap((k) => k.categories))]);
      return keys.map((k) => groups.get(k.caseId)!.filter((r) => k.categories.includes(r.category)));
    },
    { cacheKeyFn: (k) => `${k.caseId}|${k.categories.join(',')}` },
  );
}

/** Per-request batching loaders (DataLoader): a page costs a fixed number of statements. */
export function createLoaders(ds: EntityManager) {
  const subject = byId(ds, SubjectEntity);
  return {
    organisation: byId(ds, OrganisationEntity),
    member: byId(ds, MemberEntity),
    collaboration: byId(ds, CollaborationEntity),
    case: byId(ds, CaseEntity),
    party: byId(ds, PartyEntity),
    subject,
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
    subjectsByCase: subjectsByCase(ds, subject),
    itemsByCase: itemsByCase(ds),
    itemsInCategories: itemsInCategories(ds),
    meeting: byId(ds, CaseMeetingEntity),
    meetingsByCase: groupBy(ds, CaseMeetingEntity, 'caseId', { scheduledAt: 'ASC' }),
    actionItemsByMeeting: groupBy(ds, ActionItemEntity, 'meetingId', { createdAt: 'ASC' }),
    actionPlansByCase: groupBy(ds, ActionPlanEntity, 'caseId'),
    interventionsByPlan: groupBy(ds, InterventionEntity, 'actionPlanId', { createdAt: 'ASC' }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
