import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../common/base.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';

export enum MemberRole {
  MEMBER = 'MEMBER',
  PROCESS_DIRECTOR = 'PROCESS_DIRECTOR',
  CASE_DIRECTOR = 'CASE_DIRECTOR',
  COORDINATOR = 'COORDINATOR',
  PRIVACY_OFFICER = 'PRIVACY_OFFICER',
  POLICE_OFFICER = 'POLICE_OFFICER',
  /** A party's delegate to the steering group (stuurgroep), which decides on accession, amendments and exclusion. */
  STEERING_GROUP = 'STEERING_GROUP',
  /** The police chief or the one mandated by the chief: issues, extends and revokes art. 20 decisions (besluit §6). */
  POLICE_CHIEF = 'POLICE_CHIEF',
  SERVICE_ACCOUNT = 'SERVICE_ACCOUNT',
}

/** A professional of a partner organisation (medewerker). Authenticated by `login` (the token subject). */
@Entity('member')
export class MemberEntity extends BaseEntity {
  @Column({ type: 'text', unique: true })
  login: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation: OrganisationEntity;

  /** The member's function in words: wijkagent, woonconsulent, opbouwwerker, procesregisseur, … */
  @Column({ type: 'text' })
  function: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: MemberRole[];
}
