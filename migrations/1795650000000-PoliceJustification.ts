import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * O10 (Privacyregeling Zeist art. 7.5–7.6): police data is provided only when no non-police source will do, and only
 * when it is accurate, current, complete, relevant and not excessive; the police officer who provides it records why.
 * `police_justification` holds that statement. Schakel requires it for every police item provided from now on
 * (checkProvision: addInformationItem, the registration systems' upserts and the bulk import); items provided before
 * this migration keep no statement (null), as nobody was asked for one then.
 */
export class PoliceJustification1795650000000 implements MigrationInterface {
  name = 'PoliceJustification1795650000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "information_item" ADD COLUMN "police_justification" text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "information_item" DROP COLUMN "police_justification"`);
  }
}
