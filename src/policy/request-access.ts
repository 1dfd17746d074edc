import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/authenticate.js';
import { CATEGORIES, type CategoryKey } from '../domain/information/categories.js';
import type { ParticipantRole } from '../domain/case/case.entity.js';
import type { Loaders } from '../server/loaders.js';
import { decideCategory, decideSubject, type AccessFacts, type Art20Fact, type CategoryDecision, type ItemFacts, type SubjectView } from './engine.js';
import type { PolicyRegistry } from './policy-store.js';
import type { LoadedPolicy } from './policy.types.js';

/** Art. 20 decisions of each collaboration with their recipients' organisations: one statement per batch. */
export function art20Loader(ds: EntityManager) {
  return new DataLoader<string, Art20Fact[]>(async (collaborationIds) => {
    const rows: (Art20Fact & { collaboration_id: string })[] = await ds.query(
      `SELECT d.id, a.collaboration_id, d.categories_granted AS "categoriesGranted",
              to_char(d.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(d.valid_until, 'YYYY-MM-DD') AS "validUntil",
              d.revoked_at AS "revokedAt",
              COALESCE(array_agg(p.organisation_id) FILTER (WHERE p.organisation_id IS NOT NULL), '{}') AS "recipientOrganisationIds"
         FROM art20_decision d
         JOIN agreement a ON a.id = d.agreement_id
         LEFT JOIN art20_decision_recipient r ON r.decision_id = d.id
         LEFT JOIN party p ON p.id = r.party_id
        WHERE a.collaboration_id = ANY($1::uuid[])
        GROUP BY d.id, a.collaboration_id`,
      [[...collaborationIds]],
    );
    return collaborationIds.map((id) => rows.filter((r) => r.collaboration_id === id));
  });
}

/** What every subject of one case is decided with (see RequestAccess.caseView). */
interface CaseView {
  policy: LoadedPolicy | undefined;
  facts: AccessFacts;
  caseDecisions: Map<CategoryKey, CategoryDecision>;
  key: string;
  read: readonly CategoryKey[];
}

/**
 * Access decisions for one request: the facts of each case are gathered once (participation, the
 * collaboration's policy and art. 20 decisions, evaluated at the request's moment), the category
 * decisions of a case are made once, and field rules then only look them up. Because nothing is kept
 * beyond the request, a revoked or expired decision or a removed participant counts from the next request.
 */
export class RequestAccess {
  private readonly art20: DataLoader<string, Art20Fact[]>;
  private readonly factsMemo = new Map<string, Promise<{ policy: LoadedPolicy | undefined; facts: AccessFacts }>>();
  /** Keyed by what the decisions depend on (collaboration and participation), so 50 cases of one kind decide once. */
  private readonly caseDecisionMemo = new Map<string, Promise<Map<CategoryKey, CategoryDecision>>>();
  /** police.special under the same key, and whether another police category of the subject is visible (O7). */
  private readonly specialMemo = new Map<string, CategoryDecision>();
  /** Per case: what its subjects are decided with (caseView). */
  private readonly caseViewMemo = new Map<string, Promise<CaseView>>();

  constructor(
    private readonly ds: EntityManager,
    private readonly principal: Principal,
    private readonly registry: PolicyRegistry,
    private readonly loaders: Loaders,
    private readonly participation: DataLoader<string, ParticipantRole | null>,
    readonly purpose: string | null,
    readonly now: Date,
  ) {
    this.art20 = art20Loader(ds);
  }

  /** The policy and facts for the principal in one case. */
  facts(caseId: string) {
    let memo = this.factsMemo.get(caseId);
    if (!memo) {
      memo = (async () => {
        const c = await this.loaders.case.load(caseId);
        const [participation, org, art20] = await Promise.all([
          this.participation.load(caseId),
          this.loaders.organisation.load(this.principal.organisationId),
          c ? this.art20.load(c.collaborationId) : Promise.resolve([]),
        ]);
        const facts: AccessFacts = {
          organisationId: this.principal.organisationId,
          organisationName: org?.name ?? '',
          sector: this.principal.sector,
          roles: this.principal.roles,
          participation: c ? participation : null,
          purpose: this.purpose,
          art20,
          now: this.now,
        };
        return { policy: c ? this.registry.forCollaboration(c.collaborationId) : undefined, facts };
      })();
      this.factsMemo.set(caseId, memo);
    }
    return memo;
  }

  /** The slug of the case's collaboration, from the policy already resolved for it (no query of its own). */
  async collaborationSlug(caseId: string): Promise<string | undefined> {
    return (await this.facts(caseId)).policy?.doc.collaboration;
  }

  /**
   * Category decisions of a case (all but police.special, which depends on the subject). They depend only on
   * the case's collaboration (its policy and art. 20 decisions) and how the principal takes part, which are the
   * same for most cases of a page: those decide once per request.
   */
  async caseDecisions(caseId: string): Promise<Map<CategoryKey, CategoryDecision>> {
    const { policy, facts } = await this.facts(caseId);
    const key = await this.decisionKey(caseId, facts);
    let memo = this.caseDecisionMemo.get(key);
    if (!memo) {
      const m = new Map<CategoryKey, CategoryDecision>();
      for (const cat of CATEGORIES) if (cat.key !== 'police.special') m.set(cat.key, decideCategory(policy, facts, cat.key));
      memo = Promise.resolve(m);
      this.caseDecisionMemo.set(key, memo);
    }
    return memo;
  }

  /** What a case's decisions depend on besides the request: its collaboration and how the principal takes part. */
  private async decisionKey(caseId: string, facts: AccessFacts): Promise<string> {
    const c = await this.loaders.case.load(caseId);
    return `${c?.collaborationId ?? '-'}|${facts.participation ?? '-'}`;
  }

  /** police.special in a case, given whether another police category of the subject is visible (O7), once per key. */
  private special(key: string, policy: LoadedPolicy | undefined, facts: AccessFacts, otherPoliceVisible: boolean): CategoryDecision {
    const k = `${key}|${otherPoliceVisible}`;
    let d = this.specialMemo.get(k);
    if (!d) this.specialMemo.set(k, (d = decideCategory(policy, facts, 'police.special', () => otherPoliceVisible)));
    return d;
  }

  /**
   * What every subject of a case is decided with, worked out once per case per request (a page's 92 subjects
   * ask it 92 times): the policy and facts, the case's category decisions, their key and the categories to read.
   */
  private caseView(caseId: string): Promise<CaseView> {
    let memo = this.caseViewMemo.get(caseId);
    if (!memo) {
      memo = (async () => {
        const [{ policy, facts }, caseDecisions] = await Promise.all([this.facts(caseId), this.caseDecisions(caseId)]);
        const key = await this.decisionKey(caseId, facts);
        const read = [...caseDecisions].filter(([, d]) => d.allowed).map(([k]) => k);
        if (this.special(key, policy, facts, true).allowed) read.push('police.special');
        return { policy, facts, caseDecisions, key, read: read.sort() };
      })();
      this.caseViewMemo.set(caseId, memo);
    }
    return memo;
  }

  /**
   * The categories whose items a subject's information in this case can show (sorted): those the case's decisions
   * allow, and police.special when it could be allowed (that waits for the subject's other police items). The
   * items of the other categories need not be read: a denied category shows none.
   */
  async categoriesToRead(caseId: string): Promise<readonly CategoryKey[]> {
    return (await this.caseView(caseId)).read;
  }

  /** Decisions and visible items of one subject in one case. */
  async subjectView<I extends ItemFacts & { category: string }>(caseId: string, items: I[]): Promise<SubjectView<I>> {
    const v = await this.caseView(caseId);
    return decideSubject(v.policy, v.facts, items, v.caseDecisions, (other) => this.special(v.key, v.policy, v.facts, other));
  }
}
