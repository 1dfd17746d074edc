import { IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTime } from '../../common/scalars.js';

/** A complaint's summary and outcome, in characters (the inputs' validation; the service checks them trimmed). */
export const SUMMARY_LENGTH = { min: 10, max: 4000 } as const;
export const OUTCOME_LENGTH = { min: 3, max: 4000 } as const;

@InputType({ description: 'A complaint about how a member of the team treated someone, as your organisation received it (O33).' })
export class FileComplaintInput {
  @Field(() => ID) @IsUUID() collaborationId: string;
  @Field(() => ID, { description: 'The party whose member the complaint concerns: it handles the complaint (your own, or it is forwarded).' })
  @IsUUID()
  responsibleOrganisationId: string;
  @Field(() => ID, { nullable: true, description: 'The member it concerns, if named (a member of the responsible party).' })
  @IsOptional()
  @IsUUID()
  concernsMemberId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The case it arose in, if any (a case you take part in).' })
  @IsOptional()
  @IsUUID()
  caseId?: string | null;
  @Field(() => DateTime, { nullable: true, description: 'When it was received; default: now. Not in the future.' })
  @IsOptional()
  receivedAt?: Date | null;
  @Field({ description: 'What the complaint is about: no more personal data than handling it needs.' })
  @Length(SUMMARY_LENGTH.min, SUMMARY_LENGTH.max)
  summary: string;
}

@InputType({ description: 'The responsible party’s outcome of a complaint, under its own complaints procedure.' })
export class RecordComplaintOutcomeInput {
  @Field(() => ID) complaintId: string;
  @Field() @Length(OUTCOME_LENGTH.min, OUTCOME_LENGTH.max) outcome: string;
}
