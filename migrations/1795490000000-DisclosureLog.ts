import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose every row change is recorded in mutation_audit (who, when, what, before and after). */
export const AUDITED_TABLES = [
  'collaboration', 'organisation', 'agreement', 'party', 'art20_decision', 'art20_decision_recipient', 'member',
  'case', 'case_participant', 'subject', 'case_subject', 'information_item', 'case_meeting', 'action_item',
  'action_plan', 'intervention', 'policy_version',
];
const LOGS = ['disclosure_log', 'mutation_audit'];

/**
 * The disclosure log (one record per response per data subject, after the Logboek Dataverwerkingen) and the
 * mutation audit trail. Both are append-only (a trigger refuses UPDATE, DELETE and TRUNCATE; only
 * `schakel_purge_logs` may remove records older than the retention) and hash-chained: each record's hash
 * covers its content and the previous record's hash, computed in the database so no writer can skip it.
 */
export class DisclosureLog1795490000000 implements MigrationInterface {
  name = 'DisclosureLog1795490000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "log_chain" (
      "name" text PRIMARY KEY,
      "seq" bigint NOT NULL DEFAULT 0,
      "hash" text NOT NULL,
      "anchor_seq" bigint NOT NULL DEFAULT 0,
      "anchor_hash" text NOT NULL
    )`);
    await q.query(`INSERT INTO "log_chain" ("name", "hash", "anchor_hash") VALUES
      ('disclosure_log', repeat('0', 64), repeat('0', 64)), ('mutation_audit', repeat('0', 64), repeat('0', 64))`);
    await q.query(`CREATE TABLE "disclosure_log" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "seq" bigint NOT NULL UNIQUE,
      "trace_id" text NOT NULL,
      "span_id" text NOT NULL,
      "parent_span_id" text,
      "name" text NOT NULL,
      "status" text NOT NULL,
      "start_time" timestamptz NOT NULL,
      "end_time" timestamptz NOT NULL,
      "processing_activity_id" text NOT NULL,
      "data_subject_id" text NOT NULL,
      "data_subject_id_type" text NOT NULL,
      "subject_id" uuid NOT NULL,
      "case_id" uuid NOT NULL,
      "collaboration_id" uuid NOT NULL,
      "recipient_organisation_id" uuid NOT NULL,
      "recipient_member_id" uuid NOT NULL,
      "purpose" text,
      "categories_disclosed" text[] NOT NULL,
      "fields_disclosed" text[] NOT NULL,
      "item_ids" uuid[] NOT NULL,
      "categories_denied" text[] NOT NULL,
      "fields_denied" text[] NOT NULL,
      "denial_reasons" text[] NOT NULL,
      "legal_ground" text,
      "art20_decision_ids" uuid[] NOT NULL,
      "policy_version" text,
      "prev_hash" text NOT NULL,
      "hash" text NOT NULL
    )`);
    await q.query(`CREATE INDEX "IDX_disclosure_log_subject" ON "disclosure_log" ("subject_id", "start_time")`);
    await q.query(`CREATE INDEX "IDX_disclosure_log_case" ON "disclosure_log" ("case_id", "start_time")`);
    await q.query(`CREATE INDEX "IDX_disclosure_log_recipient" ON "disclosure_log" ("recipient_organisation_id", "start_time")`);
    await q.query(`CREATE INDEX "IDX_disclosure_log_time" ON "disclosure_log" ("start_time")`);
    await q.query(`CREATE TABLE "mutation_audit" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "seq" bigint NOT NULL UNIQUE,
      "at" timestamptz NOT NULL DEFAULT clock_timestamp(),
      "trace_id" text,
      "actor_member_id" uuid,
      "actor_organisation_id" uuid,
      "operation" text NOT NULL,
      "table_name" text NOT NULL,
      "action" text NOT NULL,
      "row_id" text,
      "before" jsonb,
      "after" jsonb,
      "prev_hash" text NOT NULL,
      "hash" text NOT NULL
    )`);
    await q.query(`CREATE INDEX "IDX_mutation_audit_row" ON "mutation_audit" ("table_name", "row_id")`);
    await q.query(`CREATE INDEX "IDX_mutation_audit_at" ON "mutation_audit" ("at")`);

    // The hash of a record: SHA-256 over the previous hash and the record without its own hash, in UTC.
    await q.query(`CREATE FUNCTION schakel_log_hash(prev text, rec jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$ SELECT encode(sha256(convert_to(prev || (rec - 'hash')::text, 'UTF8')), 'hex') $$`);
    // Chain a new record: take the chain's head under a row lock (inserts serialise per log until commit).
    await q.query(`CREATE FUNCTION schakel_log_chain() RETURNS trigger LANGUAGE plpgsql SET timezone TO 'UTC' AS $$
      DECLARE head log_chain%ROWTYPE;
      BEGIN
        SELECT * INTO head FROM log_chain WHERE name = TG_TABLE_NAME FOR UPDATE;
        NEW.seq := head.seq + 1;
        NEW.prev_hash := head.hash;
        NEW.hash := schakel_log_hash(head.hash, to_jsonb(NEW));
        UPDATE log_chain SET seq = NEW.seq, hash = NEW.hash WHERE name = TG_TABLE_NAME;
        RETURN NEW;
      END $$`);
    // Append-only: no UPDATE, no TRUNCATE, DELETE only through schakel_purge_logs and only of old records.
    await q.query(`CREATE FUNCTION schakel_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE cutoff timestamptz := nullif(current_setting('schakel.purge_before', true), '')::timestamptz;
      BEGIN
        IF TG_OP = 'DELETE' AND cutoff IS NOT NULL
           AND COALESCE(to_jsonb(OLD)->>'start_time', to_jsonb(OLD)->>'at')::timestamptz < cutoff THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    // Remove records older than the retention, oldest first, keeping the chain verifiable from an anchor.
    await q.query(`CREATE FUNCTION schakel_purge_logs(retention interval) RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE cutoff timestamptz := now() - retention; n bigint := 0; k bigint; keep_from bigint; last_hash text;
              t text; col text;
      BEGIN
        IF retention < interval '0' THEN RAISE EXCEPTION 'retention must not be negative'; END IF;
        PERFORM set_config('schakel.purge_before', cutoff::text, true);
        FOREACH t IN ARRAY ARRAY['disclosure_log', 'mutation_audit'] LOOP
          col := CASE t WHEN 'disclosure_log' THEN 'start_time' ELSE 'at' END;
          PERFORM 1 FROM log_chain WHERE name = t FOR UPDATE;
          -- Only a prefix of the chain goes: up to the first record that is younger than the retention.
          EXECUTE format('SELECT COALESCE((SELECT min(seq) FROM %I WHERE %I >= $1), (SELECT max(seq) + 1 FROM %I))', t, col, t)
            INTO keep_from USING cutoff;
          CONTINUE WHEN keep_from IS NULL;
          EXECUTE format('SELECT hash FROM %I WHERE seq = $1', t) INTO last_hash USING keep_from - 1;
          CONTINUE WHEN last_hash IS NULL;
          EXECUTE format('DELETE FROM %I WHERE seq < $1', t) USING keep_from;
          GET DIAGNOSTICS k = ROW_COUNT; n := n + k;
          UPDATE log_chain SET anchor_seq = keep_from - 1, anchor_hash = last_hash WHERE name = t;
        END LOOP;
        PERFORM set_config('schakel.purge_before', '', true);
        RETURN n;
      END $$`);
    // The first record (by seq) whose link or hash does not hold, or none.
    await q.query(`CREATE FUNCTION schakel_verify_log(log regclass)
      RETURNS TABLE (seq bigint, id uuid, problem text) LANGUAGE plpgsql STABLE SET timezone TO 'UTC' AS $$
      DECLARE r record; prev text; expected_seq bigint;
      BEGIN
        SELECT c.anchor_hash, c.anchor_seq + 1 INTO prev, expected_seq FROM log_chain c WHERE c.name = log::text;
        FOR r IN EXECUTE format('SELECT t.seq, t.id, t.prev_hash, t.hash, to_jsonb(t) AS rec FROM %s t ORDER BY t.seq', log) LOOP
          IF r.seq <> expected_seq THEN
            seq := r.seq; id := r.id; problem := format('record %s missing before this one', expected_seq); RETURN NEXT; RETURN;
          ELSIF r.prev_hash <> prev THEN
            seq := r.seq; id := r.id; problem := 'its link to the previous record is broken'; RETURN NEXT; RETURN;
          ELSIF r.hash <> schakel_log_hash(prev, r.rec) THEN
            seq := r.seq; id := r.id; problem := 'its content does not match its hash (altered)'; RETURN NEXT; RETURN;
          END IF;
          prev := r.hash; expected_seq := r.seq + 1;
        END LOOP;
        IF prev <> (SELECT c.hash FROM log_chain c WHERE c.name = log::text) THEN
          seq := expected_seq; id := NULL; problem := 'the newest records are missing (the chain head does not match)'; RETURN NEXT;
        END IF;
      END $$`);
    // The audit trail records who changed what, not the personal data itself: the text of an item
    // ("content") is kept as its SHA-256 only, so erasing an item removes its content for real (O38)
    // while the trail still shows that, and by whom, it was changed.
    await q.query(`CREATE FUNCTION schakel_audit_redact(r jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN r ? 'content' THEN (r - 'content') || jsonb_build_object('content_sha256',
        CASE WHEN r->>'content' IS NULL THEN NULL ELSE encode(sha256(convert_to(r->>'content', 'UTF8')), 'hex') END)
      ELSE r END $$`);
    // Who changed what: every row change of the domain tables, with the actor the application set for
    // the transaction (schakel.actor_member_id, …; none for direct writes such as the demo seed).
    await q.query(`CREATE FUNCTION schakel_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE rowj jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
      BEGIN
        INSERT INTO mutation_audit (seq, prev_hash, hash, trace_id, actor_member_id, actor_organisation_id, operation,
                                    table_name, action, row_id, before, after)
        VALUES (0, '', '',
          nullif(current_setting('schakel.trace_id', true), ''),
          nullif(current_setting('schakel.actor_member_id', true), '')::uuid,
          nullif(current_setting('schakel.actor_organisation_id', true), '')::uuid,
          COALESCE(nullif(current_setting('schakel.operation', true), ''), 'direct'),
          TG_TABLE_NAME, TG_OP, COALESCE(rowj->>'id', rowj->>'decision_id'),
          CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE schakel_audit_redact(to_jsonb(OLD)) END,
          CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE schakel_audit_redact(to_jsonb(NEW)) END);
        RETURN NULL;
      END $$`);
    for (const t of LOGS) {
      await q.query(`CREATE TRIGGER "${t}_chain" BEFORE INSERT ON "${t}" FOR EACH ROW EXECUTE FUNCTION schakel_log_chain()`);
      await q.query(`CREATE TRIGGER "${t}_append_only" BEFORE UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION schakel_log_append_only()`);
      await q.query(`CREATE TRIGGER "${t}_no_truncate" BEFORE TRUNCATE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION schakel_log_append_only()`);
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "${t}" FROM PUBLIC`);
    }
    for (const t of AUDITED_TABLES) {
      await q.query(`CREATE TRIGGER "${t}_audit" AFTER INSERT OR UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION schakel_audit_row()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of AUDITED_TABLES) await q.query(`DROP TRIGGER "${t}_audit" ON "${t}"`);
    await q.query(`DROP TABLE "mutation_audit"`);
    await q.query(`DROP TABLE "disclosure_log"`);
    await q.query(`DROP FUNCTION schakel_audit_row()`);
    await q.query(`DROP FUNCTION schakel_audit_redact(jsonb)`);
    await q.query(`DROP FUNCTION schakel_verify_log(regclass)`);
    await q.query(`DROP FUNCTION schakel_purge_logs(interval)`);
    await q.query(`DROP FUNCTION schakel_log_append_only()`);
    await q.query(`DROP FUNCTION schakel_log_chain()`);
    await q.query(`DROP FUNCTION schakel_log_hash(text, jsonb)`);
    await q.query(`DROP TABLE "log_chain"`);
  }
}
