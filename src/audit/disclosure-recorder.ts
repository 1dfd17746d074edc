import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/authenticate.js';
import type { CategoryKey } from '../domain/information/categories.js';
import type { CategoryDecision } from '../policy/engine.js';
import type { Loaders } from '../server/loaders.js';
import { newSpanId, type TraceContext } from './trace.js';

interface SubjectEntry {
  caseId: string;
  subjectId: string;
  disclosed: Map<CategoryKey, { field: string; itemIds: string[]; decision: CategoryDecision }>;
  denied: Map<CategoryKey, { field: string; reason: string; decision?: CategoryDecision }>;
}

/**
 * What one response discloses, per data subject: every personal-data field the policy allowed and that
 * carried items (disclosed), and every one it withheld (denied). Filled while the response is executed
 * (by the field rule, the one place every personal-data field passes), written before the response is
 * sent (see disclosure-plugin.ts).
 */
export class DisclosureRecorder {
  private readonly subjects = new Map<string, SubjectEntry>();

  note(at: { caseId: string; subjectId: string }, category: CategoryKey, field: string, decision: CategoryDecision | undefined, items: unknown): void {
    const key = `${at.caseId}/${at.subjectId}`;
    let e = this.subjects.get(key);
    if (!e) this.subjects.set(key, (e = { caseId: at.caseId, subjectId: at.subjectId, disclosed: new Map(), denied: new Map() }));
    if (decision?.allowed) {
      const ids = Array.isArray(items) ? items.map((i: { id: string }) => i.id) : [];
      if (ids.length) e.disclosed.set(category, { field, itemIds: ids, decision });
    } else {
      e.denied.set(category, { field, reason: decision?.reason ?? 'NO_POLICY', decision });
    }
  }

  /** Subjects of which something personal was disclosed or denied. */
  get size(): number {
    return [...this.subjects.values()].filter((e) => e.disclosed.size || e.denied.size).length;
  }

  /**
   * Write one record per subject in ONE statement: a multi-row INSERT is atomic by itself (every record
   * or none), so it needs no transaction of its own (no START TRANSACTION/COMMIT round trips, during
   * which the chain head would stay locked). What a record names is what the request already loaded: the
   * case and subject through the request's DataLoaders (cached by the resolvers), the collaboration's
   * slug from the policy the request resolved for the case; nothing is read again in the common case.
   * Throws when the log cannot be written: the caller then sends no personal data (fail closed).
   */
  async write(
    db: Pick<EntityManager, 'query'>,
    r: {
      principal: Principal;
      trace: TraceContext;
      purpose: string | null;
      operationName: string | null;
      loaders: Loaders;
      /** The slug of a case's collaboration as the request already knows it (its policy), if it does. */
      collaborationSlug: (caseId: string) => Promise<string | undefined>;
      endTime: Date;
    },
  ): Promise<number> {
    const entries = [...this.subjects.values()].filter((e) => e.disclosed.size || e.denied.size);
    if (!entries.length) return 0;
    // All lookups at once: DataLoader batches (and mostly answers them from the request's cache).
    const resolved = await Promise.all(
      entries.map(async (e) => {
        const [c, subject, slug] = await Promise.all([r.loaders.case.load(e.caseId), r.loaders.subject.load(e.subjectId), r.collaborationSlug(e.caseId)]);
        const collaborationSlug = slug ?? (c ? (await r.loaders.collaboration.load(c.collaborationId))?.slug : undefined);
        return { e, c, subject, collaborationSlug };
      }),
    );
    const rows = [];
    for (const { e, c, subject, collaborationSlug } of resolved) {
      const disclosed = [...e.disclosed.entries()].sort(([a], [b]) => a.localeCompare(b));
      const denied = [...e.denied.entries()].sort(([a], [b]) => a.localeCompare(b));
      const decisions = [...disclosed.map(([, d]) => d.decision), ...denied.flatMap(([, d]) => (d.decision ? [d.decision] : []))];
      const art20 = [...new Set(disclosed.flatMap(([, d]) => (d.decision.art20DecisionId ? [d.decision.art20DecisionId] : [])))];
      const grounds = [...new Set(disclosed.map(([k, d]) => `${k}: ${d.decision.article ?? d.decision.grant ?? ''}`.trim()))];
      rows.push([
        r.trace.traceId, newSpanId(), r.trace.spanId, `disclose ${r.operationName ?? 'anonymous operation'}`, 'OK',
        r.trace.startTime, r.endTime,
        `${collaborationSlug ?? 'unknown'}:${r.purpose ?? 'NO_PURPOSE'}`,
        subject?.pseudonym ?? e.subjectId, 'schakel:pseudonym',
        e.subjectId, e.caseId, c?.collaborationId, r.principal.organisationId, r.principal.memberId, r.purpose,
        disclosed.map(([k]) => k), disclosed.map(([, d]) => `SubjectInformation.${d.field}`), disclosed.flatMap(([, d]) => d.itemIds),
        denied.map(([k]) => k), denied.map(([, d]) => `SubjectInformation.${d.field}`), denied.map(([k, d]) => `${k}:${d.reason}`),
        grounds.length ? grounds.join('; ') : null, art20,
        [...new Set(decisions.map((d) => d.policy))].join(', ') || null,
      ]);
    }
    const cols = [
      'trace_id', 'span_id', 'parent_span_id', 'name', 'status', 'start_time', 'end_time', 'processing_activity_id',
      'data_subject_id', 'data_subject_id_type', 'subject_id', 'case_id', 'collaboration_id', 'recipient_organisation_id',
      'recipient_member_id', 'purpose', 'categories_disclosed', 'fields_disclosed', 'item_ids', 'categories_denied',
      'fields_denied', 'denial_reasons', 'legal_ground', 'art20_decision_ids', 'policy_version',
    ];
    const values = rows.map((row, i) => `(${row.map((_, j) => `$${i * cols.length + j + 1}`).join(', ')}, 0, '', '')`);
    await db.query(
      `INSERT INTO disclosure_log (${cols.join(', ')}, seq, prev_hash, hash) VALUES ${values.join(', ')}`,
      rows.flat(),
    );
    return rows.length;
  }
}
