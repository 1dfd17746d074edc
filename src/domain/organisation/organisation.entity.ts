import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';
import { Sector } from './sector.js';

/** An organisation that can be a party to agreements (O1: name, sector, seat/address). */
@Entity('organisation')
export class OrganisationEntity extends BaseEntity {
  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'enum', enum: Sector, enumName: 'sector' })
  sector: Sector;

  @Column({ type: 'text', nullable: true })
  address: string | null;
}
