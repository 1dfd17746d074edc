import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['case', 'subject', 'information_item'];

/**
 * Issue 10: records pushed by partners' registration systems carry their key there — (source system,
 * external id), unique per table — and a version that goes up by one on every real change of the row
 * (optimistic concurrency for idempotent upserts). A BEFORE UPDATE trigger keeps `version` and
 * `updated_at` true for every code path: a real change bumps both; an update that changes nothing keeps
 * them; an explicit `version = version + 1` (a change of a linked row, e.g. a subject's role in a case)
 * counts as a change. `updated_at` thus means "last real change", which `updatedSince` filters on.
 */
export class ExternalKeys1795600000000 implements MigrationInterface {
  name = 'ExternalKeys1795600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION schakel_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (to_jsonb(NEW) - 'updated_at' - 'version') IS DISTINCT FROM (to_jsonb(OLD) - 'updated_at' - 'version')
           OR NEW.version IS DISTINCT FROM OLD.version THEN
          NEW.version := OLD.version + 1;
          NEW.updated_at := now();
        ELSE
          NEW.updated_at := OLD.updated_at;
        END IF;
        RETURN NEW;
      END $$`);
    for (const t of TABLES) {
      await q.query(`ALTER TABLE "${t}" ADD "source_system" text, ADD "external_id" text, ADD "version" integer NOT NULL DEFAULT 1`);
      await q.query(`ALTER TABLE "${t}" ADD CONSTRAINT "CHK_${t}_external_key" CHECK ((source_system IS NULL) = (external_id IS NULL))`);
      await q.query(`CREATE UNIQUE INDEX "UQ_${t}_external_key" ON "${t}" ("source_system", "external_id")
        WHERE source_system IS NOT NULL AND external_id IS NOT NULL`);
      await q.query(`CREATE INDEX "IDX_${t}_updated_at" ON "${t}" ("updated_at", "id")`);
      await q.query(`CREATE TRIGGER "${t}_version" BEFORE UPDATE ON "${t}" FOR EACH ROW EXECUTE FUNCTION schakel_bump_version()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of TABLES) {
      await q.query(`DROP TRIGGER "${t}_version" ON "${t}"`);
      await q.query(`DROP INDEX "IDX_${t}_updated_at"`);
      await q.query(`DROP INDEX "UQ_${t}_external_key"`);
      await q.query(`ALTER TABLE "${t}" DROP CONSTRAINT "CHK_${t}_external_key"`);
      await q.query(`ALTER TABLE "${t}" DROP COLUMN "version", DROP COLUMN "external_id", DROP COLUMN "source_system"`);
    }
    await q.query(`DROP FUNCTION schakel_bump_version()`);
  }
}
