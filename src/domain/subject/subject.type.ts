import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../common/pagination.js';

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

@ObjectType()
export class SubjectEdge {
  @Field()
  cursor: string;

  @Field(() => SubjectInCase)
  node: SubjectInCase;
}

@ObjectType({ description: 'A page of the subjects of the cases the caller takes part in (one entry per subject per case).' })
export class SubjectConnection {
  @Field(() => [SubjectEdge])
  edges: SubjectEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}
