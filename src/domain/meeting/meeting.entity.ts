import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';
import { CaseEntity } from '../case/case.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';
import { SubjectEntity } from '../subject/subject.entity.js';

/** A casusoverleg (O29). */
@Entity('case_meeting')
export class CaseMeetingEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  case: CaseEntity;

  @Column({ type: 'timestamptz' })
  scheduledAt: Date;

  @Column({ type: 'text', default: '' })
  agenda: string;

  @Column({ type: 'text', nullable: true })
  decisions: string | null;

  /** The organisations taking part in the case that attend (ZVHD 9.4: procesregisseur met ketenpartners). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  attendeeOrganisationIds: string[];

  /** When the decisions were recorded: the meeting has been held. */
  @Column({ type: 'timestamptz', nullable: true })
  heldAt: Date | null;
}

/** An actiepunt of a meeting. O19: lists carry only name/address and, if needed, contact details. */
@Entity('action_item')
export class ActionItemEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => CaseMeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  meeting: CaseMeetingEntity;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'uuid', nullable: true })
  assigneeOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  assigneeOrganisation: OrganisationEntity | null;

  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @ManyToOne(() => SubjectEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  subject: SubjectEntity | null;

  @Column({ type: 'date', nullable: true })
  dueDate: string | null;
}

/** The plan van aanpak of a case (O29). */
@Entity('action_plan')
export class ActionPlanEntity extends BaseEntity {
  @Column({ type: 'uuid', unique: true })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  case: CaseEntity;

  @Column({ type: 'text' })
  goals: string;
}

/** An interventie of one party in an action plan, with that party's information need (O29). */
@Entity('intervention')
export class InterventionEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  actionPlanId: string;

  @ManyToOne(() => ActionPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  actionPlan: ActionPlanEntity;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation: OrganisationEntity;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', nullable: true })
  informationNeed: string | null;
}
