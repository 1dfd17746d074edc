import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../common/pagination.js';
import { DateTime } from '../../common/scalars.js';
import { CaseKind, CaseOutcome, CasePhase, ComplexCaseCriterion, LifeDomain, ParticipantRole } from './case.entity.js';

registerEnumType(CaseKind, { name: 'CaseKind' });
registerEnumType(CasePhase, { name: 'CasePhase', description: 'Phases of ZVHD bijlage 3 (O27).' });
registerEnumType(CaseOutcome, { name: 'CaseOutcome', description: 'Outcomes of a step in ZVHD bijlage 3 (O27).' });
registerEnumType(ComplexCaseCriterion, { name: 'ComplexCaseCriterion', description: 'ZVHD bijlage 2 (O28).' });
registerEnumType(LifeDomain, { name: 'LifeDomain', description: 'Leefgebieden.' });
registerEnumType(ParticipantRole, {
  name: 'ParticipantRole',
  description: 'PARTNER: a party of the agreement; AD_HOC: an invited agendadeelnemer (O8, O20).',
});

@ObjectType({ description: 'A casus shared by the partners taking part in it.' })
export class Case {
  @Field(() => ID)
  id: string;

  @Field()
  reference: string;

  @Field()
  title: string;

  @Field(() => CaseKind)
  kind: CaseKind;

  @Field(() => CasePhase)
  phase: CasePhase;

  @Field(() => [LifeDomain])
  lifeDomains: LifeDomain[];

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => DateTime, { description: 'Last real change of the case record itself.' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Goes up by one on every real change of the case record (upserts: expectedVersion).' })
  version: number;

  @Field(() => String, { nullable: true, description: 'The registration system the case was pushed from (upsertCase); with externalId its key there.' })
  sourceSystem: string | null;

  @Field(() => String, { nullable: true })
  externalId: string | null;

  collaborationId: string;
  reportingOrganisationId: string | null;
  processDirectorId: string | null;
  caseDirectorId: string | null;
}

@ObjectType({ description: 'An organisation (or one invited member) taking part in a case (O6).' })
export class CaseParticipant {
  @Field(() => ID)
  id: string;

  @Field(() => ParticipantRole)
  role: ParticipantRole;

  @Field(() => DateTime, { nullable: true, description: 'AD_HOC: when the signed confidentiality statement was recorded (O20).' })
  confidentialitySignedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'AD_HOC: the legal ground the confidentiality statement names (O20).' })
  confidentialityLegalGround: string | null;

  organisationId: string;
  memberId: string | null;
}

@ObjectType({ description: 'One step of the case through the work process (O27): who, when, why and the outcome.' })
export class CasePhaseTransition {
  @Field(() => ID)
  id: string;

  @Field(() => CasePhase)
  fromPhase: CasePhase;

  @Field(() => CasePhase)
  toPhase: CasePhase;

  @Field(() => CaseOutcome)
  outcome: CaseOutcome;

  @Field()
  reason: string;

  @Field(() => String, { nullable: true })
  advice: string | null;

  @Field(() => DateTime)
  at: Date;

  @Field(() => [ComplexCaseCriterion], { description: 'ZVHD: the bijlage 2 criteria found met at intake (O28).' })
  complexCaseCriteria: ComplexCaseCriterion[];

  caseId: string;
  byMemberId: string;
}

@ObjectType()
export class CaseEdge {
  @Field()
  cursor: string;

  @Field(() => Case)
  node: Case;
}

@ObjectType({ description: 'A page of cases the caller takes part in.' })
export class CaseConnection {
  @Field(() => [CaseEdge])
  edges: CaseEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Cases matching the filter that the caller may see.' })
  totalCount: number;
}
