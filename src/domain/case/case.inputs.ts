import { ArrayMaxSize, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../common/pagination.js';
import { CaseKind, CasePhase, LifeDomain, ParticipantRole } from './case.entity.js';

@ArgsType()
export class CasesArgs extends PageArgs {
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
