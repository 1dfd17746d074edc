import type { MigrationInterface, QueryRunner } from 'typeorm';

const LOGS = ['disclosure_log', 'mutation_audit'];

/**
 * New log records are hashed over the record's own text form instead of its JSON form (issue 11).
 *
 * A record's hash was sha256(previous hash || to_jsonb(record) - 'hash'): building the JSON of each record cost
 * about half of what writing a record costs in PostgreSQL (a case list's 92 disclosure records: 16 ms with it,
 * 7.6 ms without any hash). Now it is sha256(previous hash || the record's text form, its hash empty): 10.6 ms.
 * The chain stays one chain: each record still links to the one before by its hash. Records written before this
 * migration keep their hashes; `log_chain.row_text_from` is the first record of each log hashed the new way, and
 * schakel_verify_log checks each record by the form it was written in.
 *
 * A record's text form depends on the settings that format its timestamps: the trigger and the check both run
 * with TimeZone UTC and DateStyle ISO. Like the JSON form, it also depends on the log's columns: a column added to
 * a log changes the form of the records before it, so such a migration needs a next form.
 */
export class LogHashOfRowText1795640000000 implements MigrationInterface {
  name = 'LogHashOfRowText1795640000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE log_chain ADD COLUMN row_text_from bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE log_chain ALTER COLUMN row_text_from DROP DEFAULT`);
    // The head rows are locked by this UPDATE until the migration commits: no record is chained in between.
    // (After the ALTERs: the UPDATE queues the head's deferred trigger, and a table with pending trigger events cannot be altered.)
    await q.query(`UPDATE log_chain SET row_text_from = seq + 1`);
    await q.query(`CREATE FUNCTION schakel_log_row_hash(prev text, row_text text) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$ SELECT encode(sha256(convert_to(prev || row_text, 'UTF8')), 'hex') $$`);
    await q.query(`CREATE OR REPLACE FUNCTION schakel_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET "TimeZone" TO 'UTC' SET "DateStyle" TO 'ISO, MDY' AS $$
      DECLARE head text := coalesce(current_setting('schakel.chain.' || TG_TABLE_NAME, true), '');
      BEGIN
        IF head = '' THEN RAISE EXCEPTION 'insert into % without its chain head', TG_TABLE_NAME; END IF;
        NEW.seq := split_part(head, ':', 1)::bigint + 1;
        NEW.prev_hash := split_part(head, ':', 2);
        NEW.hash := '';
        NEW.hash := schakel_log_row_hash(NEW.prev_hash, NEW::text);
        PERFORM set_config('schakel.chain.' || TG_TABLE_NAME, NEW.seq || ':' || NEW.hash, true);
        RETURN NEW;
      END $$`);
    await q.query(verifyLog(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const log of LOGS) {
      const [{ n }] = await q.query(
        `SELECT count(*)::int AS n FROM "${log}" WHERE seq >= (SELECT row_text_from FROM log_chain WHERE name = $1)`,
        [log],
      );
      // Taken back, the check would no longer know how these records were hashed and report them altered.
      if (n > 0) throw new Error(`${log} holds ${n} records hashed over their text form: this migration cannot be undone without making them unverifiable`);
    }
    await q.query(`CREATE OR REPLACE FUNCTION schakel_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET "TimeZone" TO 'UTC' AS $$
      DECLARE head text := coalesce(current_setting('schakel.chain.' || TG_TABLE_NAME, true), '');
      BEGIN
        IF head = '' THEN RAISE EXCEPTION 'insert into % without its chain head', TG_TABLE_NAME; END IF;
        NEW.seq := split_part(head, ':', 1)::bigint + 1;
        NEW.prev_hash := split_part(head, ':', 2);
        NEW.hash := schakel_log_hash(NEW.prev_hash, to_jsonb(NEW));
        PERFORM set_config('schakel.chain.' || TG_TABLE_NAME, NEW.seq || ':' || NEW.hash, true);
        RETURN NEW;
      END $$`);
    await q.query(verifyLog(false));
    await q.query(`DROP FUNCTION schakel_log_row_hash(text, text)`);
    await q.query(`ALTER TABLE log_chain DROP COLUMN row_text_from`);
  }
}

/** schakel_verify_log: with `rowText`, records from log_chain.row_text_from on are checked by their text form. */
function verifyLog(rowText: boolean): string {
  const settings = rowText ? `SET "TimeZone" TO 'UTC' SET "DateStyle" TO 'ISO, MDY'` : `SET "TimeZone" TO 'UTC'`;
  const records = rowText
    ? `format($q$SELECT t.seq, t.id, t.prev_hash, t.hash,
                CASE WHEN t.seq < $1 THEN to_jsonb(t) END AS rec,
                CASE WHEN t.seq >= $1 THEN jsonb_populate_record(t, '{"hash": ""}')::text END AS row_text
           FROM %s t ORDER BY t.seq $q$, log) USING row_text_from`
    : `format('SELECT t.seq, t.id, t.prev_hash, t.hash, to_jsonb(t) AS rec FROM %s t ORDER BY t.seq', log)`;
  // In parentheses: PL/pgSQL reads an ELSIF's condition up to the first THEN.
  const hash = rowText ? `(CASE WHEN r.row_text IS NULL THEN schakel_log_hash(prev, r.rec) ELSE schakel_log_row_hash(prev, r.row_text) END)` : `schakel_log_hash(prev, r.rec)`;
  return `CREATE OR REPLACE FUNCTION schakel_verify_log(log regclass) RETURNS TABLE(seq bigint, id uuid, problem text)
      LANGUAGE plpgsql STABLE ${settings} AS $$
      DECLARE r record; prev text; expected_seq bigint;${rowText ? ' row_text_from bigint;' : ''}
      BEGIN
        SELECT c.anchor_hash, c.anchor_seq + 1${rowText ? ', c.row_text_from' : ''} INTO prev, expected_seq${rowText ? ', row_text_from' : ''}
          FROM log_chain c WHERE c.name = log::text;
        FOR r IN EXECUTE ${records} LOOP
          IF r.seq <> expected_seq THEN
            seq := r.seq; id := r.id; problem := format('record %s missing before this one', expected_seq); RETURN NEXT; RETURN;
          ELSIF r.prev_hash <> prev THEN
            seq := r.seq; id := r.id; problem := 'its link to the previous record is broken'; RETURN NEXT; RETURN;
          ELSIF r.hash <> ${hash} THEN
            seq := r.seq; id := r.id; problem := 'its content does not match its hash (altered)'; RETURN NEXT; RETURN;
          END IF;
          prev := r.hash; expected_seq := r.seq + 1;
        END LOOP;
        IF prev <> (SELECT c.hash FROM log_chain c WHERE c.name = log::text) THEN
          seq := expected_seq; id := NULL; problem := 'the newest records are missing (the chain head does not match)'; RETURN NEXT;
        END IF;
      END $$`;
}
