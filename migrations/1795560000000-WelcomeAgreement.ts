import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'schakel_app';

/**
 * Weer Thuis op Walcheren (issue 6; O25, O31): the client's Welkom in de Wijk Overeenkomst — start, the
 * signed consent clause (art. 3), the lease and its conversion, the evaluation between 3 and 6 months, and
 * which of the six areas its SMART goals cover (the goals themselves are information items under the policy).
 */
export class WelcomeAgreement1795560000000 implements MigrationInterface {
  name = 'WelcomeAgreement1795560000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "welcome_agreement" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "case_id" uuid NOT NULL UNIQUE REFERENCES "case"("id") ON DELETE CASCADE,
      "subject_id" uuid NOT NULL REFERENCES "subject"("id") ON DELETE RESTRICT,
      "start_date" date NOT NULL, "consent_clause_signed_on" date NOT NULL,
      "lease_type" text NOT NULL CHECK ("lease_type" IN ('TEMPORARY', 'INTERMEDIARY', 'PERMANENT')),
      "permanent_since" date, "evaluation_held_on" date,
      "goal_areas" text[] NOT NULL,
      "recorded_by_id" uuid NOT NULL REFERENCES "member"("id") ON DELETE RESTRICT)`);
    await q.query(`ALTER TABLE "welcome_agreement" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY welcome_agreement_scope ON "welcome_agreement" TO ${APP_ROLE}
      USING (schakel_case_visible(case_id)) WITH CHECK (schakel_case_visible(case_id))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "welcome_agreement" TO ${APP_ROLE}`);
    await q.query(`CREATE TRIGGER "welcome_agreement_audit" AFTER INSERT OR UPDATE OR DELETE ON "welcome_agreement"
      FOR EACH ROW EXECUTE FUNCTION schakel_audit_row()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "welcome_agreement_audit" ON "welcome_agreement"`);
    await q.query(`REVOKE ALL ON "welcome_agreement" FROM ${APP_ROLE}`);
    await q.query(`DROP POLICY welcome_agreement_scope ON "welcome_agreement"`);
    await q.query(`DROP TABLE "welcome_agreement"`);
  }
}
