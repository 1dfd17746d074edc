import DataLoader from 'dataloader';
import type { EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import type { Principal } from '../../auth/authenticate.js';
import { activePartySql } from '../collaboration/membership.js';
import { ParticipantRole } from './case.entity.js';

/**
 * A participation counts while it is an ad-hoc invitation of one member whose signed confidentiality
 * statement has been recorded (O20; Zeist art. 11), or the organisation is an active party of the case's
 * collaboration at the request's moment: a departed or excluded party loses every case on the next
 * request (O40), an acceding one gains none before its accession form (O3). A removed participation is
 * a deleted row: it counts on no later request.
 */
const participationCounts = (cp: string, collaborationExpr: string, nowExpr: string) =>
  `((${cp}.role = 'AD_HOC' AND ${cp}.confidentiality_signed_at IS NOT NULL AND ${cp}.confidentiality_signed_at <= ${nowExpr}) OR ` +
  `(${cp}.role = 'PARTNER' AND ${activePartySql(`${cp}.organisation_id`, collaborationExpr, nowExpr)}))`;

/** The collaboration of a case by its id, for where the case row itself is not at hand. */
const collaborationOfCase = (caseIdExpr: string) => `(SELECT cc.collaboration_id FROM "case" cc WHERE cc.id = ${caseIdExpr})`;

/**
 * Row scope (O6): a principal sees a case only when its organisation takes part in it — as PARTNER
 * (any member of the organisation) or as AD_HOC (only the member invited). This is a WHERE clause,
 * applied before pagination, sorting, filtering and counting.
 */
export function whereCaseVisible<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, caseAlias: string, p: Principal, now: Date) {
  return qb.andWhere(
    `EXISTS (SELECT 1 FROM case_participant cp WHERE cp.case_id = ${caseAlias}.id ` +
      `AND cp.organisation_id = :scopeOrg AND (cp.member_id IS NULL OR cp.member_id = :scopeMember) ` +
      `AND ${participationCounts('cp', `${caseAlias}.collaboration_id`, ':scopeNow')})`,
    { scopeOrg: p.organisationId, scopeMember: p.memberId, scopeNow: now },
  );
}

/**
 * The same scope, narrowed first to the cases the principal's organisation (or the member) has a participation row in:
 * implied by whereCaseVisible, so the rows are the same, but an equality semi-join the planner can start from. Counting
 * a busy partner's cases otherwise scans every case, each with its row-level-security check (100,000 cases: 640 ms
 * against about 300; issue 11). Apply with whereCaseVisible, for a count.
 */
export function whereOwnParticipationFirst<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, caseAlias: string, p: Principal) {
  return qb.andWhere(
    `${caseAlias}.id IN (SELECT own.case_id FROM case_participant own WHERE own.organisation_id = :ownOrg AND (own.member_id IS NULL OR own.member_id = :ownMember))`,
    { ownOrg: p.organisationId, ownMember: p.memberId },
  );
}

/**
 * SQL expression (TypeORM parameters :scopeOrg, :scopeMember, :scopeNow): how the principal takes part in
 * the case `caseAlias` — 'PARTNER' (outweighing an AD_HOC invitation of the same organisation), 'AD_HOC', or NULL.
 * Lets a list read its page and the participation of each case in one statement.
 */
export const participationRoleSql = (caseAlias: string) =>
  `(SELECT CASE WHEN bool_or(cp.role = 'PARTNER') THEN 'PARTNER' WHEN bool_or(cp.role = 'AD_HOC') THEN 'AD_HOC' END
      FROM case_participant cp WHERE cp.case_id = ${caseAlias}.id
       AND cp.organisation_id = :scopeOrg AND (cp.member_id IS NULL OR cp.member_id = :scopeMember)
       AND ${participationCounts('cp', `${caseAlias}.collaboration_id`, ':scopeNow')})`;

/** The participation loader of one request, with what it has already worked out (for synchronous lookups). */
export type ParticipationLoader = DataLoader<string, ParticipantRole | null> & {
  /** Case id → role (or null) for every case the loader has answered in this request. */
  readonly known: ReadonlyMap<string, ParticipantRole | null>;
  /** Take a participation another statement of this request already read (see participationRoleSql). */
  remember(caseId: string, role: ParticipantRole | null): void;
};

/**
 * How the principal takes part in each case (PARTNER, AD_HOC, or null): worked out once per case per
 * request, batched into one statement; field rules are then lookups in `known`.
 */
export function participationLoader(ds: EntityManager, p: Principal, now: Date): ParticipationLoader {
  const known = new Map<string, ParticipantRole | null>();
  const loader = new DataLoader<string, ParticipantRole | null>(async (caseIds) => {
    const rows: { case_id: string; role: ParticipantRole }[] = await ds.query(
      `SELECT case_id, role FROM case_participant cp
        WHERE case_id = ANY($1::uuid[]) AND organisation_id = $2 AND (member_id IS NULL OR member_id = $3)
          AND ${participationCounts('cp', collaborationOfCase('cp.case_id'), '$4::timestamptz')}`,
      [[...caseIds], p.organisationId, p.memberId, now],
    );
    const byCase = new Map<string, ParticipantRole>();
    // A PARTNER participation outweighs an AD_HOC one of the same organisation.
    for (const r of rows) if (byCase.get(r.case_id) !== ParticipantRole.PARTNER) byCase.set(r.case_id, r.role);
    return caseIds.map((id) => {
      const role = byCase.get(id) ?? null;
      known.set(id, role);
      return role;
    });
  });
  const remember = (caseId: string, role: ParticipantRole | null) => {
    known.set(caseId, role);
    loader.prime(caseId, role);
  };
  return Object.assign(loader, { known: known as ReadonlyMap<string, ParticipantRole | null>, remember });
}
