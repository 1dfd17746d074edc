import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1795510000000-RowLevelSecurity.js';

/** New tables; every row change is recorded in mutation_audit and the application role may use them. */
const NEW_TABLES = [
  'rights_request', 'rights_request_party', 'correction_notice', 'data_breach', 'breach_party',
  'third_party_order', 'order_party', 'third_party_disclosure',
];

const check = (col: string, values: string[]) => `CHECK ("${col}" IN (${values.map((v) => `'${v}'`).join(', ')}))`;

/**
 * Data-subject rights, corrections, breaches and third-party orders (issue 8): the rights-request register
 * with a status and deadline per responsible party (O34, O24), notices of rectification, erasure and
 * restriction to every recipient (O13, AVG 19), restriction of an item (AVG 18), the breach register with
 * each party's notification and its notification to the authority (O35), third-party orders with the
 * parties' notifications (O36) and disclosures to third parties (O37).
 */
export class DataSubjectRights1795530000000 implements MigrationInterface {
  name = 'DataSubjectRights1795530000000';

  public async up(q: QueryRunner): Promise<void> {
    const base = `"id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`;
    const ts = 'TIMESTAMP WITH TIME ZONE';
    const member = (c: string, nullable = true) => `"${c}" uuid ${nullable ? '' : 'NOT NULL'} REFERENCES "member"("id") ON DELETE RESTRICT`;
    const org = (c: string) => `"${c}" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT`;
    const collab = `"collaboration_id" uuid NOT NULL REFERENCES "collaboration"("id") ON DELETE RESTRICT`;

    await q.query(`ALTER TABLE "collaboration" ADD "rights_contact_organisation_id" uuid REFERENCES "organisation"("id") ON DELETE SET NULL`);
    await q.query(`ALTER TABLE "information_item" ADD "restricted_at" ${ts}, ADD "restriction_reason" text`);

    await q.query(`CREATE TABLE "rights_request" (${base}, ${collab},
      "subject_id" uuid NOT NULL REFERENCES "subject"("id") ON DELETE RESTRICT,
      "kind" text NOT NULL ${check('kind', ['ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION'])},
      "received_at" ${ts} NOT NULL, ${org('receiving_organisation_id')}, ${member('registered_by_id', false)},
      "requested_by" text NOT NULL ${check('requested_by', ['SUBJECT', 'LEGAL_REPRESENTATIVE', 'SUBJECT_AND_REPRESENTATIVE'])},
      "subject_birth_date" date NOT NULL, "representative_name" text, "description" text NOT NULL)`);
    await q.query(`CREATE TABLE "rights_request_party" (${base},
      "request_id" uuid NOT NULL REFERENCES "rights_request"("id") ON DELETE CASCADE, ${org('organisation_id')},
      "status" text NOT NULL DEFAULT 'OPEN' ${check('status', ['OPEN', 'COMPLETED', 'REFUSED'])},
      "due_at" ${ts} NOT NULL, "extended_at" ${ts}, "extension_reason" text, "completed_at" ${ts}, "outcome" text,
      ${member('handled_by_id')})`);
    await q.query(`CREATE UNIQUE INDEX "IDX_rights_request_party" ON "rights_request_party" ("request_id", "organisation_id")`);
    await q.query(`CREATE TABLE "correction_notice" (${base},
      "kind" text NOT NULL ${check('kind', ['RECTIFICATION', 'ERASURE', 'RESTRICTION'])},
      "information_item_id" uuid, "category" text NOT NULL,
      "case_id" uuid NOT NULL REFERENCES "case"("id") ON DELETE CASCADE,
      "subject_id" uuid NOT NULL REFERENCES "subject"("id") ON DELETE RESTRICT,
      ${org('provider_organisation_id')}, ${org('recipient_organisation_id')},
      "rights_request_id" uuid REFERENCES "rights_request"("id") ON DELETE RESTRICT,
      "reason" text NOT NULL, "notified_at" ${ts} NOT NULL, ${member('notified_by_id', false)},
      "acknowledged_at" ${ts}, ${member('acknowledged_by_id')})`);
    await q.query(`CREATE INDEX "IDX_correction_notice_recipient" ON "correction_notice" ("recipient_organisation_id", "acknowledged_at")`);
    await q.query(`CREATE TABLE "data_breach" (${base}, ${collab}, ${org('reporting_organisation_id')}, ${member('reported_by_id', false)},
      "discovered_at" ${ts} NOT NULL, "reported_at" ${ts} NOT NULL,
      "description" text NOT NULL, "data_types" text[] NOT NULL, "affected_count" integer NOT NULL CHECK ("affected_count" >= 0),
      "affected_persons" text NOT NULL, "measures" text NOT NULL, "cause" text NOT NULL,
      "started_at" ${ts} NOT NULL, "ended_at" ${ts})`);
    await q.query(`CREATE TABLE "breach_party" (${base},
      "breach_id" uuid NOT NULL REFERENCES "data_breach"("id") ON DELETE CASCADE, ${org('organisation_id')},
      "reporter" boolean NOT NULL DEFAULT false, "notified_at" ${ts}, "due_at" ${ts} NOT NULL,
      "acknowledged_at" ${ts}, ${member('acknowledged_by_id')},
      "authority_notified_at" ${ts}, "authority_reference" text, "authority_note" text, ${member('authority_recorded_by_id')})`);
    await q.query(`CREATE UNIQUE INDEX "IDX_breach_party" ON "breach_party" ("breach_id", "organisation_id")`);
    await q.query(`CREATE TABLE "third_party_order" (${base}, ${collab}, ${org('organisation_id')}, ${member('registered_by_id', false)},
      "kind" text NOT NULL ${check('kind', ['COURT_ORDER', 'SUMMONS', 'LEGAL_DUTY', 'OTHER'])},
      "third_party" text NOT NULL, "legal_basis" text NOT NULL, "description" text NOT NULL,
      "subject_id" uuid REFERENCES "subject"("id") ON DELETE RESTRICT,
      "received_at" ${ts} NOT NULL, "registered_at" ${ts} NOT NULL, "due_at" ${ts} NOT NULL)`);
    await q.query(`CREATE TABLE "order_party" (${base},
      "order_id" uuid NOT NULL REFERENCES "third_party_order"("id") ON DELETE CASCADE, ${org('organisation_id')},
      "notified_at" ${ts} NOT NULL, "acknowledged_at" ${ts}, ${member('acknowledged_by_id')})`);
    await q.query(`CREATE UNIQUE INDEX "IDX_order_party" ON "order_party" ("order_id", "organisation_id")`);
    await q.query(`CREATE TABLE "third_party_disclosure" (${base}, ${collab},
      "case_id" uuid NOT NULL REFERENCES "case"("id") ON DELETE CASCADE,
      "subject_id" uuid NOT NULL REFERENCES "subject"("id") ON DELETE RESTRICT,
      ${org('organisation_id')}, ${member('member_id', false)}, "third_party" text NOT NULL,
      "ground" text NOT NULL ${check('ground', ['AGREED_INTERVENTION', 'TRANSFER', 'ORDER'])},
      "intervention_id" uuid REFERENCES "intervention"("id") ON DELETE RESTRICT,
      "order_id" uuid REFERENCES "third_party_order"("id") ON DELETE RESTRICT,
      "categories" text[] NOT NULL, "description" text NOT NULL, "disclosed_at" ${ts} NOT NULL,
      CHECK (("ground" = 'AGREED_INTERVENTION') = ("intervention_id" IS NOT NULL)),
      CHECK (("ground" = 'ORDER') = ("order_id" IS NOT NULL)))`);
    for (const t of NEW_TABLES) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${t}" TO ${APP_ROLE}`);
      await q.query(`CREATE TRIGGER "${t}_audit" AFTER INSERT OR UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION schakel_audit_row()`);
    }
    // Case-scoped: a disclosure to a third party is seen and written only within the principal's cases.
    await q.query(`ALTER TABLE "third_party_disclosure" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY third_party_disclosure_scope ON "third_party_disclosure" TO ${APP_ROLE}
      USING (schakel_case_visible(case_id)) WITH CHECK (schakel_case_visible(case_id))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY third_party_disclosure_scope ON "third_party_disclosure"`);
    for (const t of [...NEW_TABLES].reverse()) {
      await q.query(`DROP TRIGGER "${t}_audit" ON "${t}"`);
      await q.query(`REVOKE ALL ON "${t}" FROM ${APP_ROLE}`);
    }
    for (const t of ['third_party_disclosure', 'order_party', 'third_party_order', 'breach_party', 'data_breach', 'correction_notice',
      'rights_request_party', 'rights_request']) {
      await q.query(`DROP TABLE "${t}"`);
    }
    await q.query(`ALTER TABLE "information_item" DROP COLUMN "restricted_at", DROP COLUMN "restriction_reason"`);
    await q.query(`ALTER TABLE "collaboration" DROP COLUMN "rights_contact_organisation_id"`);
  }
}
