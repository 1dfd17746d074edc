import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A betrokkene in a case. The subject itself is only a pseudonym; all else is provided data.' })
export class SubjectInCase {
  @Field(() => ID)
  id: string;

  @Field()
  pseudonym: string;

  @Field(() => String, { nullable: true, description: 'e.g. hoofdbewoner, partner, kind.' })
  roleInCase: string | null;

  caseId: string;
}
