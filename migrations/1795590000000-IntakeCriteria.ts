import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The complex-case criteria of ZVHD bijlage 2 found met when a case is taken on at intake (O28). */
export class IntakeCriteria1795590000000 implements MigrationInterface {
  name = 'IntakeCriteria1795590000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_phase_transition" ADD "complex_case_criteria" text[] NOT NULL DEFAULT '{}'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_phase_transition" DROP COLUMN "complex_case_criteria"`);
  }
}
