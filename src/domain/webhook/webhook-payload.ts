import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../auth/authenticate.js';
import { DisclosureRecorder } from '../../audit/disclosure-recorder.js';
import { participationLoader } from '../case/case-scope.js';
import { ParticipantRole } from '../case/case.entity.js';
import { CATEGORIES, isCategoryKey } from '../information/categories.js';
import { itemsWithMeetingFacts } from '../information/information.service.js';
import { RequestAccess } from '../../policy/request-access.js';
import type { PolicyRegistry } from '../../policy/policy-store.js';
import { createLoaders, type Loaders } from '../../server/loaders.js';
import type { OutboxEventEntity } from './webhook.entity.js';

/** What one delivery carries: the event's references and the fields the subscriber may see. */
export interface WebhookPayload {
  /** The event id: the receiver's dedup key (also the Schakel-Event-Id header). */
  id: string;
  /** `<entityType>.<operation>`, e.g. information_item.created. */
  type: string;
  occurredAt: string;
  /** The event's order in the outbox (increasing; a retried delivery may arrive after a later one). */
  sequence: string;
  collaboration: string | null;
  caseId: string | null;
  entityType: string;
  entityId: string;
  operation: string;
  /** The organisation whose member made the change (null: a direct write such as retention). */
  actorOrganisationId: string | null;
  purpose: string;
  /** The entity as the subscriber may see it now; null for a deletion or an entity gone since. */
  data: Record<string, unknown> | null;
}

export type PayloadDecision =
  | { deliver: true; payload: WebhookPayload; disclosures: DisclosureRecorder }
  | { deliver: false; reason: string };

/**
 * The view of one subscriber organisation, built like a request's (src/server/context.ts): its own database
 * session as the application role (row-level security confines it to the organisation's cases), loaders,
 * and the same RequestAccess the field rules use, for the subscription's purpose at the delivery's moment.
 * So a webhook receives what a request of the organisation, for that purpose, would be given, decided when
 * it is sent (a revoked art. 20 decision or a departed party counts at once, O5, O40).
 *
 * Participation is the organisation's PARTNER participation only: an ad-hoc participation is one invited
 * member's, never an organisation's system's (O8: police data never to agendadeelnemers; O20).
 */
export class SubscriberView {
  readonly loaders: Loaders;
  readonly access: RequestAccess;

  constructor(
    readonly db: EntityManager,
    readonly principal: Principal,
    policies: PolicyRegistry,
    readonly purpose: string,
    readonly now: Date,
    /**
     * Whether the organisation was given this item before: an earlier event of it DELIVERED to one of its
     * webhooks, or a disclosure-log record naming it (a response, or a webhook whose log was written). Read by
     * the worker as the owner (the application role reads no event); without it, never (fail closed).
     */
    private readonly receivedBefore: (e: OutboxEventEntity) => Promise<boolean> = async () => false,
  ) {
    this.loaders = createLoaders(db);
    const base = participationLoader(db, principal, now);
    const partnerOnly = new DataLoader<string, ParticipantRole | null>(async (ids) =>
      (await base.loadMany(ids)).map((r) => (r === ParticipantRole.PARTNER ? r : null)),
    );
    this.access = new RequestAccess(db, principal, policies, this.loaders, partnerOnly, purpose, now);
  }

  /** Decide one event for this subscriber and build what it may receive. */
  async decide(e: OutboxEventEntity, collaborationSlug: string | null): Promise<PayloadDecision> {
    const payload: WebhookPayload = {
      id: e.id,
      type: `${e.entityType}.${e.operation}`,
      occurredAt: new Date(e.occurredAt).toISOString(),
      sequence: String(e.seq),
      collaboration: collaborationSlug,
      caseId: e.caseId,
      entityType: e.entityType,
      entityId: e.entityId,
      operation: e.operation,
      actorOrganisationId: e.actorOrganisationId,
      purpose: this.purpose,
      data: null,
    };
    const disclosures = new DisclosureRecorder();
    if (!e.caseId) return { deliver: false, reason: 'NO_CASE' };
    const c = await this.loaders.case.load(e.caseId);
    if (!c) {
      // The case is gone (removed for real: O30, O38). Its own deletion was fanned out only to the parties
      // taking part at that moment (the BEFORE DELETE trigger): they receive the bare reference, nothing else.
      if (e.entityType === 'case' && e.operation === 'deleted') return { deliver: true, payload, disclosures };
      return { deliver: false, reason: 'CASE_GONE' };
    }
    // O6: only parties taking part in a case learn anything of it.
    const { facts } = await this.access.facts(c.id);
    if (facts.participation !== ParticipantRole.PARTNER) return { deliver: false, reason: 'NOT_PARTICIPANT' };

    const row = async (table: string, cols: string): Promise<Record<string, unknown> | null> =>
      e.operation === 'deleted' ? null : ((await this.db.query(`SELECT ${cols} FROM "${table}" WHERE id = $1`, [e.entityId]))[0] ?? null);

    switch (e.entityType) {
      case 'case':
        payload.data = e.operation === 'deleted' ? null : {
          id: c.id, reference: c.reference, title: c.title, kind: c.kind, phase: c.phase, lifeDomains: c.lifeDomains,
          updatedAt: c.updatedAt,
        };
        break;
      case 'case_participant':
        payload.data = await row('case_participant',
          `id, organisation_id AS "organisationId", (SELECT o.name FROM organisation o WHERE o.id = organisation_id) AS "organisationName", role`);
        break;
      case 'case_subject':
        payload.data = await row('case_subject',
          `id, subject_id AS "subjectId", (SELECT s.pseudonym FROM subject s WHERE s.id = subject_id) AS pseudonym, role_in_case AS "roleInCase"`);
        break;
      case 'case_phase_transition':
        payload.data = await row('case_phase_transition', `id, from_phase AS "fromPhase", to_phase AS "toPhase", outcome, at`);
        break;
      case 'case_meeting':
        payload.data = await row('case_meeting', `id, scheduled_at AS "scheduledAt", held_at AS "heldAt"`);
        break;
      case 'information_item':
        return this.decideItem(e, c.id, payload, disclosures);
      default:
        return { deliver: false, reason: 'UNKNOWN_ENTITY' };
    }
    return { deliver: true, payload, disclosures };
  }

  /**
   * An information item is personal data: it is delivered exactly as the subject's information field of its
   * category would be given in a response — the category decision (purpose O11, grants, art. 20 decision in
   * force O5/O7, never to ad-hoc participants O8) and the item-level conditions (provider's restriction O14,
   * O18, informing O22, consent O23, legal ground O17, restriction O34).
   *
   * A category or item the organisation may not see is NOT delivered at all, not even as a reference without
   * content: the bare event "an item of category police.incidents about subject P was added to case C" is
   * itself information the policy withholds — a response never reveals whether a denied category holds any
   * items (its field is null either way). No more data, and to no more parties, than necessary (O15; Zeist
   * art. 6.2a–b; Besluit art. 20 Wpg Zeist §4: police data only to the recipients the decision names).
   */
  private async decideItem(e: OutboxEventEntity, caseId: string, payload: WebhookPayload, disclosures: DisclosureRecorder): Promise<PayloadDecision> {
    const category = e.category ?? '';
    if (!isCategoryKey(category) || !e.subjectId) return { deliver: false, reason: 'UNKNOWN_CATEGORY' };
    const items = (await itemsWithMeetingFacts(this.loaders, caseId, this.now)).filter((i) => i.subjectId === e.subjectId);
    const view = await this.access.subjectView(caseId, items);
    const decision = view.decisions.get(category)!;
    if (!decision.allowed) return { deliver: false, reason: decision.reason ?? 'NO_POLICY' };
    const item = e.operation === 'deleted' ? undefined : items.find((i) => i.id === e.entityId);
    if (!item) {
      // Deleted (or erased since): the reference only, and only to a subscriber that may see the category AND
      // was given the item before. Whether the item itself would have been shown can no longer be decided (it
      // is gone); a reference to an item the subscriber never saw (a provider's restriction, informing,
      // consent…) would reveal that it existed: "not sent at all, not even as a reference".
      if (!(await this.receivedBefore(e))) return { deliver: false, reason: 'ITEM_NEVER_DISCLOSED' };
      return { deliver: true, payload, disclosures };
    }
    if (!view.visible.get(category)?.some((i) => i.id === item.id)) return { deliver: false, reason: 'ITEM_NOT_VISIBLE' };
    const subject = await this.loaders.subject.load(item.subjectId);
    payload.data = {
      id: item.id, subjectId: item.subjectId, subjectPseudonym: subject?.pseudonym ?? null, category: item.category,
      content: item.content, kind: item.kind, legalGround: item.legalGround, policeJustification: item.policeJustification,
      sharingRestriction: item.sharingRestriction,
      viewableBeforeMeeting: item.viewableBeforeMeeting, informedStatus: item.informedStatus, consentStatus: item.consentStatus,
      providedAt: item.providedAt, providerOrganisationId: item.providerOrganisationId,
    };
    // O12: one disclosure-log record per data subject, as a response's (written before the POST).
    const field = CATEGORIES.find((x) => x.key === category)!.field;
    disclosures.note({ caseId, subjectId: item.subjectId }, category, field, decision, [item]);
    return { deliver: true, payload, disclosures };
  }
}
