import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1795510000000-RowLevelSecurity.js';

const principalOrg = `nullif(current_setting('schakel.organisation_id', true), '')::uuid`;
const principalMember = `nullif(current_setting('schakel.member_id', true), '')::uuid`;

/**
 * Defence in depth for complaints (O33): the database confines a request's session as the service does, a little
 * more loosely (organisations, not roles). A session sees and changes a complaint only when it does not concern the
 * principal, and the principal's organisation received it, handles it, or is (or was) a party of its collaboration; it
 * files complaints only as received by its own organisation and registered by itself; it deletes none.
 */
export class ComplaintRowSecurity1795670000000 implements MigrationInterface {
  name = 'ComplaintRowSecurity1795670000000';

  public async up(q: QueryRunner): Promise<void> {
    // Runs as the owner (not subject to RLS), so that the policy can read the parties without recursing.
    await q.query(`CREATE FUNCTION schakel_complaint_visible(collaboration uuid, receiving uuid, responsible uuid, concerns uuid)
      RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
      SELECT concerns IS DISTINCT FROM ${principalMember}
         AND (${principalOrg} IN (receiving, responsible)
              OR EXISTS (SELECT 1 FROM party p JOIN agreement a ON a.id = p.agreement_id
                          WHERE a.collaboration_id = collaboration AND p.organisation_id = ${principalOrg} AND p.signed_at IS NOT NULL)) $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION schakel_complaint_visible(uuid, uuid, uuid, uuid) TO ${APP_ROLE}`);
    const visible = 'schakel_complaint_visible(collaboration_id, receiving_organisation_id, responsible_organisation_id, concerns_member_id)';
    await q.query(`ALTER TABLE "complaint" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY complaint_read ON "complaint" FOR SELECT TO ${APP_ROLE} USING (${visible})`);
    await q.query(`CREATE POLICY complaint_file ON "complaint" FOR INSERT TO ${APP_ROLE}
      WITH CHECK (receiving_organisation_id = ${principalOrg} AND registered_by_id = ${principalMember} AND ${visible})`);
    await q.query(`CREATE POLICY complaint_handle ON "complaint" FOR UPDATE TO ${APP_ROLE} USING (${visible}) WITH CHECK (${visible})`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const p of ['complaint_handle', 'complaint_file', 'complaint_read']) await q.query(`DROP POLICY ${p} ON "complaint"`);
    await q.query(`ALTER TABLE "complaint" DISABLE ROW LEVEL SECURITY`);
    await q.query(`DROP FUNCTION schakel_complaint_visible(uuid, uuid, uuid, uuid)`);
  }
}
