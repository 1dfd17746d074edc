import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail keeps no personal text that its readers may not see (O10, O33).
 *
 * Every change to an audited table is a mutation_audit record that holds the row before and after. Privacy officers of
 * every party of a collaboration read those records (`auditTrail`). schakel_audit_redact already replaced an item's
 * `content` by its SHA-256, but two newer texts went in as written:
 * - a police item's `police_justification` (O10), which describes the police data it justifies;
 * - a complaint's `summary` and `outcome` (O33), which only its handlers and the collaboration's coordinators may read.
 *
 * Now they go in as `<column>_sha256`, like `content`. The hash still proves what was written, and still shows that a
 * change changed it. schakel_audit_row passes its table to a new schakel_audit_redact(table, row): `outcome` is hashed
 * only for complaints, not for the case closures and data-subject requests that have a column of that name. Records
 * written before this migration keep what they hold: the log is append-only and chained.
 */
export class AuditRedactsPersonalText1795680000000 implements MigrationInterface {
  name = 'AuditRedactsPersonalText1795680000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION schakel_audit_redact(tbl text, r jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
      SELECT (x.base - x.texts) || COALESCE(
               (SELECT jsonb_object_agg(k || '_sha256',
                         CASE WHEN x.base->>k IS NULL THEN NULL ELSE encode(sha256(convert_to(x.base->>k, 'UTF8')), 'hex') END)
                  FROM unnest(x.texts) k WHERE x.base ? k),
               '{}'::jsonb)
        FROM (SELECT schakel_audit_redact(r) AS base,
                     CASE tbl WHEN 'information_item' THEN ARRAY['police_justification']
                              WHEN 'complaint' THEN ARRAY['summary', 'outcome']
                              ELSE ARRAY[]::text[] END AS texts) x $$`);
    await q.query(auditRow('schakel_audit_redact(TG_TABLE_NAME, to_jsonb(OLD))', 'schakel_audit_redact(TG_TABLE_NAME, to_jsonb(NEW))'));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(auditRow('schakel_audit_redact(to_jsonb(OLD))', 'schakel_audit_redact(to_jsonb(NEW))'));
    await q.query(`DROP FUNCTION schakel_audit_redact(text, jsonb)`);
  }
}

/** schakel_audit_row as migration 1795490000000 made it, with the given redaction of the row before and after. */
function auditRow(before: string, after: string): string {
  return `CREATE OR REPLACE FUNCTION schakel_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
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
          CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE ${before} END,
          CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE ${after} END);
        RETURN NULL;
      END $$`;
}
