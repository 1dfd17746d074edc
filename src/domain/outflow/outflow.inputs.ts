import { IsInt, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AgeCategory } from './outflow.entity.js';

@InputType({ description: 'A client’s outflow for the monitor (O32): categories only, no identifying detail.' })
export class RecordOutflowInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field({ description: 'Doelgroep (e.g. BW, MO).' })
  @Length(1, 60)
  targetGroup: string;

  @Field({ description: 'The facility the client leaves.' })
  @Length(1, 120)
  facility: string;

  @Field({ description: 'Municipality of origin.' })
  @Length(1, 80)
  municipalityOfOrigin: string;

  @Field(() => AgeCategory)
  ageCategory: AgeCategory;

  @Field(() => Int, { description: 'Days waited for a home (counted in bands).' })
  @IsInt()
  @Min(0)
  @Max(36500)
  waitingDays: number;

  @Field({ defaultValue: false, description: 'Fell back (terugval).' })
  relapse: boolean;
}
