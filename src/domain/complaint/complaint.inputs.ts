import { IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTime } from '../../common/scalars.js';

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
  @Length(10, 4000)
  summary: string;
}

@InputType({ description: 'The responsible party’s outcome of a complaint, under its own complaints procedure.' })
export class RecordComplaintOutcomeInput {
  @Field(() => ID) complaintId: string;
  @Field() @Length(3, 4000) outcome: string;
}
