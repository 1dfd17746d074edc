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
  /** Per case, per subject (a subject's fields reached twice, e.g. through aliases, make one record). */
  private readonly cases = new Map<string, Map<string, SubjectEntry>>();

  note(at: { caseId: string; subjectId: string }, category: CategoryKey, field: string, decision: CategoryDecision | undefined, items: unknown): void {
    let inCase = this.cases.get(at.caseId);
    if (!inCase) this.cases.set(at.caseId, (inCase = new Map()));
    let e = inCase.get(at.subjectId);
    if (!e) inCase.set(at.subjectId, (e = { caseId: at.caseId, subjectId: at.subjectId, disclosed: new Map(), denied: new Map() }));
    if (decision?.allowed) {
      const ids = Array.isArray(items) ? items.map((i: { id: string }) => i.id) : [];
      // Reached twice (aliases, or a category field and a rent-arrears signal of the same item): one entry, every item.
      const had = e.disclosed.get(category);
      if (ids.length) e.disclosed.set(category, had ? { ...had, itemIds: [...new Set([...had.itemIds, ...ids])] } : { field, itemIds: ids, decision });
    } else {
      e.denied.set(category, { field, reason: decision?.reason ?? 'NO_POLICY', decision });
    }
  }

  /** The subjects of which something personal was disclosed or denied. */
  private entries(): SubjectEntry[] {
    const entries: SubjectEntry[] = [];
    for (const inCase of this.cases.values()) for (const e of inCase.values()) if (e.disclosed.size || e.denied.size) entries.push(e);
    return entries;
  }

  /** Subjects of which something personal was disclosed or denied. */
  get size(): number {
    return this.entries().length;
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
    const entries = this.entries();
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
    const operation = `disclose ${r.operationName ?? 'anonymous operation'}`;
    const rows = resolved.map(({ e, c, subject, collaborationSlug }, i) => {
      const disclosed = [...e.disclosed.entries()].sort(byKey);
      const denied = [...e.denied.entries()].sort(byKey);
      const record = {
        categories_disclosed: [] as string[], fields_disclosed: [] as string[], item_ids: [] as string[],
        categories_denied: [] as string[], fields_denied: [] as string[], denial_reasons: [] as string[],
      };
      const art20 = new Set<string>();
      const grounds = new Set<string>();
      const policies = new Set<string>();
      for (const [k, d] of disclosed) {
        record.categories_disclosed.push(k);
        record.fields_disclosed.push(`SubjectInformation.${d.field}`);
        for (const id of d.itemIds) record.item_ids.push(id);
        if (d.decision.art20DecisionId) art20.add(d.decision.art20DecisionId);
        grounds.add(`${k}: ${d.decision.article ?? d.decision.grant ?? ''}`.trim());
        policies.add(d.decision.policy);
      }
      for (const [k, d] of denied) {
        record.categories_denied.push(k);
        record.fields_denied.push(`SubjectInformation.${d.field}`);
        record.denial_reasons.push(`${k}:${d.reason}`);
        if (d.decision) policies.add(d.decision.policy);
      }
      return {
        trace_id: r.trace.traceId,
        span_id: spanIds[i],
        parent_span_id: r.trace.spanId,
        name: operation,
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
        ...record,
        legal_ground: grounds.size ? [...grounds].join('; ') : null,
        art20_decision_ids: [...art20],
        policy_version: [...policies].join(', ') || null,
      };
    });
    await insertDisclosureRecords(db, rows);
    return rows.length;
  }
}

/**
 * Disclosure records (column name → value, every record with the same columns) in ONE INSERT, chained in their order
 * by the log's triggers. They go as one JSON parameter (PostgreSQL turns it into rows of the log's own type): thousands
 * of separate parameters cost more to send and to bind than the INSERT itself. Also `npm run bench:log-shape`'s baseline.
 */
export async function insertDisclosureRecords(db: Pick<EntityManager, 'query'>, rows: readonly Record<string, unknown>[]): Promise<void> {
  const cols = Object.keys(rows[0]).join(', ');
  await db.query(
    `INSERT INTO disclosure_log (${cols}, seq, prev_hash, hash)
     SELECT ${cols}, 0, '', '' FROM jsonb_populate_recordset(NULL::disclosure_log, $1::jsonb) WITH ORDINALITY ORDER BY ordinality`,
    [JSON.stringify(rows)],
  );
}
