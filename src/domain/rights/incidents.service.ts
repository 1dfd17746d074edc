import { auditedTransaction } from '../../audit/audited-transaction.js';
import { toCsv } from '../../common/csv.js';
import { badInput, conflict, notFound } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { getCase, requirePartnerIn } from '../case/case.service.js';
import { CATEGORIES } from '../information/categories.js';
import { CaseSubjectEntity, SubjectEntity } from '../subject/subject.entity.js';
import {
  BreachPartyEntity,
  DataBreachEntity,
  OrderPartyEntity,
  ThirdPartyDisclosureEntity,
  ThirdPartyGround,
  ThirdPartyOrderEntity,
} from './rights.entity.js';
import type { RecordAuthorityNotificationInput, RecordThirdPartyDisclosureInput, RegisterOrderInput, ReportBreachInput } from './rights.inputs.js';
import { addHours, addWorkingDays } from './rights-time.js';
import { myCollaboration } from './rights.service.js';
import { isUuid } from '../../common/ids.js';

/** The other active parties of a collaboration at `now` (distinct organisations). */
async function partiesOf(ctx: Context, collaborationId: string): Promise<string[]> {
  const rows: { o: string }[] = await ctx.db.query(
    `SELECT DISTINCT p.organisation_id AS o FROM party p JOIN agreement a ON a.id = p.agreement_id
      WHERE a.collaboration_id = $1 AND a.status = 'SIGNED' AND p.signed_at IS NOT NULL AND p.signed_at <= $2
        AND (p.left_at IS NULL OR p.left_at > $2)`,
    [collaborationId, ctx.now],
  );
  return rows.map((r) => r.o);
}

// ---------------------------------------------------------------------------------------------------------
// Breaches (O35; Walcheren AVG protocol art. 6–7; privacy convenant 7)

/** A party records a breach with the seven details of art. 7 (i–vii); every other party is notified at once. */
export async function reportBreach(ctx: Context, input: ReportBreachInput): Promise<DataBreachEntity> {
  const col = await myCollaboration(ctx, input.collaborationId);
  if (input.discoveredAt > ctx.now) throw badInput('discoveredAt', 'lies in the future');
  if (input.startedAt > input.discoveredAt) throw badInput('startedAt', 'lies after the discovery');
  if (input.endedAt && input.endedAt < input.startedAt) throw badInput('endedAt', 'lies before the start');
  if (!input.dataTypes.length) throw badInput('dataTypes', 'name the types of personal data (art. 7 ii)');
  const parties = await partiesOf(ctx, col.id);
  return auditedTransaction(ctx, 'reportBreach', async (em) => {
    const b = await em.save(
      em.create(DataBreachEntity, {
        collaborationId: col.id, reportingOrganisationId: ctx.principal.organisationId, reportedById: ctx.principal.memberId,
        discoveredAt: input.discoveredAt, reportedAt: ctx.now, description: input.description, dataTypes: input.dataTypes,
        affectedCount: input.affectedCount, affectedPersons: input.affectedPersons, measures: input.measures, cause: input.cause,
        startedAt: input.startedAt, endedAt: input.endedAt ?? null,
      }),
    );
    // Art. 6: "uiterlijk binnen 48 uur, zodra zij kennis heeft genomen" — due 48 h after discovery.
    const dueAt = addHours(input.discoveredAt, 48);
    await em.save(BreachPartyEntity, [
      { breachId: b.id, organisationId: ctx.principal.organisationId, reporter: true, notifiedAt: null, dueAt, acknowledgedAt: ctx.now, acknowledgedById: ctx.principal.memberId },
      ...parties.filter((o) => o !== ctx.principal.organisationId).map((organisationId) => ({ breachId: b.id, organisationId, notifiedAt: ctx.now, dueAt })),
    ]);
    return b;
  });
}

async function myBreachPart(em: Context['db'], ctx: Context, breachId: string): Promise<BreachPartyEntity> {
  const p = isUuid(breachId)
    ? await em.findOne(BreachPartyEntity, { where: { breachId, organisationId: ctx.principal.organisationId }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (!p) throw notFound('Breach');
  return p;
}

export function acknowledgeBreach(ctx: Context, breachId: string): Promise<BreachPartyEntity> {
  return auditedTransaction(ctx, 'acknowledgeBreach', async (em) => {
    const p = await myBreachPart(em, ctx, breachId);
    if (p.acknowledgedAt) throw conflict('Acknowledged already');
    Object.assign(p, { acknowledgedAt: ctx.now, acknowledgedById: ctx.principal.memberId });
    return em.save(p);
  });
}

/** Privacy convenant 7: each party notifies the authority itself (or records why not); this records its notice. */
export function recordAuthorityNotification(ctx: Context, input: RecordAuthorityNotificationInput): Promise<BreachPartyEntity> {
  return auditedTransaction(ctx, 'recordAuthorityNotification', async (em) => {
    const p = await myBreachPart(em, ctx, input.breachId);
    if (p.authorityNotifiedAt || p.authorityNote) throw conflict('Your organisation recorded its decision already');
    if (!input.notifiedAt && !input.note?.trim()) throw badInput('note', 'when the authority is not notified, record why');
    if (input.notifiedAt && input.notifiedAt > ctx.now) throw badInput('notifiedAt', 'lies in the future');
    Object.assign(p, {
      authorityNotifiedAt: input.notifiedAt ?? null, authorityReference: input.reference ?? null, authorityNote: input.note ?? null,
      authorityRecordedById: ctx.principal.memberId,
    });
    return em.save(p);
  });
}

export interface BreachPartyRow {
  organisationId: string; organisationName: string; reporter: boolean; notifiedAt: Date | null; dueAt: Date; acknowledgedAt: Date | null;
  overdue: boolean; authorityNotifiedAt: Date | null; authorityReference: string | null; authorityNote: string | null;
}
export type BreachRow = DataBreachEntity & { reportingOrganisationName: string; reportedLate: boolean; parties: BreachPartyRow[] };

/** Breaches concerning the caller's organisation; overdueOnly: a notification still open after 48 h. */
export async function listBreaches(ctx: Context, overdueOnly: boolean): Promise<BreachRow[]> {
  const breaches = await ctx.db
    .getRepository(DataBreachEntity)
    .createQueryBuilder('b')
    .where('EXISTS (SELECT 1 FROM breach_party bp WHERE bp.breach_id = b.id AND bp.organisation_id = :o)', { o: ctx.principal.organisationId })
    .orderBy('b.discovered_at', 'ASC')
    .getMany();
  if (!breaches.length) return [];
  const parties: any[] = await ctx.db.query(
    `SELECT bp.breach_id AS "breachId", bp.organisation_id AS "organisationId", o.name AS "organisationName", bp.reporter,
            bp.notified_at AS "notifiedAt", bp.due_at AS "dueAt", bp.acknowledged_at AS "acknowledgedAt",
            bp.authority_notified_at AS "authorityNotifiedAt", bp.authority_reference AS "authorityReference", bp.authority_note AS "authorityNote"
       FROM breach_party bp JOIN organisation o ON o.id = bp.organisation_id WHERE bp.breach_id = ANY($1) ORDER BY bp.reporter DESC, o.name`,
    [breaches.map((b) => b.id)],
  );
  const names: { id: string; name: string }[] = await ctx.db.query(`SELECT id, name FROM organisation WHERE id = ANY($1)`, [
    breaches.map((b) => b.reportingOrganisationId),
  ]);
  const rows = breaches.map((b) => ({
    ...b,
    reportingOrganisationName: names.find((n) => n.id === b.reportingOrganisationId)!.name,
    reportedLate: b.reportedAt > addHours(b.discoveredAt, 48),
    parties: parties
      .filter((p) => p.breachId === b.id)
      .map((p) => ({ ...p, overdue: !p.reporter && !p.acknowledgedAt && ctx.now > p.dueAt })),
  }));
  return overdueOnly ? rows.filter((b) => b.parties.some((p) => p.overdue)) : rows;
}

// ---------------------------------------------------------------------------------------------------------
// Third-party orders (O36; Walcheren AVG protocol art. 5) and disclosures to third parties (O37)

export async function registerThirdPartyOrder(ctx: Context, input: RegisterOrderInput): Promise<ThirdPartyOrderEntity> {
  const col = await myCollaboration(ctx, input.collaborationId);
  if (input.receivedAt > ctx.now) throw badInput('receivedAt', 'lies in the future');
  let subjectId: string | null = null;
  if (input.subject) {
    const rows: { id: string }[] = await ctx.db.query(`SELECT id FROM subject WHERE pseudonym = $1`, [input.subject]);
    if (!rows.length) throw badInput('subject', 'no subject with this pseudonym in your cases');
    subjectId = rows[0].id;
  }
  const parties = await partiesOf(ctx, col.id);
  return auditedTransaction(ctx, 'registerThirdPartyOrder', async (em) => {
    const o = await em.save(
      em.create(ThirdPartyOrderEntity, {
        collaborationId: col.id, organisationId: ctx.principal.organisationId, registeredById: ctx.principal.memberId,
        kind: input.kind, thirdParty: input.thirdParty, legalBasis: input.legalBasis, description: input.description, subjectId,
        receivedAt: input.receivedAt, registeredAt: ctx.now, dueAt: addWorkingDays(input.receivedAt, 2),
      }),
    );
    await em.save(
      OrderPartyEntity,
      parties.filter((p) => p !== ctx.principal.organisationId).map((organisationId) => ({ orderId: o.id, organisationId, notifiedAt: ctx.now })),
    );
    return o;
  });
}

export function acknowledgeThirdPartyOrder(ctx: Context, orderId: string): Promise<OrderPartyEntity> {
  return auditedTransaction(ctx, 'acknowledgeThirdPartyOrder', async (em) => {
    const p = isUuid(orderId)
      ? await em.findOne(OrderPartyEntity, { where: { orderId, organisationId: ctx.principal.organisationId }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!p) throw notFound('Order');
    if (p.acknowledgedAt) throw conflict('Acknowledged already');
    Object.assign(p, { acknowledgedAt: ctx.now, acknowledgedById: ctx.principal.memberId });
    return em.save(p);
  });
}

export interface OrderPartyRow { organisationId: string; organisationName: string; notifiedAt: Date; acknowledgedAt: Date | null; overdue: boolean }
export type OrderRow = ThirdPartyOrderEntity & { organisationName: string; reportedLate: boolean; parties: OrderPartyRow[] };

/** Orders of or notified to the caller's organisation; overdueOnly: a party not informed within 2 working days. */
export async function listThirdPartyOrders(ctx: Context, overdueOnly: boolean): Promise<OrderRow[]> {
  const orders = await ctx.db
    .getRepository(ThirdPartyOrderEntity)
    .createQueryBuilder('t')
    .where('(t.organisation_id = :o OR EXISTS (SELECT 1 FROM order_party op WHERE op.order_id = t.id AND op.organisation_id = :o))', {
      o: ctx.principal.organisationId,
    })
    .orderBy('t.received_at', 'ASC')
    .getMany();
  if (!orders.length) return [];
  const parties: any[] = await ctx.db.query(
    `SELECT op.order_id AS "orderId", op.organisation_id AS "organisationId", o.name AS "organisationName", op.notified_at AS "notifiedAt",
            op.acknowledged_at AS "acknowledgedAt" FROM order_party op JOIN organisation o ON o.id = op.organisation_id
      WHERE op.order_id = ANY($1) ORDER BY o.name`,
    [orders.map((o) => o.id)],
  );
  const names: { id: string; name: string }[] = await ctx.db.query(`SELECT id, name FROM organisation WHERE id = ANY($1)`, [orders.map((o) => o.organisationId)]);
  const rows = orders.map((o) => ({
    ...o,
    organisationName: names.find((n) => n.id === o.organisationId)!.name,
    reportedLate: o.registeredAt > o.dueAt,
    parties: parties
      .filter((p) => p.orderId === o.id)
      // Not acknowledged by the deadline — or notified only after it.
      .map((p) => ({ ...p, overdue: (!p.acknowledgedAt && ctx.now > o.dueAt) || p.notifiedAt > o.dueAt })),
  }));
  return overdueOnly ? rows.filter((o) => o.parties.some((p) => p.overdue)) : rows;
}

/**
 * O37 (privacy convenant 8.1): data goes to a third party only to carry out an agreed intervention of the
 * case's action plan, or to hand the case to another party; or under a registered order (O36). Every such
 * disclosure is logged here (and in mutation_audit); there is no other way out of the platform.
 */
export async function recordThirdPartyDisclosure(ctx: Context, input: RecordThirdPartyDisclosureInput): Promise<ThirdPartyDisclosureEntity> {
  const c = await requirePartnerIn(ctx, input.caseId);
  const unknown = input.categories.filter((k) => !CATEGORIES.some((cat) => cat.key === k));
  if (!input.categories.length || unknown.length) throw badInput('categories', `unknown categories: ${unknown.join(', ') || '(none given)'}`);
  return auditedTransaction(ctx, 'recordThirdPartyDisclosure', async (em) => {
    const subject = await em.findOneBy(SubjectEntity, { pseudonym: input.subject });
    if (!subject || !(await em.existsBy(CaseSubjectEntity, { caseId: c.id, subjectId: subject.id }))) throw badInput('subject', 'not a subject of this case');
    let interventionId: string | null = null;
    let orderId: string | null = null;
    if (input.ground === ThirdPartyGround.AGREED_INTERVENTION) {
      const rows: unknown[] = input.interventionId && isUuid(input.interventionId)
        ? await em.query(`SELECT 1 FROM intervention i JOIN action_plan ap ON ap.id = i.action_plan_id WHERE i.id = $1 AND ap.case_id = $2`, [input.interventionId, c.id])
        : [];
      if (!rows.length) throw badInput('interventionId', 'an agreed intervention of this case’s action plan is required (privacy convenant 8.1)');
      interventionId = input.interventionId!;
    } else if (input.ground === ThirdPartyGround.ORDER) {
      const o = input.orderId && isUuid(input.orderId) ? await em.findOneBy(ThirdPartyOrderEntity, { id: input.orderId }) : null;
      if (!o || o.organisationId !== ctx.principal.organisationId || o.collaborationId !== c.collaborationId) {
        throw badInput('orderId', 'an order registered by your organisation in this collaboration is required (O36)');
      }
      orderId = o.id;
    } else if (input.interventionId || input.orderId) {
      throw badInput('ground', 'a transfer names neither an intervention nor an order');
    }
    return em.save(
      em.create(ThirdPartyDisclosureEntity, {
        collaborationId: c.collaborationId, caseId: c.id, subjectId: subject.id, organisationId: ctx.principal.organisationId,
        memberId: ctx.principal.memberId, thirdParty: input.thirdParty, ground: input.ground, interventionId, orderId,
        categories: input.categories, description: input.description, disclosedAt: ctx.now,
      }),
    );
  });
}

export async function listThirdPartyDisclosures(ctx: Context, caseId: string): Promise<ThirdPartyDisclosureEntity[]> {
  const c = await getCase(ctx, caseId);
  return ctx.db.find(ThirdPartyDisclosureEntity, { where: { caseId: c.id }, order: { disclosedAt: 'ASC' } });
}

// ---------------------------------------------------------------------------------------------------------
// Processing register (O39; AVG 30; privacy convenant 13)

export interface ProcessingActivity {
  collaborationName: string; role: string; processingActivityId: string; purpose: string | null; categories: string[];
  counterpartOrganisations: string[]; subjectCount: number; recordCount: number; legalGrounds: string[]; firstAt: Date; lastAt: Date;
}

/**
 * The caller's organisation's processing within the platform, for its own AVG 30 register: what it received
 * (per collaboration and purpose, from disclosure_log), what it provided and to whom, and what went to third
 * parties. Read on ctx.system behind the privacyOfficer rule; only the officer's own organisation.
 */
export async function processingRegister(ctx: Context): Promise<{ organisationName: string; generatedAt: Date; activities: ProcessingActivity[]; csv: string }> {
  const me = ctx.principal.organisationId;
  const [received, provided, third, [{ name }]] = await Promise.all([
    ctx.system.query(
      `SELECT col.name AS "collaborationName", 'RECIPIENT' AS role, d.processing_activity_id AS "processingActivityId", d.purpose,
              ARRAY(SELECT DISTINCT unnest(array_agg_cat) ORDER BY 1) AS categories,
              ARRAY(SELECT DISTINCT x FROM unnest(provs) x WHERE x IS NOT NULL ORDER BY 1) AS "counterpartOrganisations",
              subjects::int AS "subjectCount", records::int AS "recordCount",
              ARRAY(SELECT DISTINCT x FROM unnest(grounds) x WHERE x IS NOT NULL ORDER BY 1) AS "legalGrounds", "firstAt", "lastAt"
         FROM (SELECT d.collaboration_id, d.processing_activity_id, d.purpose,
                      array_agg(DISTINCT c) AS array_agg_cat, count(DISTINCT d.subject_id) AS subjects, count(DISTINCT d.id) AS records,
                      array_agg(DISTINCT d.legal_ground) AS grounds, min(d.start_time) AS "firstAt", max(d.start_time) AS "lastAt",
                      array_agg(DISTINCT po.name) AS provs
                 FROM disclosure_log d CROSS JOIN LATERAL unnest(d.categories_disclosed) c
                 LEFT JOIN information_item i ON i.id = ANY(d.item_ids) LEFT JOIN organisation po ON po.id = i.provider_organisation_id
                WHERE d.recipient_organisation_id = $1
                GROUP BY d.collaboration_id, d.processing_activity_id, d.purpose) d
         JOIN collaboration col ON col.id = d.collaboration_id ORDER BY 1, 3`,
      [me],
    ) as Promise<ProcessingActivity[]>,
    ctx.system.query(
      `SELECT col.name AS "collaborationName", 'PROVIDER' AS role, d.processing_activity_id AS "processingActivityId", d.purpose,
              array_agg(DISTINCT i.category ORDER BY i.category) AS categories,
              array_agg(DISTINCT ro.name ORDER BY ro.name) AS "counterpartOrganisations",
              count(DISTINCT d.subject_id)::int AS "subjectCount", count(DISTINCT d.id)::int AS "recordCount",
              array_remove(array_agg(DISTINCT i.legal_ground), NULL) AS "legalGrounds", min(d.start_time) AS "firstAt", max(d.start_time) AS "lastAt"
         FROM disclosure_log d JOIN information_item i ON i.id = ANY(d.item_ids) AND i.provider_organisation_id = $1
         JOIN organisation ro ON ro.id = d.recipient_organisation_id JOIN collaboration col ON col.id = d.collaboration_id
        WHERE d.recipient_organisation_id <> $1
        GROUP BY col.name, d.processing_activity_id, d.purpose ORDER BY 1, 3`,
      [me],
    ) as Promise<ProcessingActivity[]>,
    ctx.system.query(
      `SELECT col.name AS "collaborationName", 'THIRD_PARTY' AS role, col.slug || ':third-party:' || t.ground AS "processingActivityId",
              t.ground AS purpose, array_agg(DISTINCT cat ORDER BY cat) AS categories,
              array_agg(DISTINCT t.third_party ORDER BY t.third_party) AS "counterpartOrganisations",
              count(DISTINCT t.subject_id)::int AS "subjectCount", count(DISTINCT t.id)::int AS "recordCount", ARRAY[]::text[] AS "legalGrounds",
              min(t.disclosed_at) AS "firstAt", max(t.disclosed_at) AS "lastAt"
         FROM third_party_disclosure t CROSS JOIN LATERAL unnest(t.categories) cat JOIN collaboration col ON col.id = t.collaboration_id
        WHERE t.organisation_id = $1 GROUP BY col.name, col.slug, t.ground ORDER BY 1, 3`,
      [me],
    ) as Promise<ProcessingActivity[]>,
    ctx.system.query(`SELECT name FROM organisation WHERE id = $1`, [me]) as Promise<{ name: string }[]>,
  ]);
  const activities = [...received, ...provided, ...third];
  const cols: (keyof ProcessingActivity)[] = [
    'collaborationName', 'role', 'processingActivityId', 'purpose', 'categories', 'counterpartOrganisations', 'subjectCount', 'recordCount',
    'legalGrounds', 'firstAt', 'lastAt',
  ];
  return { organisationName: name, generatedAt: ctx.now, activities, csv: toCsv(cols, activities.map((a) => cols.map((c) => a[c]))) };
}
