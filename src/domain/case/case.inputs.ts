import { ArrayMaxSize, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PollArgs } from '../../common/pagination.js';
import { CaseKind, CasePhase, ComplexCaseCriterion, LifeDomain, ParticipantRole } from './case.entity.js';

@ArgsType()
export class CasesArgs extends PollArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  collaborationId?: string | null;

  @Field(() => CasePhase, { nullable: true })
  @IsOptional()
  phase?: CasePhase | null;
}

@InputType({ description: 'Register a new case; the caller’s organisation becomes reporter and first partner.' })
export class RegisterCaseInput {
  @Field(() => ID)
  @IsUUID()
  collaborationId: string;

  @Field({ description: 'Unique within the collaboration, e.g. ZST-2026-014.' })
  @Length(3, 40)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._\/-]*$/, { message: 'letters, digits and . _ / - only' })
  reference: string;

  @Field({ defaultValue: '' })
  @Length(0, 200)
  title: string;

  @Field(() => CaseKind)
  kind: CaseKind;

  @Field(() => [LifeDomain], { defaultValue: [] })
  @ArrayMaxSize(6)
  lifeDomains: LifeDomain[];
}

@InputType({ description: 'Invite an organisation (PARTNER) or one of its members (AD_HOC) to a case.' })
export class InviteParticipantInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => ID)
  @IsUUID()
  organisationId: string;

  @Field(() => ID, { nullable: true, description: 'Required for AD_HOC: the one member invited.' })
  @IsOptional()
  @IsUUID()
  memberId?: string | null;

  @Field(() => ParticipantRole)
  role: ParticipantRole;
}

@InputType({ description: 'Move a case to its next phase (O27): only the steps of ZVHD bijlage 3, with the reason.' })
export class ChangeCasePhaseInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => CasePhase)
  to: CasePhase;

  @Field({ description: 'Why: recorded with who and when. Procedural; no personal data beyond what the step needs.' })
  @Length(3, 2000)
  reason: string;

  @Field(() => String, { nullable: true, description: 'Required when referring elsewhere: the advice to the reporting party (ZVHD bijlage 3).' })
  @IsOptional()
  @Length(3, 2000)
  advice?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Case meeting → action plan: the case director appointed (O29; ZVHD 14.1), a member of a partner of the case.',
  })
  @IsOptional()
  @IsUUID()
  caseDirectorId?: string | null;

  @Field(() => [ComplexCaseCriterion], {
    nullable: true,
    description: 'ZVHD, intake → triage: the criteria of bijlage 2 found met (O28).',
  })
  @IsOptional()
  @ArrayMaxSize(4)
  complexCaseCriteria?: ComplexCaseCriterion[] | null;
}

@InputType({ description: 'Record the signed confidentiality statement of an ad-hoc participant (O20; Zeist art. 11, bijlage 1.a).' })
export class RecordConfidentialityStatementInput {
  @Field(() => ID)
  @IsUUID()
  participantId: string;

  @Field({ description: 'The legal ground the statement names for this participant’s taking part.' })
  @Length(5, 1000)
  legalGround: string;
}
