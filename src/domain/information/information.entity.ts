import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ExternalKeyedEntity } from '../../common/base.entity.js';
import { CaseEntity } from '../case/case.entity.js';
import { MemberEntity } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';
import { SubjectEntity } from '../subject/subject.entity.js';

/** O16: facts are kept apart from opinions and hypotheses. */
export enum InformationKind {
  FACT = 'FACT',
  OPINION = 'OPINION',
}

/** O22: whether the resident was informed beforehand, or an exception of Zeist 8.2 a–e applies. */
export enum InformedStatus {
  UNKNOWN = 'UNKNOWN',
  INFORMED = 'INFORMED',
  EXCEPTION = 'EXCEPTION',
  NOT_INFORMED = 'NOT_INFORMED',
}

/** O23: consent for parties with a care relationship, or a recorded weighing. */
export enum ConsentStatus {
  NOT_REQUIRED = 'NOT_REQUIRED',
  GIVEN = 'GIVEN',
  REFUSED = 'REFUSED',
  WEIGHED = 'WEIGHED',
  UNKNOWN = 'UNKNOWN',
}

/** O14: the provider decides how others may use its information. */
export enum SharingRestriction {
  NONE = 'NONE',
  NO_RESHARING = 'NO_RESHARING',
  CASE_MEETING_ONLY = 'CASE_MEETING_ONLY',
  PROVIDER_ONLY = 'PROVIDER_ONLY',
}

/** One piece of provided data about a subject in a case, with its provenance. */
@Entity('information_item')
@Index(['caseId', 'subjectId', 'category'])
export class InformationItemEntity extends ExternalKeyedEntity {
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

  /** A category key of categories.ts (police.identity, housing, …). */
  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'uuid' })
  providerOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  providerOrganisation: OrganisationEntity;

  @Column({ type: 'uuid', nullable: true })
  providerMemberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  providerMember: MemberEntity | null;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'enum', enum: InformationKind, enumName: 'information_kind', default: InformationKind.FACT })
  kind: InformationKind;

  /** The legal ground the provider relies on (required for special and criminal data, O17). */
  @Column({ type: 'text', nullable: true })
  legalGround: string | null;

  /**
   * O10: for police data, the provider's statement that no non-police source will do and that the data is accurate,
   * current, complete, relevant and not excessive (Privacyregeling art. 7.5–7.6). Required when police data is
   * provided (checkProvision); null for other categories and for police items provided before it was asked.
   */
  @Column({ type: 'text', nullable: true })
  policeJustification: string | null;

  @Column({ type: 'enum', enum: SharingRestriction, enumName: 'sharing_restriction', default: SharingRestriction.NONE })
  sharingRestriction: SharingRestriction;

  @Column({ type: 'enum', enum: InformedStatus, enumName: 'informed_status', default: InformedStatus.UNKNOWN })
  informedStatus: InformedStatus;

  @Column({ type: 'enum', enum: ConsentStatus, enumName: 'consent_status', default: ConsentStatus.UNKNOWN })
  consentStatus: ConsentStatus;

  /** O18 (ZVHD 12.2f): may others view it before a case meeting of the case has begun? The provider decides. */
  @Column({ type: 'boolean', default: true })
  viewableBeforeMeeting: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  providedAt: Date;

  /** AVG 18: restricted on the subject's request — kept, but disclosed to no one but its provider. */
  @Column({ type: 'timestamptz', nullable: true })
  restrictedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  restrictionReason: string | null;
}
