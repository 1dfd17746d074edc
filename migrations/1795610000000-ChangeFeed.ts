import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'schakel_app';
const principalOrg = `nullif(current_setting('schakel.organisation_id', true), '')::uuid`;

/** schakel_audit_redact as migration 1795490000000 made it (content as its SHA-256), or also without a secret. */
const redactFn = (secret: boolean) => `CREATE OR REPLACE FUNCTION schakel_audit_redact(r jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN r ? 'content' THEN (r - 'content') || jsonb_build_object('content_sha256',
    CASE WHEN r->>'content' IS NULL THEN NULL ELSE encode(sha256(convert_to(r->>'content', 'UTF8')), 'hex') END)
  ${secret ? "WHEN r ? 'secret' THEN (r - 'secret') || jsonb_build_object('secret', '[redacted]')\n  " : ''}ELSE r END $$`;

/**
 * One statement of the outbox trigger: the events of the changed rows `source` (a SELECT of jsonb rows `r`),
 * and their deliveries to the subscriptions of organisations taking part in the case as a PARTNER.
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

/** The shared domain tables whose every committed change is an event of the change feed (issue 10, item 3). */
export const OUTBOX_TABLES = ['case', 'case_participant', 'case_subject', 'information_item', 'case_phase_transition', 'case_meeting'];

/**
 * The change feed (issue 10, item 3): a transactional outbox and signed webhooks.
 *
 * - `outbox_event`: one row per row change of the shared domain tables, written by a trigger in the SAME
 *   transaction as the change, so no code path can forget it and no commit goes without its event (nor an
 *   event without its commit). It holds references only (entity, case, collaboration, category), never
 *   content: what a subscriber receives is read and decided at delivery time, under the policy then in force.
 * - `webhook_subscription`: an organisation's webhook for one collaboration, with its purpose (O11) and the
 *   signing secret.
 * - `webhook_delivery`: subscription × event, fanned out by the same trigger (so a subscription misses no
 *   event committed after its registration), with status, attempts, next attempt and last error.
 *
 * The application role may not read or write events at all (the trigger runs as its owner); it sees and
 * removes only its own organisation's subscriptions (row-level security), never their secrets (column
 * grants), and reads only its own subscriptions' deliveries. The delivery worker runs as the owner.
 */
export class ChangeFeed1795610000000 implements MigrationInterface {
  name = 'ChangeFeed1795610000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "outbox_event" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "seq" bigserial NOT NULL UNIQUE,
      "occurred_at" timestamptz NOT NULL DEFAULT now(),
      "entity_type" text NOT NULL,
      "entity_id" uuid NOT NULL,
      "case_id" uuid,
      "collaboration_id" uuid,
      "subject_id" uuid,
      "category" text,
      "operation" text NOT NULL CHECK ("operation" IN ('created', 'updated', 'deleted')),
      "actor_organisation_id" uuid,
      "trace_id" text
    )`);
    await q.query(`CREATE INDEX "IDX_outbox_event_occurred_at" ON "outbox_event" ("occurred_at")`);
    await q.query(`CREATE TABLE "webhook_subscription" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "created_at" timestamptz NOT NULL DEFAULT now(), "updated_at" timestamptz NOT NULL DEFAULT now(),
      "organisation_id" uuid NOT NULL REFERENCES "organisation"("id") ON DELETE CASCADE,
      "collaboration_id" uuid NOT NULL REFERENCES "collaboration"("id") ON DELETE CASCADE,
      "created_by_member_id" uuid NOT NULL REFERENCES "member"("id") ON DELETE RESTRICT,
      "url" text NOT NULL,
      "description" text NOT NULL DEFAULT '',
      "purpose" text NOT NULL,
      "secret" text NOT NULL
    )`);
    await q.query(`CREATE INDEX "IDX_webhook_subscription_collaboration" ON "webhook_subscription" ("collaboration_id")`);
    await q.query(`CREATE TABLE "webhook_delivery" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "subscription_id" uuid NOT NULL REFERENCES "webhook_subscription"("id") ON DELETE CASCADE,
      "event_id" uuid NOT NULL REFERENCES "outbox_event"("id") ON DELETE CASCADE,
      "status" text NOT NULL DEFAULT 'PENDING' CHECK ("status" IN ('PENDING', 'DELIVERED', 'FAILED', 'SKIPPED')),
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz NOT NULL DEFAULT now(),
      "last_attempt_at" timestamptz,
      "last_error" text,
      "delivered_at" timestamptz,
      UNIQUE ("subscription_id", "event_id")
    )`);
    await q.query(`CREATE INDEX "IDX_webhook_delivery_due" ON "webhook_delivery" ("next_attempt_at") WHERE "status" = 'PENDING'`);

    // The outbox trigger runs as its owner (SECURITY DEFINER, like the log triggers): the application role
    // fires it on every write but has no rights on outbox_event, webhook_delivery or the secrets itself.
    // Statement-level with transition tables: one INSERT … SELECT per statement, however many rows it
    // changed (a bulk import does not pay a trigger call and a fan-out query per row). An UPDATE that
    // changed nothing in a row makes no event for it.
    // A delivery is made for each subscription of the case's collaboration whose organisation takes part in
    // the case as a PARTNER at that moment (O6; an ad-hoc participation is one member's, never an
    // organisation's system: O8, O20). Whether and what it receives is decided again at delivery time.
    await q.query(`CREATE FUNCTION schakel_outbox_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = public AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${emit('SELECT to_jsonb(n) AS r FROM new_rows n', 'created')}
        ELSIF TG_OP = 'UPDATE' THEN
          ${emit('SELECT to_jsonb(n) AS r FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE to_jsonb(n) IS DISTINCT FROM to_jsonb(o)', 'updated')}
        ELSE
          ${emit('SELECT to_jsonb(o) AS r FROM old_rows o', 'deleted')}
        END IF;
        RETURN NULL;
      END $$`);
    for (const t of OUTBOX_TABLES) {
      // Transition tables allow one event per trigger. A removed case: its participants are removed with it
      // (cascade, before any AFTER trigger of the case runs), so its deletion is taken BEFORE, row by row
      // (schakel_outbox_case_deleted), while it is still known who took part.
      await q.query(`CREATE TRIGGER "${t}_outbox_insert" AFTER INSERT ON "${t}" REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION schakel_outbox_rows()`);
      await q.query(`CREATE TRIGGER "${t}_outbox_update" AFTER UPDATE ON "${t}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION schakel_outbox_rows()`);
      if (t !== 'case') {
        await q.query(`CREATE TRIGGER "${t}_outbox_delete" AFTER DELETE ON "${t}" REFERENCING OLD TABLE AS old_rows
          FOR EACH STATEMENT EXECUTE FUNCTION schakel_outbox_rows()`);
      }
    }
    await q.query(`CREATE FUNCTION schakel_outbox_case_deleted() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = public AS $$
      DECLARE ev uuid := gen_random_uuid();
      BEGIN
        INSERT INTO outbox_event (id, entity_type, entity_id, case_id, collaboration_id, operation, actor_organisation_id, trace_id)
        VALUES (ev, 'case', OLD.id, OLD.id, OLD.collaboration_id, 'deleted',
          nullif(current_setting('schakel.actor_organisation_id', true), '')::uuid,
          nullif(current_setting('schakel.trace_id', true), ''));
        INSERT INTO webhook_delivery (subscription_id, event_id)
          SELECT s.id, ev FROM webhook_subscription s
           WHERE s.collaboration_id = OLD.collaboration_id
             AND EXISTS (SELECT 1 FROM case_participant cp WHERE cp.case_id = OLD.id AND cp.organisation_id = s.organisation_id
                           AND cp.role = 'PARTNER' AND cp.member_id IS NULL);
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER "case_outbox_deleted" BEFORE DELETE ON "case" FOR EACH ROW EXECUTE FUNCTION schakel_outbox_case_deleted()`);

    // Subscriptions: the application role manages its own organisation's, and never reads a secret back
    // (it is shown once, when registered). The audit trail records who registered or removed one.
    await q.query(`ALTER TABLE "webhook_subscription" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY webhook_subscription_scope ON "webhook_subscription" TO ${APP_ROLE}
      USING (organisation_id = ${principalOrg}) WITH CHECK (organisation_id = ${principalOrg})`);
    await q.query(`GRANT SELECT ("id", "created_at", "updated_at", "organisation_id", "collaboration_id", "created_by_member_id",
      "url", "description", "purpose") ON "webhook_subscription" TO ${APP_ROLE}`);
    await q.query(`GRANT INSERT, DELETE ON "webhook_subscription" TO ${APP_ROLE}`);
    // The audit trail records the subscription, never its signing secret.
    await q.query(redactFn(true));
    await q.query(`CREATE TRIGGER "webhook_subscription_audit" AFTER INSERT OR UPDATE OR DELETE ON "webhook_subscription"
      FOR EACH ROW EXECUTE FUNCTION schakel_audit_row()`);
    // Deliveries: read-only, those of the organisation's own subscriptions (their status).
    await q.query(`ALTER TABLE "webhook_delivery" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY webhook_delivery_scope ON "webhook_delivery" TO ${APP_ROLE}
      USING (EXISTS (SELECT 1 FROM webhook_subscription s WHERE s.id = subscription_id AND s.organisation_id = ${principalOrg}))`);
    await q.query(`GRANT SELECT ON "webhook_delivery" TO ${APP_ROLE}`);
    // Events: no grant at all (the trigger writes them as the owner). RLS on as well, without a policy for
    // the role: should a grant ever be added by mistake, the role still reads no event.
    await q.query(`ALTER TABLE "outbox_event" ENABLE ROW LEVEL SECURITY`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "case_outbox_deleted" ON "case"`);
    for (const t of OUTBOX_TABLES) {
      for (const op of t === 'case' ? ['insert', 'update'] : ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER "${t}_outbox_${op}" ON "${t}"`);
    }
    await q.query(`DROP FUNCTION schakel_outbox_case_deleted()`);
    await q.query(`DROP FUNCTION schakel_outbox_rows()`);
    await q.query(redactFn(false));
    await q.query(`DROP TABLE "webhook_delivery"`);
    await q.query(`DROP TABLE "webhook_subscription"`);
    await q.query(`DROP TABLE "outbox_event"`);
  }
}
