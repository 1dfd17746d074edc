import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1795510000000-RowLevelSecurity.js';

const principalOrg = `nullif(current_setting('schakel.organisation_id', true), '')::uuid`;
const principalMember = `nullif(current_setting('schakel.member_id', true), '')::uuid`;

/**
 * The same test as schakel_case_visible(c) (migration 1795520000000), written into the policy so PostgreSQL
 * plans it with the query: one index probe of case_participant per row read. `OFFSET 0` keeps it a probe per
 * row: without it the planner may turn the EXISTS into a hash of all the principal's cases, built on every
 * statement (tens of thousands of rows for a busy partner) to read one page.
 */
const visibleInline = (caseIdExpr: string) =>
  `EXISTS (SELECT 1 FROM case_participant cp WHERE cp.case_id = ${caseIdExpr}
    AND cp.organisation_id = ${principalOrg} AND (cp.member_id IS NULL OR cp.member_id = ${principalMember})
    AND (cp.role <> 'AD_HOC' OR cp.confidentiality_signed_at IS NOT NULL) OFFSET 0)`;

const FUNCTION_QUAL = 'schakel_case_visible(case_id)';

/** Policies whose row test is exactly "the row's case is visible": all tables that hang off a case. */
async function caseScopedPolicies(q: QueryRunner, qual: string): Promise<{ tablename: string; policyname: string }[]> {
  return q.query(`SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public' AND qual = $1 AND with_check = $1`, [qual]);
}

/**
 * Row-level security at the speed of a page (issue 11). The policies of migration 1795510000000 called a
 * SECURITY DEFINER function per row (about 25 µs each, never inlined): counting a partner's 20,000 cases
 * took half a second, and reading a page of 1,000 items 25 ms in policy calls alone. The row tests stay the
 * same; they are now written into the policies (read side, USING) so the planner probes the index per row.
 * Writes (WITH CHECK) keep the function. case_participant keeps the function (a policy may not query its
 * own table), with the principal's own rows tested first so the function runs only for other rows.
 * Indexes for the read paths: the case list's order, and the per-case lookups of participants and meetings.
 */
export class FastRowSecurity1795620000000 implements MigrationInterface {
  name = 'FastRowSecurity1795620000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_case_created_desc" ON "case" ("created_at" DESC, "id" DESC)`);
    await q.query(`CREATE INDEX "IDX_case_participant_case" ON "case_participant" ("case_id")`);
    await q.query(`CREATE INDEX "IDX_case_meeting_case" ON "case_meeting" ("case_id", "scheduled_at")`);
    await q.query(`CREATE INDEX "IDX_action_plan_case" ON "action_plan" ("case_id")`);
    // Qualified by the table: inside the sub-select a bare case_id would be case_participant's own.
    for (const { tablename, policyname } of await caseScopedPolicies(q, FUNCTION_QUAL)) {
      await q.query(`ALTER POLICY "${policyname}" ON "${tablename}" USING (${visibleInline(`"${tablename}".case_id`)})`);
    }
    await q.query(`ALTER POLICY case_scope ON "case"
      USING (${visibleInline('"case".id')} OR (reporting_organisation_id = ${principalOrg} AND NOT schakel_case_has_participants(id)))`);
    await q.query(`ALTER POLICY case_participant_scope ON "case_participant"
      USING ((organisation_id = ${principalOrg} AND (member_id IS NULL OR member_id = ${principalMember})) OR schakel_case_visible(case_id))`);
    // A subject is visible through a visible case (case_subject's own policy decides which), or while it is in no case.
    await q.query(`CREATE FUNCTION schakel_subject_in_a_case(s uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
      SET search_path = public AS $$ SELECT EXISTS (SELECT 1 FROM case_subject cs WHERE cs.subject_id = s) $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION schakel_subject_in_a_case(uuid) TO ${APP_ROLE}`);
    await q.query(`ALTER POLICY subject_scope ON "subject"
      USING (EXISTS (SELECT 1 FROM case_subject cs WHERE cs.subject_id = subject.id OFFSET 0) OR NOT schakel_subject_in_a_case(id))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER POLICY subject_scope ON "subject" USING (schakel_subject_visible(id))`);
    await q.query(`DROP FUNCTION schakel_subject_in_a_case(uuid)`);
    await q.query(`ALTER POLICY case_participant_scope ON "case_participant"
      USING (schakel_case_visible(case_id) OR (organisation_id = ${principalOrg} AND (member_id IS NULL OR member_id = ${principalMember})))`);
    await q.query(`ALTER POLICY case_scope ON "case"
      USING (schakel_case_visible(id) OR (reporting_organisation_id = ${principalOrg} AND NOT schakel_case_has_participants(id)))`);
    const inlined: { tablename: string; policyname: string }[] = await q.query(
      `SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public' AND tablename NOT IN ('case', 'case_participant', 'subject')
          AND with_check = $1 AND qual <> $1`,
      [FUNCTION_QUAL],
    );
    for (const { tablename, policyname } of inlined) {
      await q.query(`ALTER POLICY "${policyname}" ON "${tablename}" USING (${FUNCTION_QUAL})`);
    }
    await q.query(`DROP INDEX "IDX_action_plan_case"`);
    await q.query(`DROP INDEX "IDX_case_meeting_case"`);
    await q.query(`DROP INDEX "IDX_case_participant_case"`);
    await q.query(`DROP INDEX "IDX_case_created_desc"`);
  }
}
