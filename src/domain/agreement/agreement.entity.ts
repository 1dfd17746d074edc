import { Column, Entity, Index, ManyToOne, OneToMany, JoinColumn, ManyToMany, JoinTable } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';
import { CollaborationEntity } from '../collaboration/collaboration.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';

export enum AgreementStatus {
  DRAFT = 'DRAFT',
  SIGNED = 'SIGNED',
  TERMINATED = 'TERMINATED',
}

/** How an amendment takes effect: re-signed by every party (De Wolden 16.2) or by addendum (ZVHD 23.2). */
export enum AmendmentProcedure {
  RESIGN = 'RESIGN',
  ADDENDUM = 'ADDENDUM',
}

/** Why a party left an agreement (O4, O40). */
export enum PartyExitReason {
  /** Written notice, effective after the notice period (De Wolden 14.4, ZVHD 25.2). */
  NOTICE = 'NOTICE',
  /** Excluded by the steering group after default, with immediate effect (De Wolden 14.2, ZVHD 25.3). */
  EXCLUSION = 'EXCLUSION',
  /** Rejected an amendment and left when it took effect (De Wolden 16.3, ZVHD 23.3). */
  REJECTED_AMENDMENT = 'REJECTED_AMENDMENT',
  /** The agreement itself was terminated. */
  TERMINATION = 'TERMINATION',
}

/** A convenant, with its lifecycle terms (O2). */
@Entity('agreement')
@Index(['collaborationId', 'title', 'version'], { unique: true })
export class AgreementEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  collaborationId: string;

  @ManyToOne(() => CollaborationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  collaboration: CollaborationEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  version: string;

  @Column({ type: 'enum', enum: AgreementStatus, enumName: 'agreement_status', default: AgreementStatus.DRAFT })
  status: AgreementStatus;

  @Column({ type: 'date', nullable: true })
  effectiveDate: string | null;

  @Column({ type: 'int', nullable: true })
  minimumTermMonths: number | null;

  /** The renewal clause in words (e.g. "stilzwijgend met 1 jaar, maximaal 4 keer", De Wolden 14.1). */
  @Column({ type: 'text', nullable: true })
  renewalRule: string | null;

  @Column({ type: 'int', nullable: true })
  renewalPeriodMonths: number | null;

  @Column({ type: 'int', nullable: true })
  maxRenewals: number | null;

  @Column({ type: 'int', nullable: true })
  noticePeriodMonths: number | null;

  @Column({ type: 'date', array: true, default: () => "'{}'" })
  evaluationDates: string[];

  /** The version of the collaboration's access policy this agreement version activates (e.g. `1.0.0`). */
  @Column({ type: 'text', nullable: true })
  policyVersion: string | null;

  /** The version this one amends; it ends when this one takes effect (O4). */
  @Column({ type: 'uuid', nullable: true })
  supersedesId: string | null;

  @Column({ type: 'enum', enum: AmendmentProcedure, enumName: 'amendment_procedure', default: AmendmentProcedure.RESIGN })
  amendmentProcedure: AmendmentProcedure;

  /** What the steering group decided to change (for an amendment). */
  @Column({ type: 'text', nullable: true })
  amendmentSummary: string | null;

  /** For an amendment by addendum: who signed it (chair of the steering group and manager, ZVHD 23.2). */
  @Column({ type: 'text', nullable: true })
  addendumSignedBy: string | null;

  /** When every required signature was there and the version took effect. */
  @Column({ type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  terminatedAt: Date | null;

  /** Notes of the steering group; readable only by governance roles. */
  @Column({ type: 'text', nullable: true })
  internalNotes: string | null;

  @OneToMany(() => PartyEntity, (p) => p.agreement)
  parties: PartyEntity[];
}

/** An organisation taking part in an agreement, with its representative and signature (O1). */
@Entity('party')
@Index(['agreementId', 'organisationId'], { unique: true })
export class PartyEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  agreementId: string;

  @ManyToOne(() => AgreementEntity, (a) => a.parties, { onDelete: 'CASCADE' })
  @JoinColumn()
  agreement: AgreementEntity;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation: OrganisationEntity;

  @Column({ type: 'text', nullable: true })
  representative: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  signedAt: Date | null;

  /** This party rejected the amendment this agreement version is (O4); it leaves when it takes effect. */
  @Column({ type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  noticeGivenAt: Date | null;

  /** From this moment on the party has no access (O40); may lie in the future (notice period). */
  @Column({ type: 'timestamptz', nullable: true })
  leftAt: Date | null;

  @Column({ type: 'enum', enum: PartyExitReason, enumName: 'party_exit_reason', nullable: true })
  exitReason: PartyExitReason | null;

  @Column({ type: 'text', nullable: true })
  exitNote: string | null;
}

/** Besluit art. 20 Wpg: the police chief's decision to share police data in a collaboration (O5). */
@Entity('art20_decision')
export class Art20DecisionEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  agreementId: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  agreement: AgreementEntity;

  @Column({ type: 'text' })
  issuingUnit: string;

  @Column({ type: 'text' })
  compellingPublicInterest: string;

  @Column({ type: 'text' })
  purpose: string;

  /** Category keys granted (police.identity … police.special). */
  @Column({ type: 'text', array: true })
  categoriesGranted: string[];

  @Column({ type: 'text' })
  conditions: string;

  @ManyToMany(() => PartyEntity)
  @JoinTable({ name: 'art20_decision_recipient', joinColumn: { name: 'decision_id' }, inverseJoinColumn: { name: 'party_id' } })
  recipients: PartyEntity[];

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date' })
  validUntil: string;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedById: string | null;

  @Column({ type: 'text', nullable: true })
  revocationReason: string | null;
}

/** The written evaluation an art. 20 decision's extension rests on (besluit §6). */
@Entity('art20_evaluation')
export class Art20EvaluationEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  decisionId: string;

  @ManyToOne(() => Art20DecisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  decision: Art20DecisionEntity;

  @Column({ type: 'date' })
  evaluatedOn: string;

  /** Whether the ground for providing the data still exists, in writing. */
  @Column({ type: 'text' })
  report: string;

  @Column({ type: 'date' })
  previousValidUntil: string;

  @Column({ type: 'date' })
  extendedUntil: string;

  @Column({ type: 'uuid' })
  recordedById: string;
}

/** A held evaluation of an agreement (De Wolden 19, privacy convenant 15.1, Walcheren 7.2) (O2). */
@Entity('agreement_evaluation')
@Index(['agreementId', 'dueDate'], { unique: true })
export class AgreementEvaluationEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  agreementId: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  agreement: AgreementEntity;

  /** The evaluation date of the agreement this evaluation answers. */
  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'date' })
  heldOn: string;

  @Column({ type: 'text' })
  report: string;

  @Column({ type: 'uuid' })
  recordedById: string;
}

export enum AccessionStatus {
  /** Written request received; every party informed and asked for its approval. */
  REQUESTED = 'REQUESTED',
  /** The steering group accepted, after every party approved; the accession form is yet to be signed. */
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  /** The accession form is signed: the organisation is a party from then on. */
  COMPLETED = 'COMPLETED',
}

/** An organisation's written request to accede to an agreement (De Wolden 15, ZVHD 22) (O3). */
@Entity('accession_request')
export class AccessionRequestEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  agreementId: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  agreement: AgreementEntity;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation: OrganisationEntity;

  @Column({ type: 'text' })
  representative: string;

  /** The written request (its text or a summary with its reference). */
  @Column({ type: 'text' })
  requestText: string;

  @Column({ type: 'date' })
  receivedOn: string;

  @Column({ type: 'uuid' })
  registeredById: string;

  @Column({ type: 'enum', enum: AccessionStatus, enumName: 'accession_status', default: AccessionStatus.REQUESTED })
  status: AccessionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  formSignedAt: Date | null;

  /** Who signed the accession form: the acceding organisation and the chair of the steering group. */
  @Column({ type: 'text', nullable: true })
  formSignedBy: string | null;

  /** The party the accession made. */
  @Column({ type: 'uuid', nullable: true })
  partyId: string | null;
}

/** One party's approval of an accession; the row is made when the party is informed (O3). */
@Entity('accession_approval')
@Index(['requestId', 'organisationId'], { unique: true })
export class AccessionApprovalEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => AccessionRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  request: AccessionRequestEntity;

  /** The party organisation asked. */
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'timestamptz' })
  notifiedAt: Date;

  /** null while the party has not answered. */
  @Column({ type: 'boolean', nullable: true })
  approved: boolean | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  answeredById: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
