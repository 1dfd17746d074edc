import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity, ExternalKeyedEntity } from '../../common/base.entity.js';
import { CaseEntity } from '../case/case.entity.js';

/**
 * A betrokkene. The record itself holds only a pseudonym; everything known about the person is
 * provided data (InformationItem) with its provenance.
 */
@Entity('subject')
export class SubjectEntity extends ExternalKeyedEntity {
  @Column({ type: 'text', unique: true })
  pseudonym: string;

  /**
   * The organisation that created the subject with its external key (an upsert or import): the key is that
   * organisation's, and only it changes the subject through it (EXTERNAL_KEY_TAKEN for any other). Null for a
   * subject without a key. Migration 1795720000000-SubjectSourceOrganisation.
   */
  @Column({ type: 'uuid', nullable: true })
  sourceOrganisationId: string | null;
}

/** A subject taking part in a case. */
@Entity('case_subject')
@Index(['caseId', 'subjectId'], { unique: true })
@Index(['subjectId'])
export class CaseSubjectEntity extends BaseEntity {
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

  /** e.g. "hoofdbewoner", "partner", "kind". */
  @Column({ type: 'text', nullable: true })
  roleInCase: string | null;
}
