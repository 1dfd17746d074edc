import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from '../../common/scalars.js';
import { ParticipantRole } from '../case/case.entity.js';
import type { CategoryKey } from '../information/categories.js';
import { InformationCategory } from '../information/information.type.js';
import { Sector } from '../organisation/sector.js';

/** GraphQL types of the privacy officer's tools: explain a decision, the access matrix, the diff of two versions. */

export enum AccessDecision {
  ALLOW = 'ALLOW',
  DENY = 'DENY',
}
registerEnumType(AccessDecision, { name: 'AccessDecision' });

export enum MatrixStatus {
  ALLOW = 'ALLOW',
  CONDITIONAL = 'CONDITIONAL',
  DENY = 'DENY',
}
registerEnumType(MatrixStatus, {
  name: 'MatrixStatus',
  valuesConfig: {
    ALLOW: { description: 'Granted with no condition beyond the purpose.' },
    CONDITIONAL: { description: 'Granted under conditions (named in the cell).' },
    DENY: { description: 'No grant.' },
  },
});

export enum PolicyChangeKind {
  GAINED = 'GAINED',
  LOST = 'LOST',
  CONDITIONS_CHANGED = 'CONDITIONS_CHANGED',
}
registerEnumType(PolicyChangeKind, { name: 'PolicyChangeKind' });

@ObjectType({ description: 'One check the engine made, with its outcome and the article it rests on.' })
export class PolicyCheck {
  @Field({ description: 'PARTICIPATION, NO_POLICE_DATA_TO_AD_HOC, PURPOSE_STATED, GRANT, PURPOSE_ALLOWED, or a condition (ART20_GRANT, …).' })
  check: string;

  @Field()
  passed: boolean;

  @Field()
  article: string;

  @Field()
  detail: string;
}

@ObjectType({ description: 'An item of the subject in the explained category: shown to the member or withheld, and why. Never its content.' })
export class ExplainedItem {
  @Field()
  id: string;

  @Field({ description: 'The organisation that provided it.' })
  provider: string;

  @Field(() => DateTime)
  providedAt: Date;

  @Field()
  visible: boolean;

  @Field({ description: 'OWN_ITEM (the member\'s organisation provided it), PASSES_CONDITIONS, CATEGORY_DENIED, or the item condition it fails: PROVIDER_RESTRICTED, NOT_INFORMED, NO_CONSENT, NO_LEGAL_GROUND, or RESTRICTED (AVG 18, at the subject’s request).' })
  reason: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Police data: whether the providing officer recorded why no non-police source would do (O10); false for police items provided before that was asked. Null for other categories.',
  })
  policeJustified: boolean | null;
}

@ObjectType({ description: 'Why a member would, or would not, get a field of a case: the decision the API makes, step by step.' })
export class AccessExplanation {
  @Field(() => AccessDecision)
  decision: AccessDecision;

  @Field(() => String, { nullable: true, description: 'The deny reason (NOT_PARTICIPANT, NO_PURPOSE, NO_GRANT, NO_ART20_GRANT, …); null when allowed.' })
  reason: string | null;

  @Field(() => InformationCategory)
  category: CategoryKey;

  @Field({ description: 'The GraphQL field that carries the category, e.g. SubjectInformation.policeIncidents.' })
  field: string;

  @Field({ description: 'The policy version decided on, e.g. zeist@1.0.0 (a draft: "zeist@1.1.0 (draft)").' })
  policyVersion: string;

  @Field()
  policyHash: string;

  @Field({ description: 'Decided on a draft policy from the request, which was neither stored nor activated.' })
  draft: boolean;

  @Field()
  member: string;

  @Field()
  organisation: string;

  @Field(() => Sector)
  sector: Sector;

  @Field(() => ParticipantRole, { nullable: true, description: 'How the member takes part in the case; null: not at all.' })
  participation: ParticipantRole | null;

  @Field(() => String, { nullable: true })
  purpose: string | null;

  @Field()
  caseReference: string;

  @Field(() => String, { nullable: true, description: 'The subject explained for; without one, police.special is decided as if another allowed police category had items.' })
  subject: string | null;

  @Field(() => String, { nullable: true, description: 'The grant(s) that allow it.' })
  grant: string | null;

  @Field(() => String, { nullable: true, description: 'The article of the allowing grant.' })
  article: string | null;

  @Field(() => String, { nullable: true, description: 'The art. 20 decision relied on, for police data to a non-police party.' })
  art20DecisionId: string | null;

  @Field(() => [PolicyCheck], { description: 'Every check evaluated, in order.' })
  checks: PolicyCheck[];

  @Field(() => [String], { description: 'Item conditions of the allowing grants, one entry per grant ("A+B"): an item is shown when it passes one.' })
  itemConditions: string[];

  @Field(() => [ExplainedItem], { description: "The subject's items of this category (empty without a subject)." })
  items: ExplainedItem[];
}

@InputType()
export class ExplainAccessInput {
  @Field({ description: 'The member (login) to explain for, e.g. woonconsulent.zeist.' })
  member: string;

  @Field({ description: 'The case: its id or its reference (ZST-2026-001).' })
  case: string;

  @Field(() => String, { nullable: true, description: 'A subject of the case: its id or pseudonym. Needed for the items.' })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: 'The field: SubjectInformation.policeIncidents or policeIncidents. Or give `category`.' })
  field?: string | null;

  @Field(() => InformationCategory, { nullable: true })
  category?: CategoryKey | null;

  @Field(() => String, { nullable: true, description: 'The purpose the member would state (x-schakel-purpose).' })
  purpose?: string | null;

  @Field(() => String, { nullable: true, description: 'A version stored in policy_version; default: the active policy.' })
  version?: string | null;

  @Field(() => String, { nullable: true, description: 'Dry run: the YAML text of a draft policy, validated and used for this answer only (never stored).' })
  draftPolicy?: string | null;
}

@ObjectType()
export class PolicyPurpose {
  @Field()
  key: string;

  @Field()
  label: string;

  @Field()
  article: string;

  @Field({ description: 'May police data serve this purpose (besluit §4)?' })
  police: boolean;
}

@ObjectType({ description: 'One grant through which access is given, with what still has to hold.' })
export class GrantPath {
  @Field()
  grant: string;

  @Field()
  article: string;

  @Field(() => [String], { description: 'Conditions (ART20_GRANT, …; ORGANISATION:<name>, ROLE:<role> when the grant names them).' })
  conditions: string[];
}

@ObjectType()
export class MatrixGrant extends GrantPath {
  @Field(() => [String])
  purposes: string[];
}

@ObjectType({ description: 'One category for one sector and participation.' })
export class AccessMatrixCell {
  @Field(() => InformationCategory)
  category: CategoryKey;

  @Field()
  field: string;

  @Field(() => Sector)
  sector: Sector;

  @Field(() => ParticipantRole)
  participation: ParticipantRole;

  @Field(() => MatrixStatus)
  status: MatrixStatus;

  @Field(() => [String], { description: 'Purposes for which it is granted.' })
  purposes: string[];

  @Field(() => [String], { description: 'Every condition of a granting grant.' })
  conditions: string[];

  @Field(() => [MatrixGrant])
  grants: MatrixGrant[];
}

@ObjectType({ description: 'Categories × (sector, participation) of one policy version.' })
export class AccessMatrix {
  @Field()
  collaboration: string;

  @Field()
  policyVersion: string;

  @Field()
  draft: boolean;

  @Field(() => [Sector], { description: 'The sectors the policy names (every other sector is denied everything).' })
  sectors: Sector[];

  @Field(() => [PolicyPurpose])
  purposes: PolicyPurpose[];

  @Field(() => [AccessMatrixCell])
  cells: AccessMatrixCell[];

  @Field({ description: 'The cells as CSV (lists joined with ";").' })
  csv: string;
}

@ObjectType({ description: 'A decision that changes between two policy versions.' })
export class PolicyChange {
  @Field(() => PolicyChangeKind)
  kind: PolicyChangeKind;

  @Field(() => InformationCategory)
  category: CategoryKey;

  @Field()
  field: string;

  @Field(() => Sector)
  sector: Sector;

  @Field(() => ParticipantRole)
  participation: ParticipantRole;

  @Field(() => [String])
  purposes: string[];

  @Field(() => [GrantPath], { description: 'How it was granted before (empty: not at all).' })
  before: GrantPath[];

  @Field(() => [GrantPath], { description: 'How it is granted after (empty: not at all).' })
  after: GrantPath[];

  @Field({ description: 'The change in one sentence.' })
  sentence: string;
}

@ObjectType()
export class PolicyDiff {
  @Field()
  collaboration: string;

  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => [PolicyChange])
  changes: PolicyChange[];
}

@ObjectType({ description: 'A policy version as recorded in policy_version.' })
export class PolicyVersionInfo {
  @Field()
  version: string;

  @Field()
  effectiveDate: string;

  @Field()
  contentHash: string;

  @Field({ description: 'The version the API decides with now.' })
  active: boolean;

  @Field(() => DateTime)
  loadedAt: Date;
}
