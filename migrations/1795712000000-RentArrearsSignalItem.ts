import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rent-arrears signal (O31) names the finance item it was reported with, so that it is shown exactly as that item is
 * (O11, O23, O34): not after the item is restricted (AVG 18), erased, or withheld by its consent or sharing conditions.
 * Signals recorded before are linked to the finance item `reportRentArrears` wrote with them (same case, subject,
 * provider and arrears date); one without such an item stays unlinked and is shown to its corporation only.
 */
export class RentArrearsSignalItem1795712000000 implements MigrationInterface {
  name = 'RentArrearsSignalItem1795712000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "rent_arrears_signal" ADD "information_item_id" uuid REFERENCES "information_item"("id") ON DELETE SET NULL`);
    await q.query(`UPDATE rent_arrears_signal s SET information_item_id = (
        SELECT i.id FROM information_item i
         WHERE i.case_id = s.case_id AND i.subject_id = s.subject_id AND i.provider_organisation_id = s.provider_organisation_id
           AND i.category = 'finance' AND i.content LIKE 'Huurachterstand ontstaan op ' || s.arose_on::text || ' %'
         ORDER BY i.created_at LIMIT 1)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "rent_arrears_signal" DROP COLUMN "information_item_id"`);
  }
}
