import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime, LocalDate } from '../../common/scalars.js';
import { AccessionStatus, AgreementStatus, AmendmentProcedure, PartyExitReason } from './agreement.entity.js';

registerEnumType(AgreementStatus, { name: 'AgreementStatus' });
registerEnumType(AmendmentProcedure, {
  name: 'AmendmentProcedure',
  description: 'RESIGN: every party signs the amended text (De Wolden 16.2); ADDENDUM: chair and manager sign an addendum (ZVHD 23.2).',
});
registerEnumType(PartyExitReason, { name: 'PartyExitReason' });
registerEnumType(AccessionStatus, { name: 'AccessionStatus' });

export enum DeadlineKind {
  RENEWAL = 'RENEWAL',
  NOTICE_DEADLINE = 'NOTICE_DEADLINE',
  END_OF_TERM = 'END_OF_TERM',
  EVALUATION = 'EVALUATION',
  PARTY_LEAVING = 'PARTY_LEAVING',
  ART20_EXPIRY = 'ART20_EXPIRY',
}
registerEnumType(DeadlineKind, { name: 'DeadlineKind', description: 'What falls due on an agreement (O2, O5, O40).' });

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

  @Field(() => String, { nullable: true, description: 'The version of the collaboration policy this agreement version activates.' })
  policyVersion: string | null;

  @Field(() => AmendmentProcedure)
  amendmentProcedure: AmendmentProcedure;

  @Field(() => String, { nullable: true, description: 'For an amendment: what the steering group decided to change.' })
  amendmentSummary: string | null;

  @Field(() => String, { nullable: true, description: 'For an amendment by addendum: who signed it.' })
  addendumSignedBy: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When every required signature was there and this version took effect.' })
  activatedAt: Date | null;

  @Field(() => DateTime, { nullable: true })
  terminatedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Notes of the steering group (governance roles only).' })
  internalNotes: string | null;
}

@ObjectType({ description: 'An organisation taking part in an agreement.' })
export class Party {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  representative: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When this party signed (governance roles only).' })
  signedAt: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'This party rejected the amendment this version is (governance roles only).' })
  rejectedAt: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'When its written notice was received (governance roles only).' })
  noticeGivenAt: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'From this moment the party has no access (O40).' })
  leftAt: Date | null;

  @Field(() => PartyExitReason, { nullable: true })
  exitReason: PartyExitReason | null;

  @Field(() => String, { nullable: true, description: 'Why it left or was excluded (governance roles only).' })
  exitNote: string | null;
}

@ObjectType({ description: 'A held evaluation of an agreement (O2).' })
export class AgreementEvaluation {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate, { description: 'The evaluation date it answers.' })
  dueDate: string;

  @Field(() => LocalDate)
  heldOn: string;

  @Field()
  report: string;
}

@ObjectType({ description: 'The written evaluation an art. 20 decision was extended on (besluit §6).' })
export class Art20Evaluation {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate)
  evaluatedOn: string;

  @Field()
  report: string;

  @Field(() => LocalDate)
  previousValidUntil: string;

  @Field(() => LocalDate)
  extendedUntil: string;
}

@ObjectType({ description: 'A party asked to approve an accession, and its answer (O3).' })
export class AccessionApproval {
  @Field(() => ID)
  id: string;

  @Field(() => DateTime, { description: 'When the party was informed of the intended accession.' })
  notifiedAt: Date;

  @Field(() => Boolean, { nullable: true, description: 'null while the party has not answered.' })
  approved: boolean | null;

  @Field(() => DateTime, { nullable: true })
  answeredAt: Date | null;

  @Field(() => String, { nullable: true })
  note: string | null;
}

@ObjectType({ description: 'An organisation’s written request to accede to an agreement (O3).' })
export class AccessionRequest {
  @Field(() => ID)
  id: string;

  @Field()
  representative: string;

  @Field()
  requestText: string;

  @Field(() => LocalDate)
  receivedOn: string;

  @Field(() => AccessionStatus)
  status: AccessionStatus;

  @Field(() => DateTime, { nullable: true, description: 'When the steering group decided.' })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true })
  decisionNote: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the accession form was signed: access starts here.' })
  formSignedAt: Date | null;

  @Field(() => String, { nullable: true })
  formSignedBy: string | null;
}

@ObjectType({ description: 'Something due or overdue on an agreement at the request’s moment (O2, O5, O40).' })
export class AgreementDeadline {
  @Field(() => DeadlineKind)
  kind: DeadlineKind;

  @Field(() => LocalDate)
  dueOn: string;

  @Field({ description: 'The date has passed and nothing was recorded.' })
  overdue: boolean;

  @Field()
  description: string;

  @Field(() => Agreement)
  agreement: Agreement;

  @Field(() => Party, { nullable: true, description: 'For PARTY_LEAVING: the party.' })
  party: Party | null;

  @Field(() => Art20Decision, { nullable: true, description: 'For ART20_EXPIRY: the decision.' })
  art20Decision: Art20Decision | null;
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

  @Field(() => String, { nullable: true, description: 'Why the police chief revoked it.' })
  revocationReason: string | null;
}
