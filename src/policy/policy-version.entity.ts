import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../common/base.entity.js';
import { CollaborationEntity } from '../domain/collaboration/collaboration.entity.js';

/**
 * A policy file as loaded: its version, effective date, content hash and full text, so that every
 * decision can name the policy version it used and a privacy officer can read exactly that text.
 */
@Entity('policy_version')
@Index('UQ_policy_version_collaboration_version', ['collaborationId', 'version'], { unique: true })
export class PolicyVersionEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  collaborationId: string;

  @ManyToOne(() => CollaborationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_policy_version_collaboration' })
  collaboration: CollaborationEntity;

  @Column({ type: 'text' })
  version: string;

  @Column({ type: 'date' })
  effectiveDate: string;

  /** sha256 of the file. */
  @Column({ type: 'text' })
  contentHash: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  fileName: string;
}
