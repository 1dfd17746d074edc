import type { CategoryKey } from '../domain/information/categories.js';
import type { Sector } from '../domain/organisation/sector.js';

/** Conditions a grant may require; each is explained in docs and cites its obligation. */
export type Condition =
  | 'ART20_GRANT' // O5, O7: an Art20Decision in force grants this category to the recipient's party
  | 'POLICE_SPECIAL_IN_ADDITION' // O7: police.special only when another police category is granted
  | 'NOT_PROVIDER_RESTRICTED' // O14: the provider's sharing restriction allows it (per item)
  | 'INFORMED_OR_EXCEPTION' // O22: resident informed, or an exception recorded (per item)
  | 'CONSENT_OR_WEIGHING' // O23: consent, or a recorded weighing (per item)
  | 'LEGAL_GROUND_RECORDED'; // O17: a legal ground recorded with the item (per item)

/** Conditions that depend on each item rather than on the principal and the case. */
export const ITEM_CONDITIONS: readonly Condition[] = [
  'NOT_PROVIDER_RESTRICTED',
  'INFORMED_OR_EXCEPTION',
  'CONSENT_OR_WEIGHING',
  'LEGAL_GROUND_RECORDED',
];

export type Participation = 'PARTNER' | 'AD_HOC';

export interface Purpose {
  key: string;
  label: string;
  article: string;
  police?: boolean;
}

export interface Grant {
  name: string;
  description?: string;
  sectors?: Sector[];
  organisations?: string[];
  roles?: string[];
  participation: Participation[];
  purposes: string[];
  conditions?: Condition[];
  article: string;
}

export interface CategoryPolicy {
  fields: string[];
  article: string;
  grants: Grant[];
}

/** A policy file as written (policies/<collaboration>.policy.yaml), after schema validation. */
export interface PolicyDocument {
  collaboration: string;
  version: string;
  effectiveDate: string;
  title: string;
  sources?: string[];
  purposes: Purpose[];
  rowScope: { rule: 'PARTICIPANTS'; article: string };
  categories: Record<CategoryKey, CategoryPolicy>;
}

/** A validated policy with its identity: the version every decision names. */
export interface LoadedPolicy {
  file: string;
  doc: PolicyDocument;
  /** The file's text, as read. */
  text: string;
  /** sha256 of the file's bytes. */
  hash: string;
  /** `zeist@1.0.0` */
  label: string;
  /** GraphQL field (Type.field) → category key. */
  fieldCategory: Map<string, CategoryKey>;
}
