import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from '../../common/scalars.js';
import { ComplaintStatus } from './complaint.entity.js';

registerEnumType(ComplaintStatus, { name: 'ComplaintStatus', description: 'OPEN until the responsible party records its outcome.' });

@ObjectType({ description: 'A complaint about how a member of the team treated someone (O33; De Wolden art. 10).' })
export class Complaint {
  @Field(() => ID) id: string;
  @Field() collaborationName: string;
  @Field(() => String, { nullable: true }) caseReference: string | null;
  @Field() receivingOrganisationName: string;
  @Field() responsibleOrganisationName: string;
  @Field(() => String, { nullable: true, description: 'The member it concerns, if named.' }) concernsMemberName: string | null;
  @Field(() => DateTime) receivedAt: Date;
  @Field(() => DateTime, { nullable: true, description: 'When another party received it and it went to the responsible party.' })
  forwardedAt: Date | null;
  @Field() summary: string;
  @Field(() => ComplaintStatus) status: ComplaintStatus;
  @Field(() => String, { nullable: true }) outcome: string | null;
  @Field(() => DateTime, { nullable: true }) handledAt: Date | null;
  @Field(() => DateTime, { nullable: true, description: 'When a coordinator of the collaboration took note of the outcome.' })
  coordinatorInformedAt: Date | null;
}
