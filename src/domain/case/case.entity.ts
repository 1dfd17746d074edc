import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';
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
export class CaseEntity extends BaseEntity {
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
}
