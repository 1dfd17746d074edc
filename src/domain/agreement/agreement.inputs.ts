import { ArrayMinSize, IsIn, IsOptional, IsUUID, Length, Matches, Min, Max, IsInt } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '../../common/scalars.js';
import { AmendmentProcedure } from './agreement.entity.js';

const POLICE_CATEGORY_KEYS = ['police.identity', 'police.contact', 'police.vehicles', 'police.incidents', 'police.priorityGroup', 'police.special'];

@InputType({ description: 'Register an organisation’s written request to accede to an agreement (O3).' })
export class RegisterAccessionInput {
  @Field(() => ID)
  @IsUUID()
  agreementId: string;

  @Field(() => ID, { description: 'The acceding organisation.' })
  @IsUUID()
  organisationId: string;

  @Field({ description: 'Who represents the acceding organisation.' })
  @Length(2, 300)
  representative: string;

  @Field({ description: 'The written request (its text, or a summary with its reference).' })
  @Length(10, 10000)
  requestText: string;

  @Field(() => LocalDate)
  receivedOn: string;
}

@InputType({ description: 'A party’s answer to an intended accession (O3).' })
export class AnswerAccessionInput {
  @Field(() => ID)
  @IsUUID()
  requestId: string;

  @Field()
  approved: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000)
  note?: string | null;
}

@InputType({ description: 'The steering group’s decision on an accession request (O3).' })
export class DecideAccessionInput {
  @Field(() => ID)
  @IsUUID()
  requestId: string;

  @Field()
  accepted: boolean;

  @Field({ description: 'The decision as minuted.' })
  @Length(5, 5000)
  decisionNote: string;
}

@InputType({ description: 'The signed accession form (De Wolden bijlage 3, ZVHD bijlage 1): the organisation becomes a party.' })
export class SignAccessionFormInput {
  @Field(() => ID)
  @IsUUID()
  requestId: string;

  @Field({ description: 'Who signed: the acceding organisation’s representative and the chair of the steering group.' })
  @Length(5, 500)
  signedBy: string;
}

@InputType({ description: 'A new version of an agreement as decided by the steering group (O4).' })
export class ProposeAmendmentInput {
  @Field(() => ID, { description: 'The agreement version in force that is amended.' })
  @IsUUID()
  agreementId: string;

  @Field()
  @Length(1, 60)
  version: string;

  @Field({ description: 'What the steering group decided to change.' })
  @Length(5, 10000)
  amendmentSummary: string;

  @Field(() => AmendmentProcedure, { nullable: true, description: 'Default: the procedure of the amended version.' })
  @IsOptional()
  procedure?: AmendmentProcedure | null;

  @Field(() => String, { nullable: true, description: 'The policy version this version activates (default: unchanged).' })
  @IsOptional()
  @Matches(/^\d+\.\d+\.\d+$/, { message: 'a policy version such as 1.1.0' })
  policyVersion?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  noticePeriodMonths?: number | null;

  @Field(() => [LocalDate], { nullable: true })
  @IsOptional()
  evaluationDates?: string[] | null;
}

@InputType({ description: 'Exclude a party after default (De Wolden 14.2, ZVHD 25.3): with immediate effect (O40).' })
export class ExcludePartyInput {
  @Field(() => ID)
  @IsUUID()
  agreementId: string;

  @Field(() => ID)
  @IsUUID()
  organisationId: string;

  @Field({ description: 'The default and the notice of default it follows.' })
  @Length(5, 5000)
  reason: string;
}

@InputType({ description: 'Record a held evaluation of an agreement (O2).' })
export class RecordEvaluationInput {
  @Field(() => ID)
  @IsUUID()
  agreementId: string;

  @Field(() => LocalDate, { description: 'The evaluation date of the agreement it answers.' })
  dueDate: string;

  @Field(() => LocalDate)
  heldOn: string;

  @Field()
  @Length(10, 20000)
  report: string;
}

@InputType({ description: 'Extend an art. 20 decision on a written evaluation (besluit §6, O5).' })
export class ExtendArt20Input {
  @Field(() => ID)
  @IsUUID()
  decisionId: string;

  @Field(() => LocalDate, { description: 'At most three years after the current end of validity.' })
  validUntil: string;

  @Field(() => LocalDate)
  evaluatedOn: string;

  @Field({ description: 'The written evaluation: whether the ground for providing the data still exists.' })
  @Length(20, 20000)
  evaluation: string;
}

@InputType({ description: 'A Besluit art. 20 Wpg with every element of Wpg art. 20(2) (O5).' })
export class IssueArt20Input {
  @Field(() => ID)
  @IsUUID()
  agreementId: string;

  @Field()
  @Length(3, 500)
  issuingUnit: string;

  @Field()
  @Length(10, 10000)
  compellingPublicInterest: string;

  @Field({ description: 'The collaboration’s purpose the data serves.' })
  @Length(10, 10000)
  purpose: string;

  @Field(() => [String])
  @ArrayMinSize(1)
  @IsIn(POLICE_CATEGORY_KEYS, { each: true })
  categoriesGranted: string[];

  @Field()
  @Length(10, 20000)
  conditions: string;

  @Field(() => [ID], { description: 'Organisations (parties of the agreement) that may receive the data.' })
  @ArrayMinSize(1)
  @IsUUID('all', { each: true })
  recipientOrganisationIds: string[];

  @Field(() => LocalDate)
  validFrom: string;

  @Field(() => LocalDate, { description: 'At most three years after validFrom (besluit §6).' })
  validUntil: string;
}
