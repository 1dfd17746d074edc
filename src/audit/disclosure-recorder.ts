import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/authenticate.js';
import type { CategoryKey } from '../domain/information/categories.js';
import type { CategoryDecision } from '../policy/engine.js';
import type { Loaders } from '../server/loaders.js';
import { newSpanIds, type TraceContext } from './trace.js';

/** Entries in the order of their category keys (ASCII: code-point order, no collation needed). */
const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

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
    const spanIds = newSpanIds(resolved.length);
    const rows = resolved.map(({ e, c, subject, collaborationSlug }, i) => {
      const disclosed = [...e.disclosed.entries()].sort(byKey);
      const denied = [...e.denied.entries()].sort(byKey);
      const decisions = [...disclosed.map(([, d]) => d.decision), ...denied.flatMap(([, d]) => (d.decision ? [d.decision] : []))];
      const art20 = [...new Set(disclosed.flatMap(([, d]) => (d.decision.art20DecisionId ? [d.decision.art20DecisionId] : [])))];
      const grounds = [...new Set(disclosed.map(([k, d]) => `${k}: ${d.decision.article ?? d.decision.grant ?? ''}`.trim()))];
      return {
        trace_id: r.trace.traceId,
        span_id: spanIds[i],
        parent_span_id: r.trace.spanId,
        name: `disclose ${r.operationName ?? 'anonymous operation'}`,
        status: 'OK',
        start_time: r.trace.startTime,
        end_time: r.endTime,
        processing_activity_id: `${collaborationSlug ?? 'unknown'}:${r.purpose ?? 'NO_PURPOSE'}`,
        data_subject_id: subject?.pseudonym ?? e.subjectId,
        data_subject_id_type: 'schakel:pseudonym',
        subject_id: e.subjectId,
        case_id: e.caseId,
        collaboration_id: c?.collaborationId,
        recipient_organisation_id: r.principal.organisationId,
        recipient_member_id: r.principal.memberId,
        purpose: r.purpose,
        categories_disclosed: disclosed.map(([k]) => k),
        fields_disclosed: disclosed.map(([, d]) => `SubjectInformation.${d.field}`),
        item_ids: disclosed.flatMap(([, d]) => d.itemIds),
        categories_denied: denied.map(([k]) => k),
        fields_denied: denied.map(([, d]) => `SubjectInformation.${d.field}`),
        denial_reasons: denied.map(([k, d]) => `${k}:${d.reason}`),
        legal_ground: grounds.length ? grounds.join('; ') : null,
        art20_decision_ids: art20,
        policy_version: [...new Set(decisions.map((d) => d.policy))].join(', ') || null,
      };
    });
    // The records go as one JSON parameter (PostgreSQL turns it into rows of the log's own type), in their order:
    // thousands of separate parameters cost more to send and to bind than the INSERT itself.
    const cols = Object.keys(rows[0]).join(', ');
    await db.query(
      `INSERT INTO disclosure_log (${cols}, seq, prev_hash, hash)
       SELECT ${cols}, 0, '', '' FROM jsonb_populate_recordset(NULL::disclosure_log, $1::jsonb) WITH ORDINALITY ORDER BY ordinality`,
      [JSON.stringify(rows)],
    );
    return rows.length;
  }
}
