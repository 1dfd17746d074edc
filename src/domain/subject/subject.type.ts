import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A betrokkene in a case. The subject itself is only a pseudonym; all else is provided data.' })
export class SubjectInCase {
  @Field(() => ID)
  id: string;

  @Field()
  pseudonym: string;

  @Field(() => String, { nullable: true, description: 'e.g. hoofdbewoner, partner, kind.' })
  roleInCase: string | null;

  @Field(() => Int, { description: 'Goes up by one on every real change of the subject or its role in a case (upserts: expectedVersion).' })
  version: number;

  caseId: string;
}
