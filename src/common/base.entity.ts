import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Every row: a uuid and when it was made and last changed. */
export abstract class BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * A row a partner's registration system may push (issue 10): its key there, (source system, external id),
 * unique per table when set, and a version that goes up by one on every real change of the row (a database
 * trigger keeps it, and `updatedAt`, true for every code path; migration 1795600000000-ExternalKeys).
 */
export abstract class ExternalKeyedEntity extends BaseEntity {
  @Column({ type: 'text', nullable: true })
  sourceSystem: string | null;

  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;
}
