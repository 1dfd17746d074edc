import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';

/** A samenwerkingsverband: the partners working together under one or more agreements. */
@Entity('collaboration')
export class CollaborationEntity extends BaseEntity {
  /** Stable short name used in policy file names and references (e.g. `zeist`). */
  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'text' })
  purpose: string;

  /** The one contact point for data subjects' requests (O34); null: any party's privacy officer. */
  @Column({ type: 'uuid', nullable: true })
  rightsContactOrganisationId: string | null;
}
