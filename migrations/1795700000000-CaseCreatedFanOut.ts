import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One statement of the outbox trigger as migration 1795610000000-ChangeFeed made it (copied unchanged): the
 * events of the changed rows `source` and their deliveries to the subscriptions of organisations taking part in
 * the case as a PARTNER.
 */
const emit = (source: string, operation: string) => `WITH changed AS (
            SELECT x.r, CASE WHEN TG_TABLE_NAME = 'case' THEN (x.r->>'id')::uuid ELSE (x.r->>'case_id')::uuid END AS case_id
              FROM (${source}) x),
          events AS (
            INSERT INTO outbox_event (entity_type, entity_id, case_id, collaboration_id, subject_id, category, operation,
                                      actor_organisation_id, trace_id)
            SELECT TG_TABLE_NAME, (c.r->>'id')::uuid, c.case_id, k.collaboration_id, (c.r->>'subject_id')::uuid, c.r->>'category',
                   '${operation}', nullif(current_setting('schakel.actor_organisation_id', true), '')::uuid,
                   nullif(current_setting('schakel.trace_id', true), '')
              FROM changed c
              LEFT JOIN "case" k ON k.id = c.case_id
            RETURNING id, case_id, collaboration_id)
          INSERT INTO webhook_delivery (subscription_id, event_id)
          SELECT s.id, e.id FROM events e JOIN webhook_subscription s ON s.collaboration_id = e.collaboration_id
           WHERE EXISTS (SELECT 1 FROM case_participant cp WHERE cp.case_id = e.case_id AND cp.organisation_id = s.organisation_id
                           AND cp.role = 'PARTNER' AND cp.member_id IS NULL);`;

/**
 * New: a case's creation reaches the partners that join it in the same transaction. A case is inserted before
 * its first participation (createCaseIn, imports: parents before children), so when the statement-level trigger
 * on "case" fans case.created out, no organisation takes part yet and the event got no delivery at all. When
 * PARTNER participations are inserted, their organisations' subscriptions of the case's collaboration get a
 * delivery of the case's case.created event if that event was written in this same transaction (its
 * occurred_at is this transaction's now(); a case has one case.created event): exactly the deliveries a fan-out
 * at commit would have made. A partner joining a case created in an earlier transaction learns of it by its own
 * case_participant.created event, as before. Whether and what is sent is decided at delivery time, as ever.
 */
const caseCreatedToNewPartners = `IF TG_TABLE_NAME = 'case_participant' THEN
            INSERT INTO webhook_delivery (subscription_id, event_id)
            SELECT DISTINCT s.id, e.id FROM new_rows n
              JOIN outbox_event e ON e.entity_id = n.case_id AND e.entity_type = 'case' AND e.operation = 'created'
                                 AND e.occurred_at = now()
              JOIN webhook_subscription s ON s.collaboration_id = e.collaboration_id AND s.organisation_id = n.organisation_id
             WHERE n.role = 'PARTNER' AND n.member_id IS NULL
            ON CONFLICT (subscription_id, event_id) DO NOTHING;
          END IF;`;

const outboxRows = (withCaseCreated: boolean) => `CREATE OR REPLACE FUNCTION schakel_outbox_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = public AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${emit('SELECT to_jsonb(n) AS r FROM new_rows n', 'created')}${withCaseCreated ? `\n          ${caseCreatedToNewPartners}` : ''}
        ELSIF TG_OP = 'UPDATE' THEN
          ${emit('SELECT to_jsonb(n) AS r FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)', 'updated')}
        ELSE
          ${emit('SELECT to_jsonb(o) AS r FROM old_rows o', 'deleted')}
        END IF;
        RETURN NULL;
      END $$`;

/**
 * The change feed's fan-out of case.created (reviewer's finding: no webhook ever received it), and an index on
 * the outbox by entity: the trigger above finds a case's creation by it, and the delivery worker finds whether a
 * subscriber was ever sent an item before it sends that item's deletion (src/domain/webhook/webhook-payload.ts).
 *
 * Why in the participant path and not a fan-out deferred to commit: PostgreSQL defers only row-level constraint
 * triggers, which have no transition tables; deferring would turn the one fan-out query per statement into one
 * per event (bulk imports) and change every event's fan-out, where only case.created precedes its partners.
 */
export class CaseCreatedFanOut1795700000000 implements MigrationInterface {
  name = 'CaseCreatedFanOut1795700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_outbox_event_entity" ON "outbox_event" ("entity_id")`);
    await q.query(outboxRows(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(outboxRows(false));
    await q.query(`DROP INDEX "IDX_outbox_event_entity"`);
  }
}
