import { CaseSubjectInput } from '../subject/case-subject.input.js';
import { ArrayMaxSize, IsDateString, IsUUID, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LocalDate } from '../../common/scalars.js';
import { LeaseType, WelcomeArea } from './welcome.entity.js';

@InputType({ description: 'A SMART result of one area (Walcheren werkafspraken 4.2).' })
export class WelcomeGoalInput {
  @Field(() => WelcomeArea)
  area: WelcomeArea;

  @Field({ description: 'Specific, achievable result.' })
  @Length(3, 1000)
  result: string;

  @Field({ description: 'How it is measured.' })
  @Length(3, 500)
  measure: string;

  @Field(() => LocalDate, { description: 'By when (time-bound).' })
  @IsDateString()
  dueDate: string;
}

@InputType({ description: 'Record a client’s Welkom in de Wijk Overeenkomst (O25, O31).' })
export class RecordWelcomeAgreementInput extends CaseSubjectInput {
  @Field(() => LocalDate)
  @IsDateString()
  startDate: string;

  @Field(() => LocalDate, { description: 'When the client signed the consent clause (art. 3).' })
  @IsDateString()
  consentClauseSignedOn: string;

  @Field(() => LeaseType, { defaultValue: LeaseType.TEMPORARY })
  leaseType: LeaseType;

  @Field(() => [WelcomeGoalInput], { description: 'At least one SMART result in each of the six areas.' })
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  goals: WelcomeGoalInput[];
}

@InputType()
export class WelcomeDateInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => LocalDate)
  @IsDateString()
  on: string;
}

@InputType({ description: 'The corporation signals rent arrears to the home team (5.3).' })
export class ReportRentArrearsInput extends CaseSubjectInput {
  @Field(() => LocalDate, { description: 'When the arrears arose.' })
  @IsDateString()
  aroseOn: string;
}
