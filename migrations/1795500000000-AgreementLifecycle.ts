import type { MigrationInterface, QueryRunner } from 'typeorm';

/** New tables holding domain data: every row change is recorded in mutation_audit like the others. */
const NEW_AUDITED = ['art20_evaluation', 'agreement_evaluation', 'accession_request', 'accession_approval'];

/**
 * Agreements as living documents (issue 7): versions and the policy version they activate, amendments
 * (re-signing or addendum, O4), party departure by notice, exclusion or rejected amendment (O40), held
 * evaluations (O2), accession requests with every party's approval (O3), and the written evaluation an
 * art. 20 decision's extension rests on plus who revoked it (O5).
 */
export class AgreementLifecycle1795500000000 implements MigrationInterface {
  name = 'AgreementLifecycle1795500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."amendment_procedure" AS ENUM('RESIGN', 'ADDENDUM')`);
    await q.query(`CREATE TYPE "public"."party_exit_reason" AS ENUM('NOTICE', 'EXCLUSION', 'REJECTED_AMENDMENT', 'TERMINATION')`);
    await q.query(`CREATE TYPE "public"."accession_status" AS ENUM('REQUESTED', 'ACCEPTED', 'REJECTED', 'COMPLETED')`);
    await q.query(`ALTER TABLE "agreement"
      ADD "policy_version" text,
      ADD "supersedes_id" uuid,
      ADD "amendment_procedure" "public"."amendment_procedure" NOT NULL DEFAULT 'RESIGN',
      ADD "amendment_summary" text,
      ADD "addendum_signed_by" text,
      ADD "activated_at" TIMESTAMP WITH TIME ZONE,
      ADD "terminated_at" TIMESTAMP WITH TIME ZONE,
      ADD "internal_notes" text`);
    await q.query(`ALTER TABLE "agreement" ADD CONSTRAINT "FK_agreement_supersedes" FOREIGN KEY ("supersedes_id") REFERENCES "agreement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "party"
      ADD "rejected_at" TIMESTAMP WITH TIME ZONE,
      ADD "notice_given_at" TIMESTAMP WITH TIME ZONE,
      ADD "left_at" TIMESTAMP WITH TIME ZONE,
      ADD "exit_reason" "public"."party_exit_reason",
      ADD "exit_note" text`);
    await q.query(`ALTER TABLE "art20_decision" ADD "revoked_by_id" uuid, ADD "revocation_reason" text`);
    await q.query(`ALTER TABLE "art20_decision" ADD CONSTRAINT "FK_art20_decision_revoked_by" FOREIGN KEY ("revoked_by_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    const base = `"id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`;
    await q.query(`CREATE TABLE "art20_evaluation" (${base},
      "decision_id" uuid NOT NULL REFERENCES "art20_decision"("id") ON DELETE RESTRICT,
      "evaluated_on" date NOT NULL, "report" text NOT NULL, "previous_valid_until" date NOT NULL, "extended_until" date NOT NULL,
      "recorded_by_id" uuid NOT NULL REFERENCES "member"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE TABLE "agreement_evaluation" (${base},
      "agreement_id" uuid NOT NULL REFERENCES "agreement"("id") ON DELETE RESTRICT,
      "due_date" date NOT NULL, "held_on" date NOT NULL, "report" text NOT NULL,
      "recorded_by_id" uuid NOT NULL REFERENCES "member"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE UNIQUE INDEX "IDX_agreement_evaluation_due" ON "agreement_evaluation" ("agreement_id", "due_date")`);
    await q.query(`CREATE TABLE "accession_request" (${base},
      "agreement_id" uuid NOT NULL REFERENCES "agreement"("id") ON DELETE RESTRICT,
      "organisation_id" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT,
      "representative" text NOT NULL, "request_text" text NOT NULL, "received_on" date NOT NULL,
      "registered_by_id" uuid NOT NULL REFERENCES "member"("id") ON DELETE RESTRICT,
      "status" "public"."accession_status" NOT NULL DEFAULT 'REQUESTED',
      "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_id" uuid REFERENCES "member"("id") ON DELETE RESTRICT,
      "decision_note" text, "form_signed_at" TIMESTAMP WITH TIME ZONE, "form_signed_by" text,
      "party_id" uuid REFERENCES "party"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE TABLE "accession_approval" (${base},
      "request_id" uuid NOT NULL REFERENCES "accession_request"("id") ON DELETE CASCADE,
      "organisation_id" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT,
      "notified_at" TIMESTAMP WITH TIME ZONE NOT NULL, "approved" boolean, "answered_at" TIMESTAMP WITH TIME ZONE,
      "answered_by_id" uuid REFERENCES "member"("id") ON DELETE RESTRICT, "note" text)`);
    await q.query(`CREATE UNIQUE INDEX "IDX_accession_approval_party" ON "accession_approval" ("request_id", "organisation_id")`);
    for (const t of NEW_AUDITED) {
      await q.query(`CREATE TRIGGER "${t}_audit" AFTER INSERT OR UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION schakel_audit_row()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of NEW_AUDITED) await q.query(`DROP TRIGGER "${t}_audit" ON "${t}"`);
    await q.query(`DROP TABLE "accession_approval"`);
    await q.query(`DROP TABLE "accession_request"`);
    await q.query(`DROP TABLE "agreement_evaluation"`);
    await q.query(`DROP TABLE "art20_evaluation"`);
    await q.query(`ALTER TABLE "art20_decision" DROP CONSTRAINT "FK_art20_decision_revoked_by"`);
    await q.query(`ALTER TABLE "art20_decision" DROP COLUMN "revoked_by_id", DROP COLUMN "revocation_reason"`);
    await q.query(`ALTER TABLE "party" DROP COLUMN "rejected_at", DROP COLUMN "notice_given_at", DROP COLUMN "left_at",
      DROP COLUMN "exit_reason", DROP COLUMN "exit_note"`);
    await q.query(`ALTER TABLE "agreement" DROP CONSTRAINT "FK_agreement_supersedes"`);
    await q.query(`ALTER TABLE "agreement" DROP COLUMN "policy_version", DROP COLUMN "supersedes_id", DROP COLUMN "amendment_procedure",
      DROP COLUMN "amendment_summary", DROP COLUMN "addendum_signed_by", DROP COLUMN "activated_at", DROP COLUMN "terminated_at",
      DROP COLUMN "internal_notes"`);
    await q.query(`DROP TYPE "public"."accession_status"`);
    await q.query(`DROP TYPE "public"."party_exit_reason"`);
    await q.query(`DROP TYPE "public"."amendment_procedure"`);
  }
}
