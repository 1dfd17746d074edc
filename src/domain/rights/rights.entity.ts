import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';

/** The rights of AVG art. 15–21 a data subject can exercise across every party (O34). */
export enum RightsRequestKind {
  ACCESS = 'ACCESS',
  RECTIFICATION = 'RECTIFICATION',
  ERASURE = 'ERASURE',
  RESTRICTION = 'RESTRICTION',
  OBJECTION = 'OBJECTION',
}

/** Who exercises the right: O24 (Zeist 13.2–13.3) decides this by the subject's age. */
export enum RightsRequester {
  SUBJECT = 'SUBJECT',
  LEGAL_REPRESENTATIVE = 'LEGAL_REPRESENTATIVE',
  SUBJECT_AND_REPRESENTATIVE = 'SUBJECT_AND_REPRESENTATIVE',
}

export enum RightsPartyStatus {
  OPEN = 'OPEN',
  COMPLETED = 'COMPLETED',
  REFUSED = 'REFUSED',
}

export enum CorrectionKind {
  RECTIFICATION = 'RECTIFICATION',
  ERASURE = 'ERASURE',
  RESTRICTION = 'RESTRICTION',
}

export enum OrderKind {
  COURT_ORDER = 'COURT_ORDER',
  SUMMONS = 'SUMMONS',
  LEGAL_DUTY = 'LEGAL_DUTY',
  OTHER = 'OTHER',
}

/** O37 (privacy convenant 8.1): the only grounds for a disclosure to a third party (and O36: an order). */
export enum ThirdPartyGround {
  AGREED_INTERVENTION = 'AGREED_INTERVENTION',
  TRANSFER = 'TRANSFER',
  ORDER = 'ORDER',
}

/** A data subject's request, received by the collaboration's contact point (O34). */
@Entity('rights_request')
export class RightsRequestEntity extends BaseEntity {
  @Column({ type: 'uuid' }) collaborationId: string;
  @Column({ type: 'uuid' }) subjectId: string;
  @Column({ type: 'text' }) kind: RightsRequestKind;
  @Column({ type: 'timestamptz' }) receivedAt: Date;
  @Column({ type: 'uuid' }) receivingOrganisationId: string;
  @Column({ type: 'uuid' }) registeredById: string;
  @Column({ type: 'text' }) requestedBy: RightsRequester;
  @Column({ type: 'date' }) subjectBirthDate: string;
  @Column({ type: 'text', nullable: true }) representativeName: string | null;
  @Column({ type: 'text' }) description: string;
}

/** One responsible party's handling of a request: its status and deadline (AVG 12(3)). */
@Entity('rights_request_party')
export class RightsRequestPartyEntity extends BaseEntity {
  @Column({ type: 'uuid' }) requestId: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'text', default: RightsPartyStatus.OPEN }) status: RightsPartyStatus;
  @Column({ type: 'timestamptz' }) dueAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) extendedAt: Date | null;
  @Column({ type: 'text', nullable: true }) extensionReason: string | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ type: 'uuid', nullable: true }) handledById: string | null;
}

/** A rectification, erasure or restriction passed on to a party that received the data (O13, AVG 19). */
@Entity('correction_notice')
export class CorrectionNoticeEntity extends BaseEntity {
  @Column({ type: 'text' }) kind: CorrectionKind;
  /** Null is never stored; after an erasure the id names an item that no longer exists. */
  @Column({ type: 'uuid', nullable: true }) informationItemId: string | null;
  @Column({ type: 'text' }) category: string;
  @Column({ type: 'uuid' }) caseId: string;
  @Column({ type: 'uuid' }) subjectId: string;
  @Column({ type: 'uuid' }) providerOrganisationId: string;
  @Column({ type: 'uuid' }) recipientOrganisationId: string;
  @Column({ type: 'uuid', nullable: true }) rightsRequestId: string | null;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'timestamptz' }) notifiedAt: Date;
  @Column({ type: 'uuid' }) notifiedById: string;
  @Column({ type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) acknowledgedById: string | null;
}

/** A breach with the seven details of Walcheren AVG protocol art. 7 (i–vii) (O35). */
@Entity('data_breach')
export class DataBreachEntity extends BaseEntity {
  @Column({ type: 'uuid' }) collaborationId: string;
  @Column({ type: 'uuid' }) reportingOrganisationId: string;
  @Column({ type: 'uuid' }) reportedById: string;
  @Column({ type: 'timestamptz' }) discoveredAt: Date;
  @Column({ type: 'timestamptz' }) reportedAt: Date;
  /** (i) */ @Column({ type: 'text' }) description: string;
  /** (ii) */ @Column({ type: 'text', array: true }) dataTypes: string[];
  /** (iii) */ @Column({ type: 'int' }) affectedCount: number;
  /** (iv) */ @Column({ type: 'text' }) affectedPersons: string;
  /** (v) */ @Column({ type: 'text' }) measures: string;
  /** (vi) */ @Column({ type: 'text' }) cause: string;
  /** (vii) */ @Column({ type: 'timestamptz' }) startedAt: Date;
  /** (vii) */ @Column({ type: 'timestamptz', nullable: true }) endedAt: Date | null;
}

/** A party's side of a breach: informed (due 48 h after discovery), acknowledged, its notice to the authority. */
@Entity('breach_party')
export class BreachPartyEntity extends BaseEntity {
  @Column({ type: 'uuid' }) breachId: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'boolean', default: false }) reporter: boolean;
  @Column({ type: 'timestamptz', nullable: true }) notifiedAt: Date | null;
  @Column({ type: 'timestamptz' }) dueAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) acknowledgedById: string | null;
  @Column({ type: 'timestamptz', nullable: true }) authorityNotifiedAt: Date | null;
  @Column({ type: 'text', nullable: true }) authorityReference: string | null;
  @Column({ type: 'text', nullable: true }) authorityNote: string | null;
  @Column({ type: 'uuid', nullable: true }) authorityRecordedById: string | null;
}

/** A court order, summons or legal duty to disclose to a third party (O36, Walcheren AVG art. 5). */
@Entity('third_party_order')
export class ThirdPartyOrderEntity extends BaseEntity {
  @Column({ type: 'uuid' }) collaborationId: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) registeredById: string;
  @Column({ type: 'text' }) kind: OrderKind;
  @Column({ type: 'text' }) thirdParty: string;
  @Column({ type: 'text' }) legalBasis: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'uuid', nullable: true }) subjectId: string | null;
  @Column({ type: 'timestamptz' }) receivedAt: Date;
  @Column({ type: 'timestamptz' }) registeredAt: Date;
  @Column({ type: 'timestamptz' }) dueAt: Date;
}

@Entity('order_party')
export class OrderPartyEntity extends BaseEntity {
  @Column({ type: 'uuid' }) orderId: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'timestamptz' }) notifiedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) acknowledgedById: string | null;
}

/** A disclosure outside the collaboration (O37): only for an agreed intervention, a transfer, or an order (O36). */
@Entity('third_party_disclosure')
export class ThirdPartyDisclosureEntity extends BaseEntity {
  @Column({ type: 'uuid' }) collaborationId: string;
  @Column({ type: 'uuid' }) caseId: string;
  @Column({ type: 'uuid' }) subjectId: string;
  @Column({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'uuid' }) memberId: string;
  @Column({ type: 'text' }) thirdParty: string;
  @Column({ type: 'text' }) ground: ThirdPartyGround;
  @Column({ type: 'uuid', nullable: true }) interventionId: string | null;
  @Column({ type: 'uuid', nullable: true }) orderId: string | null;
  @Column({ type: 'text', array: true }) categories: string[];
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'timestamptz' }) disclosedAt: Date;
}
