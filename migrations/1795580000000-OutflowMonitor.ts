import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'schakel_app';

/**
 * The outflow monitor (issue 6; O32; Walcheren bijlage 3): per client who moved on, the facts the monitor
 * counts. Case-scoped like every case table; the monitor itself only ever returns suppressed counts.
 */
export class OutflowMonitor1795580000000 implements MigrationInterface {
  name = 'OutflowMonitor1795580000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "outflow_record" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "case_id" uuid NOT NULL UNIQUE REFERENCES "case"("id") ON DELETE CASCADE,
      "collaboration_id" uuid NOT NULL REFERENCES "collaboration"("id") ON DELETE RESTRICT,
      "target_group" text NOT NULL, "facility" text NOT NULL, "municipality_of_origin" text NOT NULL,
      "age_category" text NOT NULL CHECK ("age_category" IN ('AGE_18_22', 'AGE_23_29', 'AGE_30_49', 'AGE_50_PLUS')),
      "waiting_days" integer NOT NULL CHECK ("waiting_days" >= 0), "relapse" boolean NOT NULL DEFAULT false,
      "outflow_on" date NOT NULL,
      "recorded_by_id" uuid NOT NULL REFERENCES "member"("id") ON DELETE RESTRICT)`);
    await q.query(`CREATE INDEX "IDX_outflow_record_collaboration" ON "outflow_record" ("collaboration_id")`);
    await q.query(`ALTER TABLE "outflow_record" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY outflow_record_scope ON "outflow_record" TO ${APP_ROLE}
      USING (schakel_case_visible(case_id)) WITH CHECK (schakel_case_visible(case_id))`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "outflow_record" TO ${APP_ROLE}`);
    await q.query(`CREATE TRIGGER "outflow_record_audit" AFTER INSERT OR UPDATE OR DELETE ON "outflow_record"
      FOR EACH ROW EXECUTE FUNCTION schakel_audit_row()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "outflow_record_audit" ON "outflow_record"`);
    await q.query(`REVOKE ALL ON "outflow_record" FROM ${APP_ROLE}`);
    await q.query(`DROP POLICY outflow_record_scope ON "outflow_record"`);
    await q.query(`DROP TABLE "outflow_record"`);
  }
}
