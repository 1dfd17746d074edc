import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Case meetings with their attendees and the moment their decisions were recorded (issue 6; O29). */
export class MeetingsAndPlans1795550000000 implements MigrationInterface {
  name = 'MeetingsAndPlans1795550000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_meeting" ADD "attendee_organisation_ids" uuid[] NOT NULL DEFAULT '{}', ADD "held_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_meeting" DROP COLUMN "held_at", DROP COLUMN "attendee_organisation_ids"`);
  }
}
