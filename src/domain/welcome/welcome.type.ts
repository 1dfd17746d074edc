import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime, LocalDate } from '../../common/scalars.js';
import { LeaseType, WelcomeArea } from './welcome.entity.js';

registerEnumType(WelcomeArea, { name: 'WelcomeArea', description: 'The six areas of SMART results (Walcheren werkafspraken 4.2).' });
registerEnumType(LeaseType, { name: 'LeaseType', description: 'Walcheren werkafspraken 8.1, 9.2–9.4.' });

export enum EvaluationStatus {
  NOT_YET_DUE = 'NOT_YET_DUE',
  DUE = 'DUE',
  OVERDUE = 'OVERDUE',
  HELD = 'HELD',
}
registerEnumType(EvaluationStatus, { name: 'EvaluationStatus', description: 'The evaluation between 3 and 6 months after the start (9.1).' });

@ObjectType({ description: 'A client’s Welkom in de Wijk Overeenkomst: procedural facts; its goals are information items under the policy.' })
export class WelcomeAgreement {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { description: 'The consent clause (O25; art. 3).' })
  consentClauseSignedOn: string;

  @Field(() => LeaseType)
  leaseType: LeaseType;

  @Field(() => LocalDate, { nullable: true })
  permanentSince: string | null;

  @Field(() => [WelcomeArea], { description: 'Areas with SMART results (all six).' })
  goalAreas: WelcomeArea[];

  @Field(() => LocalDate, { nullable: true })
  evaluationHeldOn: string | null;

  @Field(() => LocalDate, { description: '3 months after the start.' })
  evaluationDueFrom: string;

  @Field(() => LocalDate, { description: '6 months after the start.' })
  evaluationDueBy: string;

  @Field(() => EvaluationStatus, { description: 'At the request’s moment.' })
  evaluationStatus: EvaluationStatus;

  caseId: string;
}

@ObjectType({ description: 'Rent arrears signalled to the home team (5.3): due within 2 weeks of arising. Shown to whom the policy gives finance.' })
export class RentArrearsSignal {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate)
  aroseOn: string;

  @Field(() => DateTime)
  reportedAt: Date;

  @Field(() => LocalDate, { description: '2 weeks after arising.' })
  deadline: string;

  @Field({ description: 'Reached the home team after the deadline.' })
  late: boolean;

  caseId: string;
}
