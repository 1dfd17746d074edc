import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../common/scalars.js';
import { InformationItem } from '../information/information.type.js';

/** The categories an action list may show about its subject (O19): name/address and contact details. */
export const ACTION_LIST_FIELDS = ['personIdentity', 'personContact'] as const;

@ObjectType({ description: 'A casusoverleg (O29).' })
export class CaseMeeting {
  @Field(() => ID)
  id: string;

  @Field(() => DateTime)
  scheduledAt: Date;

  @Field()
  agenda: string;

  @Field(() => String, { nullable: true })
  decisions: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the decisions were recorded.' })
  heldAt: Date | null;

  caseId: string;
  attendeeOrganisationIds: string[];
}

@ObjectType({ description: 'An actiepunt. Carries no personal data beyond what O19 allows.' })
export class ActionItem {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    nullable: true,
    description:
      'What is to be done. Of an action about a subject, free text that may name the person: shown only to whom the policy gives that subject’s name and address in the case (person.identity, O19); otherwise null with FORBIDDEN_FIELD.',
  })
  description: string;

  @Field(() => LocalDate, { nullable: true })
  dueDate: string | null;

  assigneeOrganisationId: string | null;
  subjectId: string | null;
  meetingId: string;
}

/**
 * Whom an action item is about, as an action list may show it (O19; Zeist 12.3): the pseudonym and only
 * name/address and contact details — each through the collaboration's category policy like any
 * SubjectInformation field (same field names, same rule).
 */
@ObjectType({ description: 'The subject of an action item: only name/address and contact details, as the policy allows (O19).' })
export class ActionItemSubject {
  @Field()
  pseudonym: string;

  caseId: string;
  subjectId: string;
  decisions: Map<string, unknown>;
  [field: string]: unknown;
}

@ObjectType({ description: 'The plan van aanpak of a case (O29).' })
export class ActionPlan {
  @Field(() => ID)
  id: string;

  @Field()
  goals: string;
}

@ObjectType({ description: "One party's intervention, with its information need (O29)." })
export class Intervention {
  @Field(() => ID)
  id: string;

  @Field()
  description: string;

  @Field(() => String, { nullable: true })
  informationNeed: string | null;

  organisationId: string;
}

for (const f of ACTION_LIST_FIELDS) {
  Field(() => [InformationItem], { nullable: true, description: f === 'personIdentity' ? 'Naam, geboortedatum, adres' : 'Contactgegevens' })(
    ActionItemSubject.prototype,
    f,
  );
}
