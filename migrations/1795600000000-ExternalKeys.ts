import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['case', 'subject', 'information_item'];

/** 1795505000000-LogChainPerStatement's versions (made SECURITY DEFINER by 1795510000000-RowLevelSecurity), for down. */
const BEGIN_PER_STATEMENT = `CREATE OR REPLACE FUNCTION schakel_log_chain_begin() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      DECLARE head log_chain%ROWTYPE;
      BEGIN
        IF coalesce(current_setting('schakel.chain.' || TG_TABLE_NAME, true), '') <> '' THEN
          RAISE EXCEPTION 'nested insert into %: the chain head is already taken', TG_TABLE_NAME;
        END IF;
        SELECT * INTO head FROM log_chain WHERE name = TG_TABLE_NAME FOR UPDATE;
        PERFORM set_config('schakel.chain.' || TG_TABLE_NAME, head.seq || ':' || head.hash, true);
        RETURN NULL;
      END $$`;
const END_PER_STATEMENT = `CREATE OR REPLACE FUNCTION schakel_log_chain_end() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      DECLARE head text := coalesce(current_setting('schakel.chain.' || TG_TABLE_NAME, true), '');
      BEGIN
        IF head = '' THEN RAISE EXCEPTION 'insert into % without its chain head', TG_TABLE_NAME; END IF;
        UPDATE log_chain SET seq = split_part(head, ':', 1)::bigint, hash = split_part(head, ':', 2) WHERE name = TG_TABLE_NAME;
        PERFORM set_config('schakel.chain.' || TG_TABLE_NAME, '', true);
        RETURN NULL;
      END $$`;

/**
 * Issue 10: records pushed by partners' registration systems carry their key there — (source system,
 * external id), unique per table — and a version that goes up by one on every real change of the row
 * (optimistic concurrency for idempotent upserts). A BEFORE UPDATE trigger keeps `version` and
 * `updated_at` true for every code path: a real change bumps both; an update that changes nothing keeps
 * them; an explicit `version = version + 1` (a change of a linked row, e.g. a subject's role in a case)
 * counts as a change. `updated_at` thus means "last real change", which `updatedSince` filters on.
 *
 * And the log chain's head is written once per transaction, not once per INSERT statement: an import of many
 * rows in one transaction makes one audit INSERT per row, and each UPDATE of the head row left a version the
 * next statement had to walk past (none prunable before commit) — quadratic. Now the first log INSERT of a
 * transaction locks the head (held to the end, as before) and keeps it in a transaction-local setting;
 * later statements chain on from the setting; a deferred constraint trigger writes the head once at commit.
 * Records, seq, prev_hash and hash are as before (schakel_verify_log is unchanged). A rolled-back savepoint
 * rolls the setting back with its records.
 */
export class ExternalKeys1795600000000 implements MigrationInterface {
  name = 'ExternalKeys1795600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION schakel_log_chain_begin() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      DECLARE head log_chain%ROWTYPE; held text := coalesce(current_setting('schakel.chainhead.' || TG_TABLE_NAME, true), '');
      BEGIN
        IF coalesce(current_setting('schakel.chain.' || TG_TABLE_NAME, true), '') <> '' THEN
          RAISE EXCEPTION 'nested insert into %: the chain head is already taken', TG_TABLE_NAME;
        END IF;
        IF held = '' THEN
          -- First log INSERT of the transaction: lock the head, and touch it so that the deferred flush runs at commit.
          UPDATE log_chain SET seq = seq WHERE name = TG_TABLE_NAME RETURNING * INTO head;
          held := head.seq || ':' || head.hash;
        END IF;
        PERFORM set_config('schakel.chain.' || TG_TABLE_NAME, held, true);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION schakel_log_chain_end() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      DECLARE head text := coalesce(current_setting('schakel.chain.' || TG_TABLE_NAME, true), '');
      BEGIN
        IF head = '' THEN RAISE EXCEPTION 'insert into % without its chain head', TG_TABLE_NAME; END IF;
        PERFORM set_config('schakel.chainhead.' || TG_TABLE_NAME, head, true);
        PERFORM set_config('schakel.chain.' || TG_TABLE_NAME, '', true);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION schakel_log_chain_flush() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      DECLARE head text := coalesce(current_setting('schakel.chainhead.' || NEW.name, true), '');
      BEGIN
        IF head <> '' THEN
          PERFORM set_config('schakel.chainhead.' || NEW.name, '', true);
          UPDATE log_chain SET seq = split_part(head, ':', 1)::bigint, hash = split_part(head, ':', 2) WHERE name = NEW.name;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER "log_chain_flush" AFTER UPDATE ON "log_chain" DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION schakel_log_chain_flush()`);
    await q.query(`CREATE FUNCTION schakel_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (to_jsonb(NEW) - 'updated_at' - 'version') IS DISTINCT FROM (to_jsonb(OLD) - 'updated_at' - 'version')
           OR NEW.version IS DISTINCT FROM OLD.version THEN
          NEW.version := OLD.version + 1;
          NEW.updated_at := now();
        ELSE
          NEW.updated_at := OLD.updated_at;
        END IF;
        RETURN NEW;
      END $$`);
    for (const t of TABLES) {
      await q.query(`ALTER TABLE "${t}" ADD "source_system" text, ADD "external_id" text, ADD "version" integer NOT NULL DEFAULT 1`);
      await q.query(`ALTER TABLE "${t}" ADD CONSTRAINT "CHK_${t}_external_key" CHECK ((source_system IS NULL) = (external_id IS NULL))`);
      await q.query(`CREATE UNIQUE INDEX "UQ_${t}_external_key" ON "${t}" ("source_system", "external_id")
        WHERE source_system IS NOT NULL AND external_id IS NOT NULL`);
      await q.query(`CREATE INDEX "IDX_${t}_updated_at" ON "${t}" ("updated_at", "id")`);
      await q.query(`CREATE TRIGGER "${t}_version" BEFORE UPDATE ON "${t}" FOR EACH ROW EXECUTE FUNCTION schakel_bump_version()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of TABLES) {
      await q.query(`DROP TRIGGER "${t}_version" ON "${t}"`);
      await q.query(`DROP INDEX "IDX_${t}_updated_at"`);
      await q.query(`DROP INDEX "UQ_${t}_external_key"`);
      await q.query(`ALTER TABLE "${t}" DROP CONSTRAINT "CHK_${t}_external_key"`);
      await q.query(`ALTER TABLE "${t}" DROP COLUMN "version", DROP COLUMN "external_id", DROP COLUMN "source_system"`);
    }
    await q.query(`DROP FUNCTION schakel_bump_version()`);
    await q.query(`DROP TRIGGER "log_chain_flush" ON "log_chain"`);
    await q.query(`DROP FUNCTION schakel_log_chain_flush()`);
    await q.query(BEGIN_PER_STATEMENT);
    await q.query(END_PER_STATEMENT);
  }
}
