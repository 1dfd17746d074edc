import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../../common/scalars.js';

@ObjectType({ description: 'The answer to "is this resident known to your team?": yes or no, nothing more (O21). Logged.' })
export class KnownToTeamAnswer {
  @Field(() => ID)
  id: string;

  @Field()
  known: boolean;

  @Field(() => DateTime)
  askedAt: Date;

  caseId: string;
  askedOrganisationId: string;
  askedById: string;
}
