import { IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PollArgs } from '../../common/pagination.js';

@InputType({ description: 'Add a subject (betrokkene) to a case. Only a pseudonym is kept on the subject itself.' })
export class AddSubjectInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => String, { nullable: true, description: 'A pseudonym of your own; generated when absent.' })
  @IsOptional()
  @Length(3, 40)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'letters, digits and . _ - only' })
  pseudonym?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 60)
  roleInCase?: string | null;
}

@ArgsType()
export class SubjectsArgs extends PollArgs {
  @Field(() => ID, { nullable: true, description: 'Only the subjects of this case.' })
  @IsOptional()
  @IsUUID()
  caseId?: string | null;
}
