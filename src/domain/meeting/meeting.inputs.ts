import { ArrayMaxSize, IsDateString, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTime, LocalDate } from '../../common/scalars.js';

@InputType({ description: 'Schedule a case meeting (O29): agenda and the participating organisations that attend.' })
export class ScheduleCaseMeetingInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => DateTime)
  scheduledAt: Date;

  @Field()
  @Length(3, 4000)
  agenda: string;

  @Field(() => [ID], { description: 'Organisations taking part in the case.' })
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  attendeeOrganisationIds: string[];
}

@InputType({ description: 'Record the decisions of a held case meeting.' })
export class RecordMeetingDecisionsInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field()
  @Length(3, 8000)
  decisions: string;
}

@InputType({ description: 'An action item of a meeting. Its subject is shown on lists with name/address and contact details only (O19).' })
export class AddActionItemInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field({ description: 'What is to be done — no further personal data (O19).' })
  @Length(3, 1000)
  description: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeOrganisationId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  subjectId?: string | null;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  @IsDateString()
  dueDate?: string | null;
}

@InputType()
export class InterventionInput {
  @Field(() => ID, { description: 'A partner taking part in the case.' })
  @IsUUID()
  organisationId: string;

  @Field()
  @Length(3, 2000)
  description: string;

  @Field(() => String, { nullable: true, description: 'What this party needs to know for its intervention (O29; ZVHD 9.4).' })
  @IsOptional()
  @Length(0, 2000)
  informationNeed?: string | null;
}

@InputType({ description: 'Set the action plan (O29): goals and each party’s intervention and information need. Replaces the interventions.' })
export class SetActionPlanInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field()
  @Length(3, 4000)
  goals: string;

  @Field(() => [InterventionInput])
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  interventions: InterventionInput[];
}
