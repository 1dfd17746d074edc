import type { EntityManager } from 'typeorm';
import { AgreementStatus } from '../agreement/agreement.entity.js';

/** Is the organisation a party to a signed agreement of the collaboration? (O1, O6) */
export async function isPartyOf(em: EntityManager, organisationId: string, collaborationId: string): Promise<boolean> {
  const rows: unknown[] = await em.query(
    `SELECT 1 FROM party p JOIN agreement a ON a.id = p.agreement_id
      WHERE p.organisation_id = $1 AND a.collaboration_id = $2 AND a.status = $3 LIMIT 1`,
    [organisationId, collaborationId, AgreementStatus.SIGNED],
  );
  return rows.length > 0;
}

/** SQL condition: collaboration `alias` has the organisation :memberOrg as a party. */
export const COLLABORATION_OF_MEMBER_ORG =
  'EXISTS (SELECT 1 FROM party p JOIN agreement a ON a.id = p.agreement_id WHERE a.collaboration_id = col.id AND p.organisation_id = :memberOrg)';
