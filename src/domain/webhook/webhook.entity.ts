import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';
import { CollaborationEntity } from '../collaboration/collaboration.entity.js';
import { MemberEntity } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';

/** What happened to a row: the operation of a change-feed event. */
export type ChangeOperation = 'created' | 'updated' | 'deleted';

/**
 * One committed change of the shared domain data (the transactional outbox, issue 10 item 3). Written only
 * by the database trigger `schakel_outbox_rows()` in the transaction of the change itself; its id is the
 * dedup key receivers use. It holds references, never content.
 */
@Entity('outbox_event')
export class OutboxEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'bigint', unique: true })
  seq: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  /** The table: case, case_participant, case_subject, information_item, case_phase_transition, case_meeting. */
  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'uuid' })
  entityId: string;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'uuid', nullable: true })
  collaborationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  /** An information item's category (so a deletion is decided by the policy as its item was). */
  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ type: 'text' })
  operation: ChangeOperation;

  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  @Column({ type: 'text', nullable: true })
  traceId: string | null;
}

/** An organisation's webhook for the changes of one collaboration, received for one purpose (O11). */
@Entity('webhook_subscription')
export class WebhookSubscriptionEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  organisation: OrganisationEntity;

  @Column({ type: 'uuid' })
  @Index()
  collaborationId: string;

  @ManyToOne(() => CollaborationEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  collaboration: CollaborationEntity;

  /** Who registered it: the member the disclosure log names as the recipient of its deliveries. */
  @Column({ type: 'uuid' })
  createdByMemberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  createdByMember: MemberEntity;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** A purpose key of the collaboration's policy: every delivery is decided and logged for it (O11, O12). */
  @Column({ type: 'text' })
  purpose: string;

  /** The HMAC-SHA256 signing secret. Not readable by the application role; shown once, at registration. */
  @Column({ type: 'text', select: false })
  secret: string;
}

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'SKIPPED';

/** One event for one subscription: delivered at least once, or failed after the last attempt. */
@Entity('webhook_delivery')
@Index(['subscriptionId', 'eventId'], { unique: true })
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid' })
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  subscription: WebhookSubscriptionEntity;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => OutboxEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  event: OutboxEventEntity;

  @Column({ type: 'text', default: 'PENDING' })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
