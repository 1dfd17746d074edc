import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'schakel_app';

/** Walcheren 5.3 (O31): rent arrears reach the home team within 2 weeks of arising; when they did is kept. */
export class RentArrearsSignal1795570000000 implements MigrationInterface {
  name = 'RentArrearsSignal1795570000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "rent_arrears_signal" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "case_id" uuid NOT NULL REFERENCES "case"("id") ON DELETE CASCADE,
      "subject_id" uuid NOT NULL REFERENCES "subject"("id") ON DELETE RESTRICT,
      "arose_on" date NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "provider_organisation_id" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT,
      "reported_by_id" uuid NOT NULL REFERENCES "member"("id") ON DELETE RESTRICT)`);
    await q.query(`ALTER TABLE "rent_arrears_signal" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY rent_arrears_signal_scope ON "rent_arrears_signal" TO ${APP_ROLE}
      USING (schakel_case_visible(case_id)) WITH CHECK (schakel_case_visible(case_id))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "rent_arrears_signal" TO ${APP_ROLE}`);
    await q.query(`CREATE TRIGGER "rent_arrears_signal_audit" AFTER INSERT OR UPDATE OR DELETE ON "rent_arrears_signal"
      FOR EACH ROW EXECUTE FUNCTION schakel_audit_row()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "rent_arrears_signal_audit" ON "rent_arrears_signal"`);
    await q.query(`REVOKE ALL ON "rent_arrears_signal" FROM ${APP_ROLE}`);
    await q.query(`DROP POLICY rent_arrears_signal_scope ON "rent_arrears_signal"`);
    await q.query(`DROP TABLE "rent_arrears_signal"`);
  }
}
