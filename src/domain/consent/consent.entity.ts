import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';
import { CaseEntity } from '../case/case.entity.js';
import { ConsentStatus, InformedStatus } from '../information/information.entity.js';
import { MemberEntity } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';
import { SubjectEntity } from '../subject/subject.entity.js';

/** Zeist Privacyregeling art. 8.2 a–e, and the recorded deviation in an exceptional safety situation (O26). */
export enum InformingException {
  /** a. de veiligheid van de Staat */
  STATE_SECURITY = 'STATE_SECURITY',
  /** b. de voorkoming, opsporing en vervolging van strafbare feiten */
  CRIME_PREVENTION = 'CRIME_PREVENTION',
  /** c. gewichtige economische en financiële belangen van de staat en andere openbare lichamen */
  ECONOMIC_INTEREST = 'ECONOMIC_INTEREST',
  /** d. het toezicht op de naleving van wettelijke voorschriften t.b.v. a–c */
  SUPERVISION = 'SUPERVISION',
  /** e. de bescherming van de betrokkene of van de rechten en vrijheden van anderen */
  PROTECTION = 'PROTECTION',
  /** Handreiking 8: afwijken in een uitzonderlijke veiligheidssituatie, vastgelegd (O26). */
  SAFETY_DEVIATION = 'SAFETY_DEVIATION',
}

/** Zeist art. 13.2–13.3: under 12 the legal representative, 12 up to 16 both, from 16 the resident (O24). */
export enum AgeBand {
  UNDER_12 = 'UNDER_12',
  FROM_12_TO_16 = 'FROM_12_TO_16',
  FROM_16 = 'FROM_16',
}

export enum Representation {
  SUBJECT = 'SUBJECT',
  LEGAL_REPRESENTATIVE = 'LEGAL_REPRESENTATIVE',
  SUBJECT_AND_REPRESENTATIVE = 'SUBJECT_AND_REPRESENTATIVE',
}

/** Who is informed or consents for a subject of this age band (O24). */
export const REPRESENTATION_BY_AGE: Record<AgeBand, Representation> = {
  [AgeBand.UNDER_12]: Representation.LEGAL_REPRESENTATIVE,
  [AgeBand.FROM_12_TO_16]: Representation.SUBJECT_AND_REPRESENTATIVE,
  [AgeBand.FROM_16]: Representation.SUBJECT,
};

abstract class SubjectRecord extends BaseEntity {
  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  case: CaseEntity;

  @Column({ type: 'uuid' })
  subjectId: string;

  @ManyToOne(() => SubjectEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  subject: SubjectEntity;

  /** The providing party whose sharing this record covers. */
  @Column({ type: 'uuid' })
  providerOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  providerOrganisation: OrganisationEntity;

  @Column({ type: 'text', nullable: true })
  ageBand: AgeBand | null;

  @Column({ type: 'text', nullable: true })
  representation: Representation | null;

  @Column({ type: 'uuid' })
  recordedById: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}

/**
 * Informing the resident (O22; Zeist art. 8): informed beforehand (when, how), or an exception of
 * 8.2 a–e (or a safety deviation, O26) with the party appointed to inform afterwards (8.3), or not
 * informed. The latest record per (case, subject, provider) sets the provider's items' `informed_status`.
 */
@Entity('informing_record')
@Index(['caseId', 'subjectId', 'providerOrganisationId', 'recordedAt'])
export class InformingRecordEntity extends SubjectRecord {
  @Column({ type: 'enum', enum: InformedStatus, enumName: 'informed_status' })
  status: InformedStatus;

  @Column({ type: 'timestamptz', nullable: true })
  informedAt: Date | null;

  /** How: mondeling, brief, … */
  @Column({ type: 'text', nullable: true })
  method: string | null;

  @Column({ type: 'text', nullable: true })
  exceptionGround: InformingException | null;

  /** Why informing beforehand was not possible (8.3); required for a safety deviation (O26). */
  @Column({ type: 'text', nullable: true })
  explanation: string | null;

  @Column({ type: 'uuid', nullable: true })
  informsAfterwardsOrganisationId: string | null;
}

/**
 * Consent for a party with a care relationship (O23; Zeist art. 9): given or refused by whom the age
 * band requires (O24), or a recorded weighing of a compelling interest (9.2). The latest record per
 * (case, subject, provider) sets the provider's items' `consent_status`.
 */
@Entity('consent_record')
@Index(['caseId', 'subjectId', 'providerOrganisationId', 'recordedAt'])
export class ConsentRecordEntity extends SubjectRecord {
  @Column({ type: 'enum', enum: ConsentStatus, enumName: 'consent_status' })
  status: ConsentStatus;

  /** The weighing (WEIGHED) or why no consent is needed (NOT_REQUIRED). */
  @Column({ type: 'text', nullable: true })
  explanation: string | null;
}
