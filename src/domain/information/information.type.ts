import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from '../../common/scalars.js';
import { PageInfo } from '../../common/pagination.js';
import type { CategoryDecision } from '../../policy/engine.js';
import { CATEGORIES, type CategoryKey } from './categories.js';
import { ConsentStatus, InformationKind, InformedStatus, SharingRestriction } from './information.entity.js';

/** GraphQL enum name of a category key: police.priorityGroup → POLICE_PRIORITY_GROUP. */
export const categoryEnumName = (key: string) => key.replace(/\./g, '_').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

/** The category enum: its GraphQL names map to the category keys of the policy files. */
export const InformationCategory = Object.fromEntries(CATEGORIES.map((c) => [categoryEnumName(c.key), c.key])) as Record<
  string,
  CategoryKey
>;
registerEnumType(InformationCategory, {
  name: 'InformationCategory',
  description: 'A data category of the domain (police a–e + special, and other personal data).',
  valuesConfig: Object.fromEntries(CATEGORIES.map((c) => [categoryEnumName(c.key), { description: c.label }])),
});
registerEnumType(InformationKind, { name: 'InformationKind', description: 'Fact, or opinion/hypothesis (O16).' });
registerEnumType(InformedStatus, { name: 'InformedStatus', description: 'Whether the resident was informed (O22).' });
registerEnumType(ConsentStatus, { name: 'ConsentStatus', description: 'Consent or recorded weighing (O23).' });
registerEnumType(SharingRestriction, { name: 'SharingRestriction', description: "The provider's restriction on use (O14)." });

@ObjectType({ description: 'One piece of provided data about a subject, with its provenance.' })
export class InformationItem {
  @Field(() => ID)
  id: string;

  @Field(() => InformationCategory)
  category: CategoryKey;

  @Field()
  content: string;

  @Field(() => InformationKind)
  kind: InformationKind;

  @Field(() => String, { nullable: true })
  legalGround: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Police data only: why no non-police source will do, and that the data is accurate, current, complete, relevant and not excessive, as the providing officer recorded it (O10). Null for other data and for police data provided before this was asked.',
  })
  policeJustification: string | null;

  @Field(() => SharingRestriction)
  sharingRestriction: SharingRestriction;

  @Field({ description: 'Whether others may view it before a case meeting has begun (O18).' })
  viewableBeforeMeeting: boolean;

  @Field(() => InformedStatus)
  informedStatus: InformedStatus;

  @Field(() => ConsentStatus)
  consentStatus: ConsentStatus;

  @Field(() => DateTime)
  providedAt: Date;

  @Field(() => DateTime, { description: 'Last real change.' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Goes up by one on every real change (upserts: expectedVersion).' })
  version: number;
}

/**
 * A subject's information in one case, one field per data category, so that a field policy is a
 * category policy. Every field is nullable: a denied category is null with a FORBIDDEN_FIELD error,
 * never nulling the subject or the response.
 */
@ObjectType({ description: "A subject's information in a case, grouped by data category." })
export class SubjectInformation {
  /** Not a GraphQL field: the case these items belong to (read by the field rules). */
  caseId: string;
  subjectId: string;
  /** Not a GraphQL field: the policy's decision per category (read by the field rules). */
  decisions: Map<CategoryKey, CategoryDecision>;
  [field: string]: unknown;
}
for (const c of CATEGORIES) {
  Field(() => [InformationItem], { nullable: true, description: c.label })(SubjectInformation.prototype, c.field);
}

@ObjectType()
export class InformationItemEdge {
  @Field()
  cursor: string;

  @Field(() => InformationItem)
  node: InformationItem;
}

@ObjectType({ description: 'A page of the items your organisation provided.' })
export class InformationItemConnection {
  @Field(() => [InformationItemEdge])
  edges: InformationItemEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}
