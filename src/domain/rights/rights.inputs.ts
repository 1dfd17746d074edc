import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTime, LocalDate } from '../../common/scalars.js';
import { OrderKind, RightsPartyStatus, RightsRequestKind, RightsRequester, ThirdPartyGround } from './rights.entity.js';

@InputType({ description: 'A data subject’s request received by the collaboration’s contact point (O34, O24).' })
export class RegisterRightsRequestInput {
  @Field(() => ID) @IsUUID() collaborationId: string;
  @Field({ description: 'The subject’s pseudonym.' }) @Length(1, 100) subject: string;
  @Field(() => RightsRequestKind) kind: RightsRequestKind;
  @Field(() => DateTime, { nullable: true, description: 'When the request was received (default: now); the deadline runs from it.' })
  @IsOptional() receivedAt?: Date | null;
  @Field(() => RightsRequester, { description: 'O24: under 12 the legal representative, 12–16 both, from 16 the subject.' })
  requestedBy: RightsRequester;
  @Field(() => LocalDate, { description: 'Verified by the contact point; decides who exercises the right (O24).' }) subjectBirthDate: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(2, 300) representativeName?: string | null;
  @Field() @Length(3, 10000) description: string;
}

@InputType({ description: 'A responsible party’s answer to a request.' })
export class AnswerRightsRequestInput {
  @Field(() => ID) requestId: string;
  @Field(() => RightsPartyStatus, { description: 'COMPLETED or REFUSED.' }) status: RightsPartyStatus;
  @Field() @Length(3, 10000) outcome: string;
}

@InputType({ description: 'AVG 12(3): extend a party’s deadline once, by one or two months, with a reason.' })
export class ExtendRightsRequestInput {
  @Field(() => ID) requestId: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(2) months: number;
  @Field() @Length(10, 5000) reason: string;
}

@InputType({ description: 'Rectify, erase or restrict an item your organisation provided; every recipient is notified (O13, AVG 19).' })
export class CorrectInformationInput {
  @Field(() => ID) itemId: string;
  @Field(() => String, { nullable: true, description: 'Rectification: the corrected content.' }) @IsOptional() @Length(1, 10000) content?: string | null;
  @Field() @Length(3, 5000) reason: string;
  @Field(() => ID, { nullable: true, description: 'The rights request this carries out, if any.' }) @IsOptional() rightsRequestId?: string | null;
}

@InputType({ description: 'A breach with the seven details of Walcheren AVG protocol art. 7 (i–vii) (O35).' })
export class ReportBreachInput {
  @Field(() => ID) @IsUUID() collaborationId: string;
  @Field(() => DateTime, { description: 'When your organisation learned of it: the other parties are informed within 48 hours.' }) discoveredAt: Date;
  @Field({ description: '(i) a detailed description of the breach.' }) @Length(10, 20000) description: string;
  @Field(() => [String], { description: '(ii) the types of personal data involved.' }) @ArrayMaxSize(50) dataTypes: string[];
  @Field(() => Int, { description: '(iii) of how many persons.' }) @IsInt() @Min(0) affectedCount: number;
  @Field({ description: '(iv) the identity of the persons involved (pseudonyms or a description of the group).' }) @Length(1, 20000) affectedPersons: string;
  @Field({ description: '(v) the measures taken to limit the consequences and remedy the breach.' }) @Length(3, 20000) measures: string;
  @Field({ description: '(vi) the cause.' }) @Length(3, 20000) cause: string;
  @Field(() => DateTime, { description: '(vii) when the breach began.' }) startedAt: Date;
  @Field(() => DateTime, { nullable: true, description: '(vii) when it ended (its duration); null while it continues.' }) @IsOptional() endedAt?: Date | null;
}

@InputType({ description: 'Your organisation’s notification of a breach to the Autoriteit Persoonsgegevens, or why it did not notify.' })
export class RecordAuthorityNotificationInput {
  @Field(() => ID) breachId: string;
  @Field(() => DateTime, { nullable: true }) @IsOptional() notifiedAt?: Date | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) reference?: string | null;
  @Field(() => String, { nullable: true, description: 'Required when not notified: the reason (AVG 33(1)).' }) @IsOptional() @Length(3, 5000) note?: string | null;
}

@InputType({ description: 'A court order, summons or legal duty to disclose to a third party (O36).' })
export class RegisterOrderInput {
  @Field(() => ID) @IsUUID() collaborationId: string;
  @Field(() => OrderKind) kind: OrderKind;
  @Field() @Length(2, 500) thirdParty: string;
  @Field() @Length(2, 2000) legalBasis: string;
  @Field() @Length(3, 20000) description: string;
  @Field(() => String, { nullable: true, description: 'The subject concerned (pseudonym), if one.' }) @IsOptional() subject?: string | null;
  @Field(() => DateTime, { description: 'When it was received: the parties are informed within 2 working days.' }) receivedAt: Date;
}

@InputType({ description: 'Record a disclosure to a third party (O37): for an agreed intervention, a transfer, or an order (O36).' })
export class RecordThirdPartyDisclosureInput {
  @Field(() => ID) caseId: string;
  @Field({ description: 'The subject’s pseudonym.' }) subject: string;
  @Field() @Length(2, 500) thirdParty: string;
  @Field(() => ThirdPartyGround) @IsIn(Object.values(ThirdPartyGround)) ground: ThirdPartyGround;
  @Field(() => ID, { nullable: true, description: 'AGREED_INTERVENTION: the intervention of the case’s action plan.' }) @IsOptional() interventionId?: string | null;
  @Field(() => ID, { nullable: true, description: 'ORDER: the registered order.' }) @IsOptional() orderId?: string | null;
  @Field(() => [String], { description: 'Data categories disclosed (keys of the policy, e.g. housing).' }) @ArrayMaxSize(20) categories: string[];
  @Field() @Length(3, 10000) description: string;
}
