import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from '../../common/scalars.js';
import { ConsentStatus, InformedStatus } from '../information/information.entity.js';
import { AgeBand, InformingException, Representation } from './consent.entity.js';

registerEnumType(InformingException, { name: 'InformingException', description: 'Zeist 8.2 a–e, or a recorded safety deviation (O26).' });
registerEnumType(AgeBand, { name: 'AgeBand', description: 'Zeist 13.2: under 12, 12 up to 16, from 16 (O24).' });
registerEnumType(Representation, { name: 'Representation', description: 'Who was informed or consented (O24).' });

@ObjectType({ description: 'How a providing party informed the subject (O22). Explanations only for the provider itself.' })
export class InformingRecord {
  @Field(() => ID)
  id: string;

  @Field(() => InformedStatus)
  status: InformedStatus;

  @Field(() => AgeBand, { nullable: true })
  ageBand: AgeBand | null;

  @Field(() => Representation, { nullable: true })
  representation: Representation | null;

  @Field(() => DateTime, { nullable: true })
  informedAt: Date | null;

  @Field(() => String, { nullable: true })
  method: string | null;

  @Field(() => InformingException, { nullable: true })
  exceptionGround: InformingException | null;

  @Field(() => String, { nullable: true, description: 'Why not beforehand (8.3): told to the recipients.' })
  explanation: string | null;

  @Field(() => DateTime)
  recordedAt: Date;

  caseId: string;
  subjectId: string;
  providerOrganisationId: string;
  informsAfterwardsOrganisationId: string | null;
}

@ObjectType({ description: 'Consent, or a weighing, of a providing party (O23). The weighing only for the provider itself.' })
export class ConsentRecord {
  @Field(() => ID)
  id: string;

  @Field(() => ConsentStatus)
  status: ConsentStatus;

  @Field(() => AgeBand, { nullable: true })
  ageBand: AgeBand | null;

  @Field(() => Representation, { nullable: true })
  representation: Representation | null;

  explanation: string | null;

  @Field(() => DateTime)
  recordedAt: Date;

  caseId: string;
  subjectId: string;
  providerOrganisationId: string;
}
