import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case meetings with their attendees and the moment their decisions were recorded (issue 6; O29); the
 * provider's consent to an item being viewed before a case meeting (O18; ZVHD 12.2f), given unless withheld.
 */
export class MeetingsAndPlans1795550000000 implements MigrationInterface {
  name = 'MeetingsAndPlans1795550000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_meeting" ADD "attendee_organisation_ids" uuid[] NOT NULL DEFAULT '{}', ADD "held_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "information_item" ADD "viewable_before_meeting" boolean NOT NULL DEFAULT true`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "information_item" DROP COLUMN "viewable_before_meeting"`);
    await q.query(`ALTER TABLE "case_meeting" DROP COLUMN "held_at", DROP COLUMN "attendee_organisation_ids"`);
  }
}
