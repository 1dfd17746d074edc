import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'schakel_app';

/**
 * "Is this resident known to your team?" (O21; handreiking 7): every question is logged with who asked,
 * which organisation was asked, about whom, in which case, and the yes/no given. Append-only for the
 * application role (no UPDATE or DELETE), case-scoped by row-level security, audited.
 */
export class KnownToTeam1795540000000 implements MigrationInterface {
  name = 'KnownToTeam1795540000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "known_to_team_query" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "case_id" uuid NOT NULL REFERENCES "case"("id") ON DELETE CASCADE,
      "subject_id" uuid NOT NULL REFERENCES "subject"("id") ON DELETE RESTRICT,
      "asked_organisation_id" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE RESTRICT,
      "asked_by_id" uuid NOT NULL REFERENCES "member"("id") ON DELETE RESTRICT,
      "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "known" boolean NOT NULL)`);
    await q.query(`CREATE INDEX "IDX_known_to_team_query_case" ON "known_to_team_query" ("case_id", "asked_at")`);
    await q.query(`ALTER TABLE "known_to_team_query" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY known_to_team_query_scope ON "known_to_team_query" TO ${APP_ROLE}
      USING (schakel_case_visible(case_id)) WITH CHECK (schakel_case_visible(case_id))`);
    await q.query(`GRANT SELECT, INSERT ON "known_to_team_query" TO ${APP_ROLE}`);
    await q.query(`CREATE TRIGGER "known_to_team_query_audit" AFTER INSERT OR UPDATE OR DELETE ON "known_to_team_query"
      FOR EACH ROW EXECUTE FUNCTION schakel_audit_row()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "known_to_team_query_audit" ON "known_to_team_query"`);
    await q.query(`REVOKE ALL ON "known_to_team_query" FROM ${APP_ROLE}`);
    await q.query(`DROP POLICY known_to_team_query_scope ON "known_to_team_query"`);
    await q.query(`DROP TABLE "known_to_team_query"`);
  }
}
