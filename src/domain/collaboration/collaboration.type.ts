import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A samenwerkingsverband: partners working together under agreements.' })
export class Collaboration {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Stable short name, also the name of its policy file.' })
  slug: string;

  @Field()
  name: string;

  @Field()
  region: string;

  @Field()
  purpose: string;
}
