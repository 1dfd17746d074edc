import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The role every request runs as (SET ROLE per request): no BYPASSRLS, not the owner of any table. */
export const APP_ROLE = 'schakel_app';

const LOG_TRIGGER_FUNCTIONS = ['schakel_log_chain()', 'schakel_log_chain_begin()', 'schakel_log_chain_end()', 'schakel_audit_row()'];
const CASE_TABLES = ['case_participant', 'case_subject', 'information_item', 'case_meeting', 'action_plan'];
const RLS_TABLES = ['case', ...CASE_TABLES, 'subject', 'action_item', 'intervention'];
const READ_WRITE = [
  'collaboration', 'organisation', 'agreement', 'party', 'art20_decision', 'art20_decision_recipient', 'member',
  'case', 'case_participant', 'subject', 'case_subject', 'information_item', 'case_meeting', 'action_item',
  'action_plan', 'intervention', 'art20_evaluation', 'agreement_evaluation', 'accession_request', 'accession_approval',
];

/**
 * Defence in depth (issue 9): even if an application check were missing, a request's transaction reads and
 * writes only the rows of cases its principal takes part in. The application runs each request as the role
 * `schakel_app` (no BYPASSRLS, owner of nothing) with the principal set in `schakel.member_id` and
 * `schakel.organisation_id`; without a principal it sees no case rows at all. The role may only append to
 * the logs (no UPDATE, DELETE or TRUNCATE), and the log triggers run as their owner.
 */
export class RowLevelSecurity1795510000000 implements MigrationInterface {
  name = 'RowLevelSecurity1795510000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN NOBYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE;
      END IF;
    END $$`);
    // The connecting user switches to the role per request (SET ROLE needs membership).
    await q.query(`DO $$ BEGIN
      IF NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user); END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    for (const t of READ_WRITE) await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${t}" TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT ON "policy_version", "disclosure_log", "mutation_audit" TO ${APP_ROLE}`);
    // The log triggers write the chain head and the audit trail as their owner: the role needs no rights there.
    for (const f of LOG_TRIGGER_FUNCTIONS) await q.query(`ALTER FUNCTION ${f} SECURITY DEFINER`);
    for (const f of ['schakel_purge_logs(interval)', 'schakel_verify_log(regclass)']) {
      await q.query(`REVOKE EXECUTE ON FUNCTION ${f} FROM PUBLIC`);
    }

    const principalOrg = `nullif(current_setting('schakel.organisation_id', true), '')::uuid`;
    const principalMember = `nullif(current_setting('schakel.member_id', true), '')::uuid`;
    // Visibility helpers run as the owner (who is not subject to RLS), so policies do not recurse.
    await q.query(`CREATE FUNCTION schakel_case_visible(c uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
      SET search_path = public AS $$
      SELECT EXISTS (SELECT 1 FROM case_participant cp WHERE cp.case_id = c
        AND cp.organisation_id = ${principalOrg} AND (cp.member_id IS NULL OR cp.member_id = ${principalMember})) $$`);
    await q.query(`CREATE FUNCTION schakel_case_reported_by_principal(c uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
      SET search_path = public AS $$
      SELECT EXISTS (SELECT 1 FROM "case" k WHERE k.id = c AND k.reporting_organisation_id = ${principalOrg}) $$`);
    await q.query(`CREATE FUNCTION schakel_case_has_participants(c uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
      SET search_path = public AS $$ SELECT EXISTS (SELECT 1 FROM case_participant cp WHERE cp.case_id = c) $$`);
    await q.query(`CREATE FUNCTION schakel_subject_visible(s uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
      SET search_path = public AS $$
      SELECT EXISTS (SELECT 1 FROM case_subject cs WHERE cs.subject_id = s AND schakel_case_visible(cs.case_id))
          OR NOT EXISTS (SELECT 1 FROM case_subject cs WHERE cs.subject_id = s) $$`);
    await q.query(`CREATE FUNCTION schakel_meeting_visible(m uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
      SET search_path = public AS $$ SELECT EXISTS (SELECT 1 FROM case_meeting x WHERE x.id = m AND schakel_case_visible(x.case_id)) $$`);
    await q.query(`CREATE FUNCTION schakel_plan_visible(p uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
      SET search_path = public AS $$ SELECT EXISTS (SELECT 1 FROM action_plan x WHERE x.id = p AND schakel_case_visible(x.case_id)) $$`);

    for (const t of RLS_TABLES) await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
    // A case: its participants; the organisation registering it may insert it and see it until it takes part.
    await q.query(`CREATE POLICY case_scope ON "case" TO ${APP_ROLE}
      USING (schakel_case_visible(id) OR (reporting_organisation_id = ${principalOrg} AND NOT schakel_case_has_participants(id)))
      WITH CHECK (schakel_case_visible(id) OR reporting_organisation_id = ${principalOrg})`);
    // A participation of the principal itself is visible (also the one just inserted when registering a case).
    await q.query(`CREATE POLICY case_participant_scope ON "case_participant" TO ${APP_ROLE}
      USING (schakel_case_visible(case_id)
        OR (organisation_id = ${principalOrg} AND (member_id IS NULL OR member_id = ${principalMember})))
      WITH CHECK (schakel_case_visible(case_id) OR schakel_case_reported_by_principal(case_id))`);
    for (const t of CASE_TABLES.filter((x) => x !== 'case_participant')) {
      await q.query(`CREATE POLICY ${t}_scope ON "${t}" TO ${APP_ROLE} USING (schakel_case_visible(case_id)) WITH CHECK (schakel_case_visible(case_id))`);
    }
    await q.query(`CREATE POLICY subject_scope ON "subject" TO ${APP_ROLE} USING (schakel_subject_visible(id)) WITH CHECK (true)`);
    await q.query(`CREATE POLICY action_item_scope ON "action_item" TO ${APP_ROLE} USING (schakel_meeting_visible(meeting_id))`);
    await q.query(`CREATE POLICY intervention_scope ON "intervention" TO ${APP_ROLE} USING (schakel_plan_visible(action_plan_id))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY intervention_scope ON "intervention"`);
    await q.query(`DROP POLICY action_item_scope ON "action_item"`);
    await q.query(`DROP POLICY subject_scope ON "subject"`);
    for (const t of CASE_TABLES.filter((x) => x !== 'case_participant')) await q.query(`DROP POLICY ${t}_scope ON "${t}"`);
    await q.query(`DROP POLICY case_participant_scope ON "case_participant"`);
    await q.query(`DROP POLICY case_scope ON "case"`);
    for (const t of RLS_TABLES) await q.query(`ALTER TABLE "${t}" DISABLE ROW LEVEL SECURITY`);
    for (const f of ['schakel_plan_visible', 'schakel_meeting_visible', 'schakel_subject_visible', 'schakel_case_has_participants',
      'schakel_case_reported_by_principal', 'schakel_case_visible']) {
      await q.query(`DROP FUNCTION ${f}(uuid)`);
    }
    for (const f of ['schakel_purge_logs(interval)', 'schakel_verify_log(regclass)']) await q.query(`GRANT EXECUTE ON FUNCTION ${f} TO PUBLIC`);
    for (const f of LOG_TRIGGER_FUNCTIONS) await q.query(`ALTER FUNCTION ${f} SECURITY INVOKER`);
    // The role is shared by every database of the cluster: only this database's grants are taken back.
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
  }
}
