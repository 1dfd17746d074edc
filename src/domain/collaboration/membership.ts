import type { EntityManager } from 'typeorm';

/**
 * Membership of a collaboration at a moment (O1, O3, O4, O40): the organisation is a party of a SIGNED
 * agreement of the collaboration, has signed it (for an accession: the accession form) at or before that
 * moment, and has not left it by then (notice, exclusion, rejected amendment). Evaluated on every request
 * at the request's moment, so an accession counts from its signing and a departure from the next request.
 *
 * SQL condition with the organisation, collaboration and moment as SQL expressions.
 */
export function activePartySql(orgExpr: string, collaborationExpr: string, nowExpr: string): string {
  return `EXISTS (SELECT 1 FROM party ap JOIN agreement aa ON aa.id = ap.agreement_id
    WHERE ap.organisation_id = ${orgExpr} AND aa.collaboration_id = ${collaborationExpr} AND aa.status = 'SIGNED'
      AND ap.signed_at IS NOT NULL AND ap.signed_at <= ${nowExpr} AND (ap.left_at IS NULL OR ap.left_at > ${nowExpr}))`;
}

/** Is the organisation an active party of the collaboration at `now`? (O1, O6, O40) */
export async function isPartyOf(em: EntityManager, organisationId: string, collaborationId: string, now: Date): Promise<boolean> {
  const rows: unknown[] = await em.query(`SELECT 1 WHERE ${activePartySql('$1::uuid', '$2::uuid', '$3::timestamptz')}`, [
    organisationId,
    collaborationId,
    now,
  ]);
  return rows.length > 0;
}

/** SQL condition (TypeORM parameters :memberOrg, :now): collaboration `col` has :memberOrg as an active party. */
export const COLLABORATION_OF_MEMBER_ORG = activePartySql(':memberOrg', 'col.id', ':now');
