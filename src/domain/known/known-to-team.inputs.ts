import { CaseSubjectInput } from '../subject/case-subject.input.js';
import { IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Ask whether a partner knows a subject of your case (O21): the answer is yes or no only.' })
export class AskKnownToTeamInput extends CaseSubjectInput {
  @Field(() => ID, { description: 'The organisation asked: a party to the collaboration.' })
  @IsUUID()
  organisationId: string;
}
