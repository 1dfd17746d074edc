import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime, LocalDate } from '../../common/scalars.js';
import { AgreementStatus } from './agreement.entity.js';

registerEnumType(AgreementStatus, { name: 'AgreementStatus' });

@ObjectType({ description: 'A convenant with its lifecycle terms (O1, O2).' })
export class Agreement {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  version: string;

  @Field(() => AgreementStatus)
  status: AgreementStatus;

  @Field(() => LocalDate, { nullable: true })
  effectiveDate: string | null;

  @Field(() => Int, { nullable: true })
  minimumTermMonths: number | null;

  @Field(() => String, { nullable: true })
  renewalRule: string | null;

  @Field(() => Int, { nullable: true })
  renewalPeriodMonths: number | null;

  @Field(() => Int, { nullable: true })
  maxRenewals: number | null;

  @Field(() => Int, { nullable: true })
  noticePeriodMonths: number | null;

  @Field(() => [LocalDate])
  evaluationDates: string[];
}

@ObjectType({ description: 'An organisation taking part in an agreement.' })
export class Party {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  representative: string | null;

  @Field(() => DateTime, { nullable: true })
  signedAt: Date | null;
}

@ObjectType({ description: 'Besluit art. 20 Wpg: which police data may be shared, with whom, until when (O5).' })
export class Art20Decision {
  @Field(() => ID)
  id: string;

  @Field()
  issuingUnit: string;

  @Field()
  compellingPublicInterest: string;

  @Field()
  purpose: string;

  @Field(() => [String], { description: 'Category keys granted (police.identity … police.special).' })
  categoriesGranted: string[];

  @Field()
  conditions: string;

  @Field(() => LocalDate)
  validFrom: string;

  @Field(() => LocalDate)
  validUntil: string;

  @Field(() => DateTime, { nullable: true })
  revokedAt: Date | null;
}
