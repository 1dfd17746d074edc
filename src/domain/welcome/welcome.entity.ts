import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';

/** The six areas of SMART results in a Welkom in de Wijk Overeenkomst (Walcheren werkafspraken 4.2). */
export enum WelcomeArea {
  CARE = 'CARE',
  FINANCE = 'FINANCE',
  DAY_ACTIVITIES = 'DAY_ACTIVITIES',
  NETWORK = 'NETWORK',
  HOUSING_RULES = 'HOUSING_RULES',
  NEIGHBOURLINESS = 'NEIGHBOURLINESS',
}

/** The data category a goal of each area is kept under, so the collaboration's policy decides who reads it. */
export const CATEGORY_OF_AREA: Record<WelcomeArea, string> = {
  [WelcomeArea.CARE]: 'care',
  [WelcomeArea.FINANCE]: 'finance',
  [WelcomeArea.DAY_ACTIVITIES]: 'participation',
  [WelcomeArea.NETWORK]: 'participation',
  [WelcomeArea.HOUSING_RULES]: 'housing',
  [WelcomeArea.NEIGHBOURLINESS]: 'housing',
};

/** Walcheren werkafspraken 8.1: a temporary lease by default, intermediary by exception; 9.2–9.4 permanent. */
export enum LeaseType {
  TEMPORARY = 'TEMPORARY',
  INTERMEDIARY = 'INTERMEDIARY',
  PERMANENT = 'PERMANENT',
}

/** A client's Welkom in de Wijk Overeenkomst (O25, O31): procedural facts only; the goals are information items. */
@Entity('welcome_agreement')
export class WelcomeAgreementEntity extends BaseEntity {
  @Column({ type: 'uuid', unique: true })
  caseId: string;

  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'date' })
  startDate: string;

  /** O25: the client's consent clause (art. 3) is part of the agreement, signed on this day. */
  @Column({ type: 'date' })
  consentClauseSignedOn: string;

  @Column({ type: 'text' })
  leaseType: LeaseType;

  @Column({ type: 'date', nullable: true })
  permanentSince: string | null;

  @Column({ type: 'date', nullable: true })
  evaluationHeldOn: string | null;

  @Column({ type: 'text', array: true })
  goalAreas: WelcomeArea[];

  @Column({ type: 'uuid' })
  recordedById: string;
}

/** Rent arrears signalled by the corporation to the home team (Walcheren werkafspraken 5.3, O31). */
@Entity('rent_arrears_signal')
export class RentArrearsSignalEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'date' })
  aroseOn: string;

  /** When it reached the home team: recorded in the case, which the home team's partners share. */
  @Column({ type: 'timestamptz' })
  reportedAt: Date;

  @Column({ type: 'uuid' })
  providerOrganisationId: string;

  /** The finance item reported with it: the signal is shown as that item is (null: shown to its corporation only). */
  @Column({ type: 'uuid', nullable: true })
  informationItemId: string | null;

  @Column({ type: 'uuid' })
  reportedById: string;
}
