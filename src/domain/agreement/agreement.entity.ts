import { Column, Entity, Index, ManyToOne, OneToMany, JoinColumn, ManyToMany, JoinTable } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';
import { CollaborationEntity } from '../collaboration/collaboration.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';

export enum AgreementStatus {
  DRAFT = 'DRAFT',
  SIGNED = 'SIGNED',
  TERMINATED = 'TERMINATED',
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
}
