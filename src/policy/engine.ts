import { CATEGORIES, type CategoryKey } from '../domain/information/categories.js';
import type { Sector } from '../domain/organisation/sector.js';
import { ITEM_CONDITIONS, type Condition, type Grant, type LoadedPolicy, type Participation } from './policy.types.js';
import { isoDate } from '../common/clock.js';

/**
 * The access engine: a small, pure function of (policy, facts) → decision. Everything it needs is
 * gathered once per request (facts); it reads no database and no clock of its own.
 */

/** Why a category or item is withheld. Stable codes: clients and tests rely on them. */
export type DenyReason =
  | 'NO_POLICY' // the collaboration has no loaded policy
  | 'NOT_PARTICIPANT' // O6
  | 'AD_HOC_NO_POLICE_DATA' // O8
  | 'NO_PURPOSE' // O11: no purpose stated, or not one of this policy's purposes
  | 'NO_GRANT' // no grant of the policy covers this sector/organisation/role/participation
  | 'PURPOSE_NOT_ALLOWED' // O11: a grant covers the member, but not for this purpose
  | 'NO_ART20_GRANT' // O5, O7: no art. 20 decision in force grants this category to this recipient
  | 'SPECIAL_NOT_IN_ADDITION'; // O7: police.special without another police category

export type ItemReason = 'PROVIDER_RESTRICTED' | 'NOT_INFORMED' | 'NO_CONSENT' | 'NO_LEGAL_GROUND' | 'RESTRICTED';

export interface Art20Fact {
  id: string;
  categoriesGranted: string[];
  recipientOrganisationIds: string[];
  validFrom: string;
  validUntil: string;
  revokedAt: Date | null;
}

export interface AccessFacts {
  organisationId: string;
  organisationName: string;
  sector: Sector;
  roles: string[];
  participation: Participation | null;
  purpose: string | null;
  art20: Art20Fact[];
  now: Date;
}

export interface ConditionOutcome {
  /** CONDITION name, or a built-in check (PARTICIPATION, PURPOSE, …). */
  check: string;
  passed: boolean;
  article: string;
  detail: string;
}

export interface CategoryDecision {
  category: CategoryKey;
  allowed: boolean;
  reason?: DenyReason;
  /** The grant that allowed it. */
  grant?: string;
  /** Every grant that allowed it (each with its conditions): what the decision tables of explain, matrix and diff read. */
  allowingGrants?: Grant[];
  article?: string;
  /** Item-level conditions of the allowing grant(s). */
  itemConditions: Condition[][];
  policy: string;
  policyHash: string;
  /** Every check evaluated, in order, with its outcome and article. */
  trace: ConditionOutcome[];
  /** The art. 20 decision relied on, when police data is allowed to a non-police recipient. */
  art20DecisionId?: string;
}

const POLICE = new Set<string>(CATEGORIES.filter((c) => c.police).map((c) => c.key));
export const isPoliceCategory = (k: string) => POLICE.has(k);

function grantMatches(g: Grant, f: AccessFacts): boolean {
  return (
    (!g.sectors?.length || g.sectors.includes(f.sector)) &&
    (!g.organisations?.length || g.organisations.includes(f.organisationName)) &&
    (!g.roles?.length || g.roles.some((r) => f.roles.includes(r))) &&
    f.participation !== null &&
    g.participation.includes(f.participation)
  );
}


/** The art. 20 decision in force that grants `category` to the member's organisation, if any (O5). */
export function art20InForce(f: AccessFacts, category: string): Art20Fact | undefined {
  const d = isoDate(f.now);
  return f.art20.find(
    (a) =>
      !(a.revokedAt && a.revokedAt.getTime() <= f.now.getTime()) &&
      a.validFrom <= d &&
      d < a.validUntil &&
      a.categoriesGranted.includes(category) &&
      a.recipientOrganisationIds.includes(f.organisationId),
  );
}

/**
 * Decide one category for the facts. `otherPoliceGranted` answers O7's "only in addition": is another
 * police category of the same subject given to this member?
 */
export function decideCategory(
  policy: LoadedPolicy | undefined,
  f: AccessFacts,
  category: CategoryKey,
  otherPoliceGranted: () => boolean = () => false,
): CategoryDecision {
  const trace: ConditionOutcome[] = [];
  const base = { category, itemConditions: [], policy: policy?.label ?? 'none', policyHash: policy?.hash ?? '', trace };
  const deny = (reason: DenyReason): CategoryDecision => ({ ...base, allowed: false, reason });
  if (!policy) return deny('NO_POLICY');
  const cat = policy.doc.categories[category];
  const rowArticle = policy.doc.rowScope.article;

  trace.push({ check: 'PARTICIPATION', passed: f.participation !== null, article: rowArticle,
    detail: f.participation ? `takes part as ${f.participation}` : 'does not take part in the case' });
  if (!f.participation) return deny('NOT_PARTICIPANT');

  if (isPoliceCategory(category)) {
    const ok = f.participation !== 'AD_HOC';
    trace.push({ check: 'NO_POLICE_DATA_TO_AD_HOC', passed: ok, article: `${cat.article} (O8: police data never to ad-hoc participants)`,
      detail: ok ? 'partner, not an agendadeelnemer' : 'ad-hoc participants never receive police data' });
    if (!ok) return deny('AD_HOC_NO_POLICE_DATA');
  }

  const purpose = policy.doc.purposes.find((p) => p.key === f.purpose);
  trace.push({ check: 'PURPOSE_STATED', passed: Boolean(purpose), article: purpose?.article ?? 'O11',
    detail: purpose ? `purpose ${purpose.key}: ${purpose.label}` : f.purpose ? `"${f.purpose}" is not a purpose of ${policy.label}` : 'no purpose stated' });
  if (!purpose) return deny('NO_PURPOSE');

  const candidates = cat.grants.filter((g) => grantMatches(g, f));
  trace.push({ check: 'GRANT', passed: candidates.length > 0, article: cat.article,
    detail: candidates.length ? `grants ${candidates.map((g) => g.name).join(', ')} cover ${f.sector} as ${f.participation}` : `no grant covers ${f.sector} (${f.organisationName}) as ${f.participation}` });
  if (!candidates.length) return deny('NO_GRANT');

  const forPurpose = candidates.filter((g) => g.purposes.includes(purpose.key));
  trace.push({ check: 'PURPOSE_ALLOWED', passed: forPurpose.length > 0, article: purpose.article,
    detail: forPurpose.length ? `${purpose.key} is allowed by ${forPurpose.map((g) => g.name).join(', ')}` : `${purpose.key} is not among the purposes of ${candidates.map((g) => g.name).join(', ')}` });
  if (!forPurpose.length) return deny('PURPOSE_NOT_ALLOWED');

  let firstFailure: DenyReason | undefined;
  const allowing: { grant: Grant; art20?: Art20Fact }[] = [];
  for (const g of forPurpose) {
    let ok = true;
    let art20: Art20Fact | undefined;
    for (const c of g.conditions ?? []) {
      if (c === 'ART20_GRANT') {
        art20 = art20InForce(f, category);
        trace.push({ check: c, passed: Boolean(art20), article: g.article,
          detail: art20 ? `art. 20 decision ${art20.id} in force until ${art20.validUntil} grants ${category} to this party` : `no art. 20 decision in force grants ${category} to ${f.organisationName}` });
        if (!art20) { ok = false; firstFailure ??= 'NO_ART20_GRANT'; break; }
      } else if (c === 'POLICE_SPECIAL_IN_ADDITION') {
        const other = otherPoliceGranted();
        trace.push({ check: c, passed: other, article: `${g.article} (O7: special police data only in addition)`,
          detail: other ? 'another police category of this subject is given' : 'no other police category of this subject is given' });
        if (!other) { ok = false; firstFailure ??= 'SPECIAL_NOT_IN_ADDITION'; break; }
      }
    }
    if (ok) allowing.push({ grant: g, art20 });
  }
  if (!allowing.length) return deny(firstFailure ?? 'NO_GRANT');
  return {
    ...base,
    allowed: true,
    grant: allowing.map((a) => a.grant.name).join(', '),
    allowingGrants: allowing.map((a) => a.grant),
    article: allowing[0].grant.article,
    itemConditions: allowing.map((a) => (a.grant.conditions ?? []).filter((c) => ITEM_CONDITIONS.includes(c))),
    art20DecisionId: allowing.find((a) => a.art20)?.art20?.id,
  };
}

export interface ItemFacts {
  providerOrganisationId: string;
  sharingRestriction: string;
  informedStatus: string;
  consentStatus: string;
  legalGround: string | null;
  /** AVG 18: processing restricted at the subject's request (O34) — disclosed to no one but the provider. */
  restrictedAt?: Date | string | null;
  /**
   * The provider's consent to viewing before a case meeting (O18; ZVHD 12.2f). `false`: others see the item
   * only once a meeting of its case has begun (`meetingStarted`). Absent counts as consent given.
   */
  viewableBeforeMeeting?: boolean;
  /** Has a meeting of the item's case begun at the request's moment? Absent counts as not begun. */
  meetingStarted?: boolean;
}

/**
 * Does the provider's choice let others see the item now: its sharing restriction (O14: only NONE and
 * NO_RESHARING are shared; CASE_MEETING_ONLY stays for the meeting itself) and, before the first meeting,
 * its consent to viewing before the meeting (O18)?
 */
function providerAllows(item: ItemFacts): boolean {
  if (item.sharingRestriction !== 'NONE' && item.sharingRestriction !== 'NO_RESHARING') return false;
  return item.viewableBeforeMeeting !== false || item.meetingStarted === true;
}

/** The first item-level condition an item fails, or null if it passes. */
export function itemFailure(conditions: Condition[], item: ItemFacts): ItemReason | null {
  if (item.restrictedAt) return 'RESTRICTED';
  for (const c of conditions) {
    if (c === 'NOT_PROVIDER_RESTRICTED' && !providerAllows(item)) return 'PROVIDER_RESTRICTED';
    if (c === 'INFORMED_OR_EXCEPTION' && !['INFORMED', 'EXCEPTION'].includes(item.informedStatus)) return 'NOT_INFORMED';
    if (c === 'CONSENT_OR_WEIGHING' && !['GIVEN', 'WEIGHED', 'NOT_REQUIRED'].includes(item.consentStatus)) return 'NO_CONSENT';
    if (c === 'LEGAL_GROUND_RECORDED' && !item.legalGround?.trim()) return 'NO_LEGAL_GROUND';
  }
  return null;
}

/**
 * May the member see this item of an allowed category? Its own organisation's items always; others
 * when the item passes every item-level condition of at least one allowing grant (O14, O17, O22, O23).
 */
export function itemVisible(d: CategoryDecision, item: ItemFacts, organisationId: string): boolean {
  if (!d.allowed) return false;
  if (item.providerOrganisationId === organisationId) return true;
  return d.itemConditions.some((conds) => itemFailure(conds, item) === null);
}

export interface SubjectView<I extends ItemFacts> {
  decisions: Map<CategoryKey, CategoryDecision>;
  visible: Map<CategoryKey, I[]>;
}

/** The categories in the order decideSubject decides them: police.special last (it depends on the others). */
const SUBJECT_ORDER = [...CATEGORIES].sort((a, b) => Number(a.key === 'police.special') - Number(b.key === 'police.special'));

/**
 * Decide every category for one subject, and the items visible in each. police.special is decided last:
 * only in addition to another police category of which this subject has visible items (O7).
 * `caseDecisions`: the other categories as already decided for the case; `decideSpecial`: police.special for
 * the case given whether another police category is visible (both depend on nothing of the subject but that).
 */
export function decideSubject<I extends ItemFacts & { category: string }>(
  policy: LoadedPolicy | undefined,
  f: AccessFacts,
  items: I[],
  caseDecisions?: Map<CategoryKey, CategoryDecision>,
  decideSpecial: (otherPoliceVisible: boolean) => CategoryDecision = (other) => decideCategory(policy, f, 'police.special', () => other),
): SubjectView<I> {
  const decisions = new Map<CategoryKey, CategoryDecision>();
  const visible = new Map<CategoryKey, I[]>();
  const byCategory = new Map<string, I[]>();
  for (const i of items) {
    const list = byCategory.get(i.category);
    if (list) list.push(i);
    else byCategory.set(i.category, [i]);
  }
  let otherPoliceVisible = false;
  for (const c of SUBJECT_ORDER) {
    const d = c.key === 'police.special' ? decideSpecial(otherPoliceVisible) : (caseDecisions?.get(c.key) ?? decideCategory(policy, f, c.key));
    decisions.set(c.key, d);
    const shown = d.allowed ? (byCategory.get(c.key) ?? []).filter((i) => itemVisible(d, i, f.organisationId)) : [];
    visible.set(c.key, shown);
    if (c.police && c.key !== 'police.special' && shown.length) otherPoliceVisible = true;
  }
  return { decisions, visible };
}
