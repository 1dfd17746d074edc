import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Loaded access policies, one row per (collaboration, version), with the file's hash and text. */
export class PolicyVersion1795480000000 implements MigrationInterface {
  name = 'PolicyVersion1795480000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "policy_version" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "collaboration_id" uuid NOT NULL,
      "version" text NOT NULL,
      "effective_date" date NOT NULL,
      "content_hash" text NOT NULL,
      "source" text NOT NULL,
      "file_name" text NOT NULL,
      CONSTRAINT "PK_policy_version" PRIMARY KEY ("id"),
      CONSTRAINT "FK_policy_version_collaboration" FOREIGN KEY ("collaboration_id") REFERENCES "collaboration"("id") ON DELETE RESTRICT
    )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_policy_version_collaboration_version" ON "policy_version" ("collaboration_id", "version")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_policy_version_collaboration_version"`);
    await q.query(`DROP TABLE "policy_version"`);
  }
}
