import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: an external key (source system, external id) is the organisation's that created the record with it,
 * and only that organisation changes the record through it (upsertCase, upsertSubject, the imports); any other
 * gets FORBIDDEN (EXTERNAL_KEY_TAKEN). A case's is its reporting organisation; a subject had no such column, so
 * `source_organisation_id` records it, set when a subject is created with a key.
 *
 * Subjects that have a key already get the organisation the audit trail records for their INSERT; where the
 * trail has been purged, the reporting organisation of the first case they were linked to (a keyed subject is
 * created in a case of its creator's). The backfill keeps their version and updated_at (it is no change a
 * registration system made or should poll for): the version trigger is off while it runs.
 */
export class SubjectSourceOrganisation1795720000000 implements MigrationInterface {
  name = 'SubjectSourceOrganisation1795720000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "subject" ADD COLUMN "source_organisation_id" uuid`);
    await q.query(`ALTER TABLE "subject" ADD CONSTRAINT "FK_subject_source_organisation"
      FOREIGN KEY ("source_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "subject" DISABLE TRIGGER "subject_version"`);
    await q.query(`UPDATE "subject" s SET source_organisation_id = coalesce(
        (SELECT a.actor_organisation_id FROM mutation_audit a
          WHERE a.table_name = 'subject' AND a.row_id = s.id::text AND a.action = 'INSERT' AND a.actor_organisation_id IS NOT NULL
          ORDER BY a.seq LIMIT 1),
        (SELECT c.reporting_organisation_id FROM case_subject cs JOIN "case" c ON c.id = cs.case_id
          WHERE cs.subject_id = s.id ORDER BY cs.created_at, cs.id LIMIT 1))
      WHERE s.external_id IS NOT NULL`);
    await q.query(`ALTER TABLE "subject" ENABLE TRIGGER "subject_version"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "subject" DROP CONSTRAINT "FK_subject_source_organisation"`);
    await q.query(`ALTER TABLE "subject" DROP COLUMN "source_organisation_id"`);
  }
}
