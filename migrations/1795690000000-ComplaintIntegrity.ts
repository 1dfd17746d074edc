import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1795510000000-RowLevelSecurity.js';

const principalOrg = `nullif(current_setting('schakel.organisation_id', true), '')::uuid`;
const principalMember = `nullif(current_setting('schakel.member_id', true), '')::uuid`;
const visible = 'schakel_complaint_visible(collaboration_id, receiving_organisation_id, responsible_organisation_id, concerns_member_id)';

/**
 * A complaint's course is kept by the database too (O33, De Wolden art. 10), whoever writes: the service, or a session
 * that bypasses it. Until now row-level security confined who reads and changes a complaint, but not what changes.
 *
 * - **Filing.** A complaint is filed open: no outcome and no coordinator's note yet (INSERT policy).
 * - **Once filed**, what was filed does not change: collaboration, case, receiving party, registrant, responsible party,
 *   member concerned, when received, when forwarded and the summary.
 * - **The outcome** is recorded once, and the coordinator takes note of it once (a trigger, for every writer).
 * Changing `updated_at` stays allowed.
 */
export class ComplaintIntegrity1795690000000 implements MigrationInterface {
  name = 'ComplaintIntegrity1795690000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION schakel_complaint_course() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The case may only go (ON DELETE SET NULL: a case removed at the end of its retention term).
        IF (NEW.collaboration_id, NEW.receiving_organisation_id, NEW.registered_by_id, NEW.responsible_organisation_id,
            NEW.concerns_member_id, NEW.received_at, NEW.forwarded_at, NEW.summary)
           IS DISTINCT FROM
           (OLD.collaboration_id, OLD.receiving_organisation_id, OLD.registered_by_id, OLD.responsible_organisation_id,
            OLD.concerns_member_id, OLD.received_at, OLD.forwarded_at, OLD.summary)
           OR (NEW.case_id IS NOT NULL AND NEW.case_id IS DISTINCT FROM OLD.case_id) THEN
          RAISE EXCEPTION 'complaint %: what was filed does not change', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.status = 'HANDLED' AND (NEW.status, NEW.outcome, NEW.handled_at, NEW.handled_by_id)
                                      IS DISTINCT FROM (OLD.status, OLD.outcome, OLD.handled_at, OLD.handled_by_id) THEN
          RAISE EXCEPTION 'complaint %: its outcome is recorded already', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.coordinator_informed_at IS NOT NULL AND (NEW.coordinator_informed_at, NEW.coordinator_informed_by_id)
                                                       IS DISTINCT FROM (OLD.coordinator_informed_at, OLD.coordinator_informed_by_id) THEN
          RAISE EXCEPTION 'complaint %: a coordinator took note of its outcome already', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER "complaint_course" BEFORE UPDATE ON "complaint" FOR EACH ROW EXECUTE FUNCTION schakel_complaint_course()`);
    await q.query(`DROP POLICY complaint_file ON "complaint"`);
    await q.query(`CREATE POLICY complaint_file ON "complaint" FOR INSERT TO ${APP_ROLE}
      WITH CHECK (receiving_organisation_id = ${principalOrg} AND registered_by_id = ${principalMember} AND ${visible}
                  AND status = 'OPEN' AND outcome IS NULL AND handled_at IS NULL AND handled_by_id IS NULL
                  AND coordinator_informed_at IS NULL AND coordinator_informed_by_id IS NULL)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY complaint_file ON "complaint"`);
    // As migration 1795670000000 made it.
    await q.query(`CREATE POLICY complaint_file ON "complaint" FOR INSERT TO ${APP_ROLE}
      WITH CHECK (receiving_organisation_id = ${principalOrg} AND registered_by_id = ${principalMember} AND ${visible})`);
    await q.query(`DROP TRIGGER "complaint_course" ON "complaint"`);
    await q.query(`DROP FUNCTION schakel_complaint_course()`);
  }
}
