import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from '../../common/scalars.js';
import { CorrectionKind, OrderKind, RightsPartyStatus, RightsRequestKind, RightsRequester, ThirdPartyGround } from './rights.entity.js';

registerEnumType(RightsRequestKind, { name: 'RightsRequestKind', description: 'AVG 15 access, 16 rectification, 17 erasure, 18 restriction, 21 objection (O34).' });
registerEnumType(RightsRequester, { name: 'RightsRequester', description: 'Who exercises the right (O24, Zeist 13.2–13.3).' });
registerEnumType(RightsPartyStatus, { name: 'RightsPartyStatus' });
registerEnumType(CorrectionKind, { name: 'CorrectionKind' });
registerEnumType(OrderKind, { name: 'OrderKind' });
registerEnumType(ThirdPartyGround, { name: 'ThirdPartyGround', description: 'O37: an agreed intervention or a transfer of the case; O36: an order.' });

@ObjectType({ description: 'One responsible party’s handling of a rights request, with its deadline (AVG 12(3)).' })
export class RightsRequestParty {
  @Field(() => ID) id: string;
  @Field() organisationName: string;
  @Field(() => RightsPartyStatus) status: RightsPartyStatus;
  @Field(() => DateTime) dueAt: Date;
  @Field({ description: 'Still open after its deadline, at the request’s moment.' }) overdue: boolean;
  @Field(() => DateTime, { nullable: true }) extendedAt: Date | null;
  @Field(() => String, { nullable: true }) extensionReason: string | null;
  @Field(() => DateTime, { nullable: true }) completedAt: Date | null;
  @Field(() => String, { nullable: true }) outcome: string | null;
}

@ObjectType({ description: 'A data subject’s request, fanned out to the responsible parties (O34).' })
export class RightsRequest {
  @Field(() => ID) id: string;
  @Field(() => RightsRequestKind) kind: RightsRequestKind;
  @Field() subjectPseudonym: string;
  @Field(() => DateTime) receivedAt: Date;
  @Field({ description: 'The contact point that received it.' }) receivingOrganisationName: string;
  @Field(() => RightsRequester) requestedBy: RightsRequester;
  @Field(() => String, { nullable: true }) representativeName: string | null;
  @Field(() => Int) subjectAgeAtReceipt: number;
  @Field() description: string;
  @Field(() => [RightsRequestParty]) parties: RightsRequestParty[];
}

@ObjectType({ description: 'Data held about the subject in one category by one provider.' })
export class AccessReportHolding {
  @Field() category: string;
  @Field() providerOrganisationName: string;
  @Field(() => Int) itemCount: number;
  @Field(() => Int, { description: 'Of which restricted (AVG 18).' }) restrictedCount: number;
  @Field(() => DateTime) firstProvidedAt: Date;
  @Field(() => DateTime) lastProvidedAt: Date;
  @Field(() => [String], { nullable: true, description: 'The contents — only of your own organisation’s items; other providers give their own copy (O14).' })
  ownContents: string[] | null;
}

@ObjectType()
export class AccessReportDisclosure {
  @Field(() => DateTime) at: Date;
  @Field() recipientOrganisationName: string;
  @Field({ description: 'The case’s reference; "niet meer bewaard" once the case has been removed after its retention term (the log keeps the record).' })
  caseReference: string;
  @Field(() => String, { nullable: true }) purpose: string | null;
  @Field(() => [String]) categories: string[];
  @Field(() => String, { nullable: true }) legalGround: string | null;
}

@ObjectType()
export class AccessReportThirdParty {
  @Field(() => DateTime) at: Date;
  @Field() organisationName: string;
  @Field() thirdParty: string;
  @Field() ground: string;
  @Field(() => [String]) categories: string[];
}

@ObjectType({ description: 'AVG 15: what is held about a subject and to whom it was disclosed (O34).' })
export class AccessReport {
  @Field() subjectPseudonym: string;
  @Field() collaborationName: string;
  @Field(() => DateTime) generatedAt: Date;
  @Field() requestedByOrganisationName: string;
  @Field(() => [AccessReportHolding]) holdings: AccessReportHolding[];
  @Field(() => [AccessReportDisclosure], { description: 'Every disclosure from the disclosure log.' }) disclosures: AccessReportDisclosure[];
  @Field(() => [AccessReportThirdParty]) thirdPartyDisclosures: AccessReportThirdParty[];
  @Field({ description: 'The same as a printable plain-text document.' }) text: string;
}

@ObjectType({ description: 'A rectification, erasure or restriction passed on to a recipient (O13, AVG 19).' })
export class CorrectionNotice {
  @Field(() => ID) id: string;
  @Field(() => CorrectionKind) kind: CorrectionKind;
  @Field(() => ID, { nullable: true }) informationItemId: string | null;
  @Field() category: string;
  @Field(() => ID) caseId: string;
  @Field(() => ID) providerOrganisationId: string;
  @Field(() => ID) recipientOrganisationId: string;
  @Field(() => ID, { nullable: true }) rightsRequestId: string | null;
  @Field() reason: string;
  @Field(() => DateTime) notifiedAt: Date;
  @Field(() => DateTime, { nullable: true }) acknowledgedAt: Date | null;
}

@ObjectType()
export class CorrectionResult {
  @Field(() => CorrectionKind) kind: CorrectionKind;
  @Field(() => ID) itemId: string;
  @Field(() => [CorrectionNotice]) notices: CorrectionNotice[];
}

@ObjectType({ description: 'A party’s side of a breach: informed, acknowledged, and its notification to the authority.' })
export class BreachParty {
  @Field() organisationName: string;
  @Field() reporter: boolean;
  @Field(() => DateTime, { nullable: true }) notifiedAt: Date | null;
  @Field(() => DateTime) dueAt: Date;
  @Field(() => DateTime, { nullable: true }) acknowledgedAt: Date | null;
  @Field({ description: 'Not acknowledged 48 hours after discovery.' }) overdue: boolean;
  @Field(() => DateTime, { nullable: true }) authorityNotifiedAt: Date | null;
  @Field(() => String, { nullable: true }) authorityReference: string | null;
  @Field(() => String, { nullable: true }) authorityNote: string | null;
}

@ObjectType({ description: 'A data breach with the seven details of Walcheren AVG protocol art. 7 (O35).' })
export class DataBreach {
  @Field(() => ID) id: string;
  @Field() reportingOrganisationName: string;
  @Field(() => DateTime) discoveredAt: Date;
  @Field(() => DateTime) reportedAt: Date;
  @Field({ description: 'Recorded more than 48 hours after discovery.' }) reportedLate: boolean;
  @Field({ description: '(i)' }) description: string;
  @Field(() => [String], { description: '(ii)' }) dataTypes: string[];
  @Field(() => Int, { description: '(iii)' }) affectedCount: number;
  @Field({ description: '(iv)' }) affectedPersons: string;
  @Field({ description: '(v)' }) measures: string;
  @Field({ description: '(vi)' }) cause: string;
  @Field(() => DateTime, { description: '(vii)' }) startedAt: Date;
  @Field(() => DateTime, { nullable: true, description: '(vii)' }) endedAt: Date | null;
  @Field(() => [BreachParty]) parties: BreachParty[];
}

@ObjectType()
export class OrderParty {
  @Field() organisationName: string;
  @Field(() => DateTime) notifiedAt: Date;
  @Field(() => DateTime, { nullable: true }) acknowledgedAt: Date | null;
  @Field({ description: 'Not acknowledged within 2 working days of receipt, or notified after them.' }) overdue: boolean;
}

@ObjectType({ description: 'An order or legal duty to disclose to a third party (O36).' })
export class ThirdPartyOrder {
  @Field(() => ID) id: string;
  @Field() organisationName: string;
  @Field(() => OrderKind) kind: OrderKind;
  @Field() thirdParty: string;
  @Field() legalBasis: string;
  @Field() description: string;
  @Field(() => DateTime) receivedAt: Date;
  @Field(() => DateTime) registeredAt: Date;
  @Field(() => DateTime, { description: 'Receipt + 2 working days.' }) dueAt: Date;
  @Field({ description: 'Registered (and so notified) after the deadline.' }) reportedLate: boolean;
  @Field(() => [OrderParty]) parties: OrderParty[];
}

@ObjectType({ description: 'A logged disclosure to a third party (O37).' })
export class ThirdPartyDisclosure {
  @Field(() => ID) id: string;
  @Field(() => ID) caseId: string;
  @Field() thirdParty: string;
  @Field(() => ThirdPartyGround) ground: ThirdPartyGround;
  @Field(() => ID, { nullable: true }) interventionId: string | null;
  @Field(() => ID, { nullable: true }) orderId: string | null;
  @Field(() => [String]) categories: string[];
  @Field() description: string;
  @Field(() => DateTime) disclosedAt: Date;
}

@ObjectType({ description: 'One processing activity of your organisation in the platform (AVG 30).' })
export class ProcessingActivity {
  @Field() collaborationName: string;
  @Field({ description: 'RECIPIENT (received), PROVIDER (provided to partners) or THIRD_PARTY (disclosed outside).' }) role: string;
  @Field() processingActivityId: string;
  @Field(() => String, { nullable: true }) purpose: string | null;
  @Field(() => [String]) categories: string[];
  @Field(() => [String], { description: 'Providers (as recipient), recipients (as provider) or third parties.' }) counterpartOrganisations: string[];
  @Field(() => Int) subjectCount: number;
  @Field(() => Int) recordCount: number;
  @Field(() => [String]) legalGrounds: string[];
  @Field(() => DateTime) firstAt: Date;
  @Field(() => DateTime) lastAt: Date;
}

@ObjectType({ description: 'Your organisation’s processing register export (O39).' })
export class ProcessingRegister {
  @Field() organisationName: string;
  @Field(() => DateTime) generatedAt: Date;
  @Field(() => [ProcessingActivity]) activities: ProcessingActivity[];
  @Field() csv: string;
}
