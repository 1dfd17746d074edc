import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Sector } from './sector.js';

registerEnumType(Sector, { name: 'Sector', description: 'The sector a partner organisation belongs to.' });

@ObjectType({ description: 'An organisation that can be a party to agreements (O1).' })
export class Organisation {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Sector)
  sector: Sector;

  @Field(() => String, { nullable: true, description: 'Seat / address.' })
  address: string | null;
}
