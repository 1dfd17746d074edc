import { CaseSubjectInput } from '../subject/case-subject.input.js';
import { IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTime } from '../../common/scalars.js';
import { ConsentStatus, InformedStatus } from '../information/information.entity.js';
import { AgeBand, InformingException, Representation } from './consent.entity.js';

@InputType({ description: 'How your organisation informed a subject about sharing (O22; Zeist art. 8, 13.3).' })
export class RecordInformingInput extends CaseSubjectInput {
  @Field(() => InformedStatus, { description: 'INFORMED, EXCEPTION or NOT_INFORMED.' })
  status: InformedStatus;

  @Field(() => AgeBand, { nullable: true, description: 'INFORMED: the subject’s age band, which decides who is informed (O24).' })
  @IsOptional()
  ageBand?: AgeBand | null;

  @Field(() => Representation, { nullable: true, description: 'INFORMED: who was informed.' })
  @IsOptional()
  representation?: Representation | null;

  @Field(() => DateTime, { nullable: true, description: 'INFORMED: when (not after now).' })
  @IsOptional()
  informedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'INFORMED: how (mondeling, brief, …).' })
  @IsOptional()
  @Length(2, 200)
  method?: string | null;

  @Field(() => InformingException, { nullable: true, description: 'EXCEPTION: the ground of Zeist 8.2 a–e, or a safety deviation (O26).' })
  @IsOptional()
  exceptionGround?: InformingException | null;

  @Field(() => String, { nullable: true, description: 'EXCEPTION: why informing beforehand was not possible (8.3).' })
  @IsOptional()
  @Length(5, 2000)
  explanation?: string | null;

  @Field(() => ID, { nullable: true, description: 'EXCEPTION: the partner that informs the resident afterwards (8.3).' })
  @IsOptional()
  @IsUUID()
  informsAfterwardsOrganisationId?: string | null;
}

@InputType({ description: 'Consent for your organisation’s sharing about a subject, or your weighing (O23; Zeist art. 9, 13.3).' })
export class RecordConsentInput extends CaseSubjectInput {
  @Field(() => ConsentStatus, { description: 'GIVEN, REFUSED, WEIGHED or NOT_REQUIRED.' })
  status: ConsentStatus;

  @Field(() => AgeBand, { nullable: true, description: 'GIVEN/REFUSED: the subject’s age band (O24).' })
  @IsOptional()
  ageBand?: AgeBand | null;

  @Field(() => Representation, { nullable: true, description: 'GIVEN/REFUSED: who gave or refused it.' })
  @IsOptional()
  representation?: Representation | null;

  @Field(() => String, { nullable: true, description: 'WEIGHED: the weighing (9.2); NOT_REQUIRED: why (no care relationship).' })
  @IsOptional()
  @Length(5, 4000)
  explanation?: string | null;
}
