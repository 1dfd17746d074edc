import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgeCategory } from './outflow.entity.js';

registerEnumType(AgeCategory, { name: 'AgeCategory' });

export enum OutflowDimension {
  TARGET_GROUP = 'TARGET_GROUP',
  FACILITY = 'FACILITY',
  MUNICIPALITY_OF_ORIGIN = 'MUNICIPALITY_OF_ORIGIN',
  AGE_CATEGORY = 'AGE_CATEGORY',
  WAITING_TIME = 'WAITING_TIME',
  RELAPSE = 'RELAPSE',
}
registerEnumType(OutflowDimension, { name: 'OutflowDimension', description: 'What the outflow monitor counts by (Walcheren bijlage 3).' });

@ObjectType({ description: 'One count of the monitor; null (suppressed) under 5, or where it could be worked out from the total.' })
export class OutflowCell {
  @Field()
  value: string;

  @Field(() => Int, { nullable: true })
  count: number | null;

  @Field()
  suppressed: boolean;
}

@ObjectType({ description: 'Anonymous outflow counts of a collaboration by one dimension (O32).' })
export class OutflowMonitor {
  @Field(() => OutflowDimension)
  dimension: OutflowDimension;

  @Field(() => [OutflowCell])
  cells: OutflowCell[];

  @Field(() => Int, { nullable: true, description: 'Null when under 5.' })
  total: number | null;

  @Field(() => Int)
  minimumCell: number;
}

@ObjectType({ description: 'Recorded: the monitor shows it only in suppressed counts.' })
export class OutflowRecorded {
  @Field()
  recorded: boolean;
}
