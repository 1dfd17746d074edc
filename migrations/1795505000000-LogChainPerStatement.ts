import type { MigrationInterface, QueryRunner } from 'typeorm';

const LOGS = ['disclosure_log', 'mutation_audit'];

/**
 * The log chain's head is read and written once per INSERT statement instead of once per record.
 *
 * Before: each record's BEFORE INSERT trigger locked the chain head, hashed the record and UPDATEd the
 * head. A response that discloses data on 100 subjects is one 100-row INSERT, so the head row was
 * updated 100 times in one transaction; each update leaves a row version that the next lookup has to
 * walk past (none can be pruned before commit), so the cost per record grew with the statement's size.
 *
 * Now: a BEFORE INSERT statement trigger locks the head (FOR UPDATE, held to the end of the transaction,
 * as before: writers of one log still serialise) and keeps it in a transaction-local setting; the row
 * trigger chains each record from that setting exactly as before (same seq, prev_hash and hash, so
 * schakel_verify_log and existing records are unaffected); an AFTER INSERT statement trigger writes the
 * new head once. A failed statement rolls back the setting with everything else.
 */
export class LogChainPerStatement1795505000000 implements MigrationInterface {
  name = 'LogChainPerStatement1795505000000';

  public async up(q: QueryRunner): Promise<void> {
    // Take the chain head under a row lock and remember it for the statement's rows.
    await q.query(`CREATE FUNCTION schakel_log_chain_begin() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE head log_chain%ROWTYPE;
      BEGIN
        IF coalesce(current_setting('schakel.chain.' || TG_TABLE_NAME, true), '') <> '' THEN
          RAISE EXCEPTION 'nested insert into %: the chain head is already taken', TG_TABLE_NAME;
        END IF;
        SELECT * INTO head FROM log_chain WHERE name = TG_TABLE_NAME FOR UPDATE;
        PERFORM set_config('schakel.chain.' || TG_TABLE_NAME, head.seq || ':' || head.hash, true);
        RETURN NULL;
      END $$`);
    // Chain one record onto the head taken by the statement (the hash as before: schakel_log_hash).
    await q.query(`CREATE OR REPLACE FUNCTION schakel_log_chain() RETURNS trigger LANGUAGE plpgsql SET timezone TO 'UTC' AS $$
      DECLARE head text := coalesce(current_setting('schakel.chain.' || TG_TABLE_NAME, true), '');
      BEGIN
        IF head = '' THEN RAISE EXCEPTION 'insert into % without its chain head', TG_TABLE_NAME; END IF;
        NEW.seq := split_part(head, ':', 1)::bigint + 1;
        NEW.prev_hash := split_part(head, ':', 2);
        NEW.hash := schakel_log_hash(NEW.prev_hash, to_jsonb(NEW));
        PERFORM set_config('schakel.chain.' || TG_TABLE_NAME, NEW.seq || ':' || NEW.hash, true);
        RETURN NEW;
      END $$`);
    // Write the new head once, and release the setting.
    await q.query(`CREATE FUNCTION schakel_log_chain_end() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE head text := coalesce(current_setting('schakel.chain.' || TG_TABLE_NAME, true), '');
      BEGIN
        IF head = '' THEN RAISE EXCEPTION 'insert into % without its chain head', TG_TABLE_NAME; END IF;
        UPDATE log_chain SET seq = split_part(head, ':', 1)::bigint, hash = split_part(head, ':', 2) WHERE name = TG_TABLE_NAME;
        PERFORM set_config('schakel.chain.' || TG_TABLE_NAME, '', true);
        RETURN NULL;
      END $$`);
    for (const t of LOGS) {
      await q.query(`CREATE TRIGGER "${t}_chain_begin" BEFORE INSERT ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION schakel_log_chain_begin()`);
      await q.query(`CREATE TRIGGER "${t}_chain_end" AFTER INSERT ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION schakel_log_chain_end()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of LOGS) {
      await q.query(`DROP TRIGGER "${t}_chain_end" ON "${t}"`);
      await q.query(`DROP TRIGGER "${t}_chain_begin" ON "${t}"`);
    }
    // The per-record version of 1795490000000-DisclosureLog.
    await q.query(`CREATE OR REPLACE FUNCTION schakel_log_chain() RETURNS trigger LANGUAGE plpgsql SET timezone TO 'UTC' AS $$
      DECLARE head log_chain%ROWTYPE;
      BEGIN
        SELECT * INTO head FROM log_chain WHERE name = TG_TABLE_NAME FOR UPDATE;
        NEW.seq := head.seq + 1;
        NEW.prev_hash := head.hash;
        NEW.hash := schakel_log_hash(head.hash, to_jsonb(NEW));
        UPDATE log_chain SET seq = NEW.seq, hash = NEW.hash WHERE name = TG_TABLE_NAME;
        RETURN NEW;
      END $$`);
    await q.query(`DROP FUNCTION schakel_log_chain_end()`);
    await q.query(`DROP FUNCTION schakel_log_chain_begin()`);
  }
}
