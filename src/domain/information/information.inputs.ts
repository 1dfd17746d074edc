import { CaseSubjectInput } from '../subject/case-subject.input.js';
import { IsOptional, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PollArgs } from '../../common/pagination.js';
import { POLICE_JUSTIFICATION_LENGTH, type CategoryKey } from './categories.js';
import { ConsentStatus, InformationKind, InformedStatus, SharingRestriction } from './information.entity.js';
import { InformationCategory } from './information.type.js';

@InputType({ description: 'Provide a piece of information about a subject in a case; you are recorded as its provider.' })
export class AddInformationItemInput extends CaseSubjectInput {
  @Field(() => InformationCategory)
  category: CategoryKey;

  @Field()
  @Length(1, 10000)
  content: string;

  @Field(() => InformationKind, { defaultValue: InformationKind.FACT })
  kind: InformationKind;

  @Field(() => String, { nullable: true, description: 'Required for special, criminal, care and police data (O17).' })
  @IsOptional()
  @Length(3, 500)
  legalGround?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Required for police data, and only for police data (O10): why no non-police source will do, and that the data is accurate, current, complete, relevant and not excessive.',
  })
  @IsOptional()
  @Length(POLICE_JUSTIFICATION_LENGTH.min, POLICE_JUSTIFICATION_LENGTH.max)
  policeJustification?: string | null;

  @Field(() => SharingRestriction, { defaultValue: SharingRestriction.NONE })
  sharingRestriction: SharingRestriction;

  @Field({ defaultValue: true, description: 'false: others may view it only once a case meeting has begun (O18).' })
  viewableBeforeMeeting: boolean;

  @Field(() => InformedStatus, { defaultValue: InformedStatus.UNKNOWN })
  informedStatus: InformedStatus;

  @Field(() => ConsentStatus, { defaultValue: ConsentStatus.UNKNOWN })
  consentStatus: ConsentStatus;
}

@ArgsType()
export class InformationItemsArgs extends PollArgs {
  @Field(() => ID, { nullable: true, description: 'Only the items of this case.' })
  @IsOptional()
  @IsUUID()
  caseId?: string | null;
}
