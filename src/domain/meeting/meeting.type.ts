import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../common/scalars.js';

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
}

@ObjectType({ description: 'An actiepunt. Carries no personal data beyond what O19 allows.' })
export class ActionItem {
  @Field(() => ID)
  id: string;

  @Field()
  description: string;

  @Field(() => LocalDate, { nullable: true })
  dueDate: string | null;

  assigneeOrganisationId: string | null;
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
