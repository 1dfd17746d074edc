import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity, ExternalKeyedEntity } from '../../common/base.entity.js';
import { CollaborationEntity } from '../collaboration/collaboration.entity.js';
import { MemberEntity } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';

export enum CaseKind {
  INDIVIDUAL = 'INDIVIDUAL',
  COLLECTIVE = 'COLLECTIVE',
  PROJECT = 'PROJECT',
}

/** Phases of ZVHD bijlage 3 (O27). */
export enum CasePhase {
  INTAKE = 'INTAKE',
  TRIAGE = 'TRIAGE',
  CASE_MEETING = 'CASE_MEETING',
  ACTION_PLAN = 'ACTION_PLAN',
  MONITORING = 'MONITORING',
  DE_ESCALATED = 'DE_ESCALATED',
  REFERRED = 'REFERRED',
  CLOSED = 'CLOSED',
}

/** The outcomes of ZVHD bijlage 3 that a transition records (O27). */
export enum CaseOutcome {
  /** "In behandeling genomen": the case goes on to the next step. */
  TAKEN_ON = 'TAKEN_ON',
  /** "Verwijst door naar een ander samenwerkingsverband", the process director gives advice. */
  REFERRED_WITH_ADVICE = 'REFERRED_WITH_ADVICE',
  /** "Niet in behandeling genomen" / "blijkt alsnog niet thuis te horen". */
  NOT_SUITABLE = 'NOT_SUITABLE',
  /** "Besloten tot afschalen": the dossier is then cleaned (O30). */
  DE_ESCALATED = 'DE_ESCALATED',
}

/** ZVHD bijlage 2: the criteria of complex casuistry (O28). */
export enum ComplexCaseCriterion {
  /** Ernstige lokale of gebiedsgebonden veiligheidsproblematiek die een ketenoverstijgende aanpak vraagt. */
  LOCAL_SAFETY_PROBLEM = 'LOCAL_SAFETY_PROBLEM',
  /** Beïnvloed door en impact op het (gezins)systeem en/of de directe sociale leefomgeving. */
  SYSTEM_IMPACT = 'SYSTEM_IMPACT',
  /** Samenwerking tussen meerdere ketens (minimaal dwang en drang) is nodig. */
  MULTIPLE_CHAINS_NEEDED = 'MULTIPLE_CHAINS_NEEDED',
  /** Meerdere problemen op meer dan één leefgebied, leidend tot crimineel/overlastgevend gedrag of afglijden. */
  MULTI_PROBLEM = 'MULTI_PROBLEM',
}

export enum LifeDomain {
  WONEN = 'WONEN',
  FINANCIEN = 'FINANCIEN',
  GEZONDHEID = 'GEZONDHEID',
  MEEDOEN = 'MEEDOEN',
  VEILIGHEID = 'VEILIGHEID',
  ZELFREDZAAMHEID = 'ZELFREDZAAMHEID',
}

export enum ParticipantRole {
  PARTNER = 'PARTNER',
  AD_HOC = 'AD_HOC',
}

/** A casus. */
@Entity('case')
@Index(['collaborationId', 'reference'], { unique: true })
@Index(['collaborationId', 'createdAt', 'id'])
export class CaseEntity extends ExternalKeyedEntity {
  @Column({ type: 'uuid' })
  collaborationId: string;

  @ManyToOne(() => CollaborationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  collaboration: CollaborationEntity;

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text', default: '' })
  title: string;

  @Column({ type: 'enum', enum: CaseKind, enumName: 'case_kind' })
  kind: CaseKind;

  @Column({ type: 'enum', enum: CasePhase, enumName: 'case_phase', default: CasePhase.INTAKE })
  phase: CasePhase;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  lifeDomains: LifeDomain[];

  /** The organisation that reported the case (aanmelder). */
  @Column({ type: 'uuid', nullable: true })
  reportingOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  reportingOrganisation: OrganisationEntity | null;

  @Column({ type: 'uuid', nullable: true })
  processDirectorId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  processDirector: MemberEntity | null;

  @Column({ type: 'uuid', nullable: true })
  caseDirectorId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  caseDirector: MemberEntity | null;
}

/**
 * Who takes part in a case (O6). A PARTNER participation covers the organisation's members; an AD_HOC
 * participation (agendadeelnemer, O8/O20) names the one member invited.
 */
@Entity('case_participant')
@Index(['caseId', 'organisationId', 'memberId'], { unique: true, where: 'member_id IS NOT NULL' })
@Index(['caseId', 'organisationId'], { unique: true, where: 'member_id IS NULL' })
@Index(['organisationId', 'caseId'])
export class CaseParticipantEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  case: CaseEntity;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation: OrganisationEntity;

  @Column({ type: 'uuid', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  member: MemberEntity | null;

  @Column({ type: 'enum', enum: ParticipantRole, enumName: 'participant_role' })
  role: ParticipantRole;

  @Column({ type: 'uuid', nullable: true })
  invitedById: string | null;

  /**
   * AD_HOC only: when the signed confidentiality statement was recorded, with the legal ground it states
   * (O20; Zeist art. 11, bijlage 1.a). Until then the invitation gives no access.
   */
  @Column({ type: 'timestamptz', nullable: true })
  confidentialitySignedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  confidentialityLegalGround: string | null;

  @Column({ type: 'uuid', nullable: true })
  confidentialityRecordedById: string | null;
}

/** One step of a case through the work process (O27): who took it, when, why, with which outcome. */
@Entity('case_phase_transition')
@Index(['caseId', 'at'])
export class CasePhaseTransitionEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  case: CaseEntity;

  @Column({ type: 'enum', enum: CasePhase, enumName: 'case_phase' })
  fromPhase: CasePhase;

  @Column({ type: 'enum', enum: CasePhase, enumName: 'case_phase' })
  toPhase: CasePhase;

  @Column({ type: 'enum', enum: CaseOutcome, enumName: 'case_outcome' })
  outcome: CaseOutcome;

  @Column({ type: 'text' })
  reason: string;

  /** Advice to the reporting party when referred elsewhere (ZVHD bijlage 3). */
  @Column({ type: 'text', nullable: true })
  advice: string | null;

  @Column({ type: 'uuid' })
  byMemberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  byMember: MemberEntity;

  /** The request's moment (`ctx.now`). */
  @Column({ type: 'timestamptz' })
  at: Date;

  /** ZVHD: the bijlage 2 criteria found met when the case was taken on at intake (O28). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  complexCaseCriteria: ComplexCaseCriterion[];
}
