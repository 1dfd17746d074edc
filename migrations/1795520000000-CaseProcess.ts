import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'schakel_app';

const principalOrg = `nullif(current_setting('schakel.organisation_id', true), '')::uuid`;
const principalMember = `nullif(current_setting('schakel.member_id', true), '')::uuid`;

/** schakel_case_visible as migration 1795510000000 made it, or with O20's signed statement required. */
const caseVisibleFn = (requireStatement: boolean) => `CREATE OR REPLACE FUNCTION schakel_case_visible(c uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM case_participant cp WHERE cp.case_id = c
    AND cp.organisation_id = ${principalOrg} AND (cp.member_id IS NULL OR cp.member_id = ${principalMember})${
      requireStatement ? `\n    AND (cp.role <> 'AD_HOC' OR cp.confidentiality_signed_at IS NOT NULL)` : ''
    }) $$`;

/**
 * The case work process (issue 6): every phase transition recorded with who, why and the ZVHD bijlage 3
 * outcome (O27); an ad-hoc participant's signed confidentiality statement and its legal ground (O20),
 * without which row-level security shows the ad-hoc participant nothing of the case.
 */
export class CaseProcess1795520000000 implements MigrationInterface {
  name = 'CaseProcess1795520000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."case_outcome" AS ENUM('TAKEN_ON', 'REFERRED_WITH_ADVICE', 'NOT_SUITABLE', 'DE_ESCALATED')`);
    await q.query(`CREATE TABLE "case_phase_transition" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "case_id" uuid NOT NULL REFERENCES "case"("id") ON DELETE CASCADE,
      "from_phase" "public"."case_phase" NOT NULL, "to_phase" "public"."case_phase" NOT NULL,
      "outcome" "public"."case_outcome" NOT NULL, "reason" text NOT NULL, "advice" text,
      "by_member_id" uuid NOT NULL REFERENCES "member"("id") ON DELETE RESTRICT,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL)`);
    await q.query(`CREATE INDEX "IDX_case_phase_transition_case_at" ON "case_phase_transition" ("case_id", "at")`);
    await q.query(`ALTER TABLE "case_phase_transition" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY case_phase_transition_scope ON "case_phase_transition" TO ${APP_ROLE}
      USING (schakel_case_visible(case_id)) WITH CHECK (schakel_case_visible(case_id))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "case_phase_transition" TO ${APP_ROLE}`);
    await q.query(`CREATE TRIGGER "case_phase_transition_audit" AFTER INSERT OR UPDATE OR DELETE ON "case_phase_transition"
      FOR EACH ROW EXECUTE FUNCTION schakel_audit_row()`);

    await q.query(`ALTER TABLE "case_participant"
      ADD "confidentiality_signed_at" TIMESTAMP WITH TIME ZONE,
      ADD "confidentiality_legal_ground" text,
      ADD "confidentiality_recorded_by_id" uuid REFERENCES "member"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "case_participant" ADD CONSTRAINT "CHK_case_participant_statement"
      CHECK (confidentiality_signed_at IS NULL OR (role = 'AD_HOC' AND confidentiality_legal_ground IS NOT NULL))`);
    // Existing ad-hoc invitations are not given a statement they never signed: they see nothing until one is recorded.
    await q.query(caseVisibleFn(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(caseVisibleFn(false));
    await q.query(`ALTER TABLE "case_participant" DROP CONSTRAINT "CHK_case_participant_statement"`);
    await q.query(`ALTER TABLE "case_participant" DROP COLUMN "confidentiality_recorded_by_id",
      DROP COLUMN "confidentiality_legal_ground", DROP COLUMN "confidentiality_signed_at"`);
    await q.query(`DROP TRIGGER "case_phase_transition_audit" ON "case_phase_transition"`);
    await q.query(`REVOKE ALL ON "case_phase_transition" FROM ${APP_ROLE}`);
    await q.query(`DROP POLICY case_phase_transition_scope ON "case_phase_transition"`);
    await q.query(`DROP TABLE "case_phase_transition"`);
    await q.query(`DROP TYPE "public"."case_outcome"`);
  }
}
