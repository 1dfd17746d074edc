import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { MemberRole } from './member.entity.js';

registerEnumType(MemberRole, { name: 'MemberRole' });

@ObjectType({ description: 'A professional of a partner organisation.' })
export class Member {
  @Field(() => ID)
  id: string;

  @Field()
  login: string;

  @Field()
  name: string;

  @Field({ description: 'Function in words: wijkagent, woonconsulent, procesregisseur, …' })
  function: string;

  @Field(() => [MemberRole])
  roles: MemberRole[];
}
