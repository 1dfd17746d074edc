import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1795510000000-RowLevelSecurity.js';

/**
 * Complaints about treatment (O33; De Wolden samenwerkingsconvenant art. 10): received by any party, handled by the
 * party whose member it concerns, its outcome taken note of by a coordinator. Every change is in mutation_audit; the
 * application role may use the table, and the service decides who sees a complaint (complaint.service.ts), as for the
 * other registers between parties (correction notices, rights requests).
 */
export class Complaints1795660000000 implements MigrationInterface {
  name = 'Complaints1795660000000';

  public async up(q: QueryRunner): Promise<void> {
    const ts = 'TIMESTAMP WITH TIME ZONE';
    const member = (c: string, nullable = true) => `"${c}" uuid ${nullable ? '' : 'NOT NULL'} REFERENCES "member"("id") ON DELETE RESTRICT`;
    const org = (c: string) => `"${c}" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT`;
    await q.query(`CREATE TABLE "complaint" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "created_at" ${ts} NOT NULL DEFAULT now(), "updated_at" ${ts} NOT NULL DEFAULT now(),
      "collaboration_id" uuid NOT NULL REFERENCES "collaboration"("id") ON DELETE RESTRICT,
      "case_id" uuid REFERENCES "case"("id") ON DELETE SET NULL,
      ${org('receiving_organisation_id')}, ${member('registered_by_id', false)},
      ${org('responsible_organisation_id')}, ${member('concerns_member_id')},
      "received_at" ${ts} NOT NULL, "forwarded_at" ${ts}, "summary" text NOT NULL,
      "status" text NOT NULL DEFAULT 'OPEN' CHECK ("status" IN ('OPEN', 'HANDLED')),
      "outcome" text, "handled_at" ${ts}, ${member('handled_by_id')},
      "coordinator_informed_at" ${ts}, ${member('coordinator_informed_by_id')},
      CHECK (("status" = 'HANDLED') = ("outcome" IS NOT NULL AND "handled_at" IS NOT NULL)),
      CHECK ("coordinator_informed_at" IS NULL OR "status" = 'HANDLED'))`);
    await q.query(`CREATE INDEX "IDX_complaint_collaboration" ON "complaint" ("collaboration_id", "received_at")`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "complaint" TO ${APP_ROLE}`);
    await q.query(`CREATE TRIGGER "complaint_audit" AFTER INSERT OR UPDATE OR DELETE ON "complaint" FOR EACH ROW EXECUTE FUNCTION schakel_audit_row()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "complaint_audit" ON "complaint"`);
    await q.query(`REVOKE ALL ON "complaint" FROM ${APP_ROLE}`);
    await q.query(`DROP TABLE "complaint"`);
  }
}
