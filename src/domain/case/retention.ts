import type { DataSource, EntityManager } from 'typeorm';

/**
 * De-escalation cleans the dossier (O30; ZVHD bijlage 3 "afschalen: opschonen van het procesregiedossier",
 * ZVHD 1.10): what the partners provided about the subjects (information items) and the action items of
 * the meetings are no longer necessary and are deleted in the same transaction as the step. What is kept
 * until the retention term ends: the case record, its participants and phase history (who decided what),
 * the subjects' pseudonyms, meetings, plan and the informing, consent and "known to your team?" records
 * that account for what was shared. The disclosure log is never touched here (O12: it has no foreign key
 * to the case; it keeps the case id, not its reference).
 */
export async function cleanDossier(em: EntityManager, caseId: string): Promise<void> {
  await em.query(`DELETE FROM action_item WHERE meeting_id IN (SELECT id FROM case_meeting WHERE case_id = $1)`, [caseId]);
  await em.query(`DELETE FROM information_item WHERE case_id = $1`, [caseId]);
}

/**
 * When a finished case's retention term started: its first step into DE_ESCALATED, REFERRED or CLOSED
 * (the case's last change for cases finished before steps were recorded).
 */
const FINISHED_SINCE = `COALESCE(
  (SELECT min(t.at) FROM case_phase_transition t WHERE t.case_id = k.id AND t.to_phase IN ('DE_ESCALATED', 'REFERRED', 'CLOSED')),
  k.updated_at)`;

export interface RetentionResult {
  removedCases: string[];
  removedSubjects: number;
}

/**
 * Real removal after the retention term (O30, O38): every case finished longer than `term` ago (a
 * PostgreSQL interval, `SCHAKEL_CASE_RETENTION`) is deleted with everything that hangs on it (participants,
 * subjects' links, items, meetings, plan, records, phase history: ON DELETE CASCADE), and the subjects
 * that nothing refers to any more are deleted too (one still in another case, or in the rights-request register, stays).
 * Not hidden: gone.
 *
 * A privileged job, not a request: it runs as the owner (`npm run retention:apply`), because row-level
 * security lets the application role delete only what its principal sees. Each removal is attributed to
 * the operation `retention:apply` in the audit trail. The audit trail's before-images are removed only by
 * the log retention (`npm run audit:purge`); the disclosure log keeps its records.
 */
export async function applyRetention(ds: DataSource, now: Date, term: string): Promise<RetentionResult> {
  return ds.transaction(async (em) => {
    await em.query(`SELECT set_config('schakel.operation', 'retention:apply', true)`);
    const due: { id: string; reference: string }[] = await em.query(
      `SELECT k.id, k.reference FROM "case" k
        WHERE k.phase IN ('DE_ESCALATED', 'REFERRED', 'CLOSED') AND ${FINISHED_SINCE} <= $1::timestamptz - $2::interval
        ORDER BY k.reference`,
      [now, term],
    );
    if (due.length === 0) return { removedCases: [], removedSubjects: 0 };
    const ids = due.map((d) => d.id);
    const subjects: { subject_id: string }[] = await em.query(`SELECT DISTINCT subject_id FROM case_subject WHERE case_id = ANY($1::uuid[])`, [ids]);
    await em.query(`DELETE FROM "case" WHERE id = ANY($1::uuid[])`, [ids]);
    // A subject goes only when nothing refers to it any more: every foreign key that would refuse its deletion, as the
    // database knows them (a case elsewhere, a rights request or third-party order of the register, a consent record, …).
    // Read from the catalogue, so that a table added later cannot make the whole run fail.
    const refs: { tbl: string; col: string }[] = await em.query(
      `SELECT c.conrelid::regclass::text AS tbl, format('%I', a.attname) AS col
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = 'subject'::regclass AND cardinality(c.conkey) = 1 AND c.confdeltype IN ('a', 'r')
        ORDER BY 1, 2`,
    );
    const [{ n }]: { n: number }[] = await em.query(
      `WITH gone AS (
         DELETE FROM subject s WHERE s.id = ANY($1::uuid[])
            ${refs.map((r) => `AND NOT EXISTS (SELECT 1 FROM ${r.tbl} x WHERE x.${r.col} = s.id)`).join('\n            ')}
          RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [subjects.map((x) => x.subject_id)],
    );
    return { removedCases: due.map((d) => d.reference), removedSubjects: n };
  });
}
