import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'schakel_app';
const TABLES = ['informing_record', 'consent_record'];

/**
 * Informing and consent per subject and providing party (issue 6; O22, O23, O24, O26). Case-scoped:
 * row-level security like every case table, the audit trigger on every row change.
 */
export class InformingConsent1795531000000 implements MigrationInterface {
  name = 'InformingConsent1795531000000';

  public async up(q: QueryRunner): Promise<void> {
    const common = `"id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "case_id" uuid NOT NULL REFERENCES "case"("id") ON DELETE CASCADE,
      "subject_id" uuid NOT NULL REFERENCES "subject"("id") ON DELETE RESTRICT,
      "provider_organisation_id" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT,
      "age_band" text CHECK ("age_band" IN ('UNDER_12', 'FROM_12_TO_16', 'FROM_16')),
      "representation" text CHECK ("representation" IN ('SUBJECT', 'LEGAL_REPRESENTATIVE', 'SUBJECT_AND_REPRESENTATIVE')),
      "recorded_by_id" uuid NOT NULL REFERENCES "member"("id") ON DELETE RESTRICT,
      "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "explanation" text`;
    await q.query(`CREATE TABLE "informing_record" (${common},
      "status" "public"."informed_status" NOT NULL, "informed_at" TIMESTAMP WITH TIME ZONE, "method" text,
      "exception_ground" text CHECK ("exception_ground" IN
        ('STATE_SECURITY', 'CRIME_PREVENTION', 'ECONOMIC_INTEREST', 'SUPERVISION', 'PROTECTION', 'SAFETY_DEVIATION')),
      "informs_afterwards_organisation_id" uuid REFERENCES "organisation"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE TABLE "consent_record" (${common}, "status" "public"."consent_status" NOT NULL)`);
    for (const t of TABLES) {
      await q.query(`CREATE INDEX "IDX_${t}_latest" ON "${t}" ("case_id", "subject_id", "provider_organisation_id", "recorded_at")`);
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${t}_scope ON "${t}" TO ${APP_ROLE} USING (schakel_case_visible(case_id)) WITH CHECK (schakel_case_visible(case_id))`);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${t}" TO ${APP_ROLE}`);
      await q.query(`CREATE TRIGGER "${t}_audit" AFTER INSERT OR UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION schakel_audit_row()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [...TABLES].reverse()) {
      await q.query(`DROP TRIGGER "${t}_audit" ON "${t}"`);
      await q.query(`REVOKE ALL ON "${t}" FROM ${APP_ROLE}`);
      await q.query(`DROP POLICY ${t}_scope ON "${t}"`);
      await q.query(`DROP TABLE "${t}"`);
    }
  }
}
