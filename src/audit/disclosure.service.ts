import { badInput } from '../common/errors.js';
import { toCsv } from '../common/csv.js';
import { activePartySql } from '../domain/collaboration/membership.js';
import { complaintVisibleSql } from '../domain/complaint/complaint.service.js';
import type { Context } from '../server/context.js';
import type { AuditFilter, AuditRecord, DisclosureFilter, DisclosureRecord } from './disclosure.type.js';

/**
 * Collaborations of which the privacy officer's organisation ($1) is an active party at the request's
 * moment ($2): the records it may see. A departed party's officer sees none; what it received stays (O40).
 */
const MY_COLLABORATIONS = `(SELECT mc.id FROM collaboration mc WHERE ${activePartySql('$1::uuid', 'mc.id', '$2::timestamptz')})`;

const encodeSeq = (seq: string) => Buffer.from(`seq:${seq}`).toString('base64url');
function decodeSeq(cursor: string): string {
  const s = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^seq:\d{1,19}$/.test(s)) throw badInput('after', 'not a cursor returned by this API');
  return s.slice(4);
}

const DISCLOSURE_COLUMNS = `d.id, d.seq::text AS seq, d.trace_id AS "traceId", d.span_id AS "spanId", d.parent_span_id AS "parentSpanId",
  d.name, d.status, d.start_time AS "startTime", d.end_time AS "endTime", d.processing_activity_id AS "processingActivityId",
  d.data_subject_id AS "dataSubjectId", d.data_subject_id_type AS "dataSubjectIdType", d.subject_id AS "subjectId",
  d.case_id AS "caseId", c.reference AS "caseReference", o.name AS "recipientOrganisationName", m.login AS "recipientMemberLogin",
  d.purpose, d.categories_disclosed AS "categoriesDisclosed", d.fields_disclosed AS "fieldsDisclosed", d.item_ids AS "itemIds",
  d.categories_denied AS "categoriesDenied", d.fields_denied AS "fieldsDenied", d.denial_reasons AS "denialReasons",
  d.legal_ground AS "legalGround", d.art20_decision_ids AS "art20DecisionIds", d.policy_version AS "policyVersion", d.hash`;
const DISCLOSURE_FROM = `disclosure_log d
  LEFT JOIN "case" c ON c.id = d.case_id
  LEFT JOIN organisation o ON o.id = d.recipient_organisation_id
  LEFT JOIN member m ON m.id = d.recipient_member_id`;

function disclosureWhere(ctx: Context, f: DisclosureFilter = {}) {
  const params: unknown[] = [ctx.principal.organisationId, ctx.now];
  const conds = [`d.collaboration_id IN ${MY_COLLABORATIONS}`];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    conds.push(sql.replace('?', `$${params.length}`));
  };
  if (f.subjectId) add('d.subject_id = ?', f.subjectId);
  if (f.dataSubjectId) add('d.data_subject_id = ?', f.dataSubjectId);
  if (f.caseId) add('d.case_id = ?', f.caseId);
  if (f.recipientOrganisationId) add('d.recipient_organisation_id = ?', f.recipientOrganisationId);
  if (f.from) add('d.start_time >= ?', f.from);
  if (f.to) add('d.start_time < ?', f.to);
  return { where: conds.join(' AND '), params };
}

/** Disclosures (newest first) — about a subject, a case, to an organisation, over a period (AVG 15, Wpg 25). */
export async function listDisclosures(ctx: Context, filter: DisclosureFilter | null | undefined, first: number, after?: string | null) {
  const { where, params } = disclosureWhere(ctx, filter ?? {});
  const pageParams = [...params];
  let pageWhere = where;
  if (after) {
    pageParams.push(decodeSeq(after));
    pageWhere += ` AND d.seq < $${pageParams.length}::bigint`;
  }
  pageParams.push(first + 1);
  const [rows, [{ n }]] = await Promise.all([
    ctx.system.query(`SELECT ${DISCLOSURE_COLUMNS} FROM ${DISCLOSURE_FROM} WHERE ${pageWhere} ORDER BY d.seq DESC LIMIT $${pageParams.length}`, pageParams),
    ctx.system.query(`SELECT count(*)::int AS n FROM disclosure_log d WHERE ${where}`, params),
  ]);
  const nodes = (rows as DisclosureRecord[]).slice(0, first);
  return {
    nodes,
    totalCount: n as number,
    pageInfo: { hasNextPage: rows.length > first, endCursor: nodes.length ? encodeSeq(nodes.at(-1)!.seq) : null },
  };
}

const CSV_COLUMNS: (keyof DisclosureRecord)[] = [
  'seq', 'startTime', 'endTime', 'traceId', 'spanId', 'dataSubjectId', 'caseReference', 'recipientOrganisationName',
  'recipientMemberLogin', 'purpose', 'categoriesDisclosed', 'fieldsDisclosed', 'categoriesDenied', 'denialReasons',
  'legalGround', 'art20DecisionIds', 'policyVersion', 'processingActivityId', 'hash',
];

/** The same selection as CSV, oldest first (at most 100,000 records). */
export async function disclosuresCsv(ctx: Context, filter: DisclosureFilter | null | undefined): Promise<string> {
  const { where, params } = disclosureWhere(ctx, filter ?? {});
  const rows: DisclosureRecord[] = await ctx.system.query(
    `SELECT ${DISCLOSURE_COLUMNS} FROM ${DISCLOSURE_FROM} WHERE ${where} ORDER BY d.seq LIMIT 100000`, params);
  return toCsv(CSV_COLUMNS, rows.map((r) => CSV_COLUMNS.map((c) => r[c])));
}

/**
 * Row changes in the privacy officer's own collaborations (the collaborations the changed row belongs to:
 * schakel_audit_collaborations), by members of organisations that share a collaboration with the officer's own
 * (writes without an actor, such as the demo seed, are not listed), newest first. A row whose collaboration can no
 * longer be told (what it hung on is gone) is listed by who wrote it alone.
 */
export async function listAudit(ctx: Context, filter: AuditFilter | null | undefined, first: number, after?: string | null) {
  const f = filter ?? {};
  const params: unknown[] = [ctx.principal.organisationId, ctx.now];
  const conds = [`t.actor_organisation_id IN (SELECT p.organisation_id FROM party p JOIN agreement a ON a.id = p.agreement_id
    WHERE a.collaboration_id IN ${MY_COLLABORATIONS})`];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    conds.push(sql.replace('?', `$${params.length}`));
  };
  // Any of the row's collaborations one of the officer's; none known (bool_or of nothing): by who wrote it alone.
  conds.push(`COALESCE((SELECT bool_or(rc.id IN ${MY_COLLABORATIONS})
                          FROM schakel_audit_collaborations(t.table_name, COALESCE(t.after, t.before)) rc(id)), TRUE)`);
  // A complaint's changes only for whoever may see the complaint (O33): never for the member it concerns.
  const arg = (v: unknown) => `$${params.push(v)}`;
  conds.push(`(t.table_name <> 'complaint' OR EXISTS (SELECT 1 FROM complaint c WHERE c.id::text = t.row_id AND ${complaintVisibleSql(ctx, 'c', arg)}))`);
  if (f.tableName) add('t.table_name = ?', f.tableName);
  if (f.rowId) add('t.row_id = ?', f.rowId);
  if (f.from) add('t.at >= ?', f.from);
  if (f.to) add('t.at < ?', f.to);
  if (after) add('t.seq < ?::bigint', decodeSeq(after));
  params.push(first + 1);
  const rows: AuditRecord[] = await ctx.system.query(
    `SELECT t.id, t.seq::text AS seq, t.at, t.trace_id AS "traceId", m.login AS "actorMemberLogin", o.name AS "actorOrganisationName",
            t.operation, t.table_name AS "tableName", t.action, t.row_id AS "rowId", t.before, t.after, t.hash
       FROM mutation_audit t LEFT JOIN member m ON m.id = t.actor_member_id LEFT JOIN organisation o ON o.id = t.actor_organisation_id
      WHERE ${conds.join(' AND ')} ORDER BY t.seq DESC LIMIT $${params.length}`,
    params,
  );
  const nodes = rows.slice(0, first);
  return { nodes, pageInfo: { hasNextPage: rows.length > first, endCursor: nodes.length ? encodeSeq(nodes.at(-1)!.seq) : null } };
}
