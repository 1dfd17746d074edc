import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';

export enum ComplaintStatus {
  OPEN = 'OPEN',
  HANDLED = 'HANDLED',
}

/**
 * A complaint about how a member of the team treated someone (O33; De Wolden samenwerkingsconvenant art. 10): filed
 * with any party, handled by the party whose member it concerns (forwarded to it when another party received it) under
 * that party's own complaints procedure, and its outcome always made known to the coordinator.
 */
@Entity('complaint')
export class ComplaintEntity extends BaseEntity {
  @Column({ type: 'uuid' }) collaborationId: string;
  /** The case it arose in, if any. */
  @Column({ type: 'uuid', nullable: true }) caseId: string | null;
  /** The party that received it (art. 10.2) and who registered it there. */
  @Column({ type: 'uuid' }) receivingOrganisationId: string;
  @Column({ type: 'uuid' }) registeredById: string;
  /** The party whose member it concerns: it handles the complaint (art. 10.3–10.4). */
  @Column({ type: 'uuid' }) responsibleOrganisationId: string;
  /** The member it concerns, if named: never one who handles it. */
  @Column({ type: 'uuid', nullable: true }) concernsMemberId: string | null;
  @Column({ type: 'timestamptz' }) receivedAt: Date;
  /** When it went to the responsible party, if another party received it (art. 10.3). */
  @Column({ type: 'timestamptz', nullable: true }) forwardedAt: Date | null;
  /** What the complaint is about: no more personal data than handling it needs. */
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'text', default: ComplaintStatus.OPEN }) status: ComplaintStatus;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ type: 'timestamptz', nullable: true }) handledAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) handledById: string | null;
  /** When a coordinator of the collaboration took note of the outcome (art. 10.5). */
  @Column({ type: 'timestamptz', nullable: true }) coordinatorInformedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) coordinatorInformedById: string | null;
}
