import { IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

/** The subject in a case that an input is about: the two ids many inputs start with. */
@InputType()
export abstract class CaseSubjectInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => ID)
  @IsUUID()
  subjectId: string;
}
