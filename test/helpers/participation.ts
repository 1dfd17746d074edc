import type { DataSource } from 'typeorm';
import { principalByLogin } from '../../src/auth/authenticate';

/**
 * The references of the cases a member's organisation (or, ad hoc, the member) takes part in, read as the owner
 * (no row-level security): what a member's session may see, to compare with what it does see.
 */
export async function participatingRefs(ds: DataSource, login: string): Promise<string[]> {
  const p = await principalByLogin(ds, login);
  if (!p) throw new Error(`no member ${login}`);
  const rows = await ds.query(
    `SELECT DISTINCT c.reference FROM "case" c JOIN case_participant cp ON cp.case_id = c.id
      WHERE cp.organisation_id = $1 AND (cp.member_id IS NULL OR cp.member_id = $2) ORDER BY 1`,
    [p.organisationId, p.memberId],
  );
  return rows.map((r: { reference: string }) => r.reference);
}
