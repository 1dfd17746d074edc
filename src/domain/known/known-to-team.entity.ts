import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';

/** One "is this resident known to your team?" question and its yes/no (O21). Append-only. */
@Entity('known_to_team_query')
@Index(['caseId', 'askedAt'])
export class KnownToTeamQueryEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  caseId: string;

  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'uuid' })
  askedOrganisationId: string;

  @Column({ type: 'uuid' })
  askedById: string;

  @Column({ type: 'timestamptz' })
  askedAt: Date;

  @Column({ type: 'boolean' })
  known: boolean;
}
