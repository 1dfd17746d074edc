import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';

export enum AgeCategory {
  AGE_18_22 = 'AGE_18_22',
  AGE_23_29 = 'AGE_23_29',
  AGE_30_49 = 'AGE_30_49',
  AGE_50_PLUS = 'AGE_50_PLUS',
}

/** One client's outflow as the monitor counts it (O32; Walcheren bijlage 3). */
@Entity('outflow_record')
export class OutflowRecordEntity extends BaseEntity {
  @Column({ type: 'uuid', unique: true })
  caseId: string;

  @Column({ type: 'uuid' })
  collaborationId: string;

  @Column({ type: 'text' })
  targetGroup: string;

  @Column({ type: 'text' })
  facility: string;

  @Column({ type: 'text' })
  municipalityOfOrigin: string;

  @Column({ type: 'text' })
  ageCategory: AgeCategory;

  @Column({ type: 'int' })
  waitingDays: number;

  @Column({ type: 'boolean', default: false })
  relapse: boolean;

  @Column({ type: 'date' })
  outflowOn: string;

  @Column({ type: 'uuid' })
  recordedById: string;
}
