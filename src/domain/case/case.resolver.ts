import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { CollaborationEntity } from '../collaboration/collaboration.entity.js';
import { Collaboration } from '../collaboration/collaboration.type.js';
import type { ActionPlanEntity, CaseMeetingEntity } from '../meeting/meeting.entity.js';
import { ActionPlan, CaseMeeting } from '../meeting/meeting.type.js';
import type { MemberEntity } from '../member/member.entity.js';
import { Member } from '../member/member.type.js';
import type { OrganisationEntity } from '../organisation/organisation.entity.js';
import { Organisation } from '../organisation/organisation.type.js';
import { subjectsOfCase } from '../subject/subject.service.js';
import { SubjectInCase } from '../subject/subject.type.js';
import type { CaseEntity, CaseParticipantEntity, CasePhase, CasePhaseTransitionEntity } from './case.entity.js';
import { CasePhase as CasePhaseEnum } from './case.entity.js';
import { allowedNextPhases, changeCasePhase, phaseHistory, recordConfidentialityStatement, removeParticipant } from './case-process.service.js';
import { CasesArgs, ChangeCasePhaseInput, InviteParticipantInput, RecordConfidentialityStatementInput, RegisterCaseInput } from './case.inputs.js';
import { getCase, inviteParticipant, listCases, registerCase } from './case.service.js';
import { Case, CaseConnection, CaseParticipant, CasePhaseTransition } from './case.type.js';

@Resolver(() => Case)
export class CaseResolver {
  @Query(() => CaseConnection, { description: 'Cases your organisation takes part in, newest first.' })
  cases(@Args() args: CasesArgs, @Ctx() ctx: Context) {
    return listCases(ctx, args);
  }

  @Query(() => Case, { description: 'One case you take part in (NOT_FOUND otherwise).' })
  case(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CaseEntity> {
    return getCase(ctx, id);
  }

  @Mutation(() => Case)
  registerCase(@Arg('input') input: RegisterCaseInput, @Ctx() ctx: Context): Promise<CaseEntity> {
    return registerCase(ctx, input);
  }

  @Mutation(() => CaseParticipant)
  inviteParticipant(@Arg('input') input: InviteParticipantInput, @Ctx() ctx: Context): Promise<CaseParticipantEntity> {
    return inviteParticipant(ctx, input);
  }

  @Mutation(() => Case, { description: 'Move a case one step through the work process (O27): allowed steps only, who and why recorded.' })
  changeCasePhase(@Arg('input') input: ChangeCasePhaseInput, @Ctx() ctx: Context): Promise<CaseEntity> {
    return changeCasePhase(ctx, input);
  }

  @Mutation(() => CaseParticipant, { description: 'Record an ad-hoc participant’s signed confidentiality statement (O20); only then has it access.' })
  recordConfidentialityStatement(@Arg('input') input: RecordConfidentialityStatementInput, @Ctx() ctx: Context): Promise<CaseParticipantEntity> {
    return recordConfidentialityStatement(ctx, input);
  }

  @Mutation(() => Case, { description: 'Remove a participant: it loses the case on its next request.' })
  removeParticipant(@Arg('participantId', () => ID) participantId: string, @Ctx() ctx: Context): Promise<CaseEntity> {
    return removeParticipant(ctx, participantId);
  }

  @FieldResolver(() => [CasePhaseTransition], { description: 'The steps the case took, oldest first (O27).' })
  phaseHistory(@Root() c: CaseEntity, @Ctx() ctx: Context): Promise<CasePhaseTransitionEntity[]> {
    return phaseHistory(ctx, c.id);
  }

  @FieldResolver(() => [CasePhaseEnum], { description: 'The phases you may move the case to now.' })
  nextPhases(@Root() c: CaseEntity, @Ctx() ctx: Context): Promise<CasePhase[]> {
    return allowedNextPhases(ctx, c);
  }

  @FieldResolver(() => Collaboration)
  async collaboration(@Root() c: CaseEntity, @Ctx() ctx: Context): Promise<CollaborationEntity> {
    return (await ctx.loaders.collaboration.load(c.collaborationId))!;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation that reported the case.' })
  reportingOrganisation(@Root() c: CaseEntity, @Ctx() ctx: Context): Promise<OrganisationEntity | null> | null {
    return c.reportingOrganisationId ? ctx.loaders.organisation.load(c.reportingOrganisationId) : null;
  }

  @FieldResolver(() => Member, { nullable: true, description: 'Procesregisseur.' })
  processDirector(@Root() c: CaseEntity, @Ctx() ctx: Context): Promise<MemberEntity | null> | null {
    return c.processDirectorId ? ctx.loaders.member.load(c.processDirectorId) : null;
  }

  @FieldResolver(() => Member, { nullable: true, description: 'Casusregisseur (O29).' })
  caseDirector(@Root() c: CaseEntity, @Ctx() ctx: Context): Promise<MemberEntity | null> | null {
    return c.caseDirectorId ? ctx.loaders.member.load(c.caseDirectorId) : null;
  }

  @FieldResolver(() => [CaseParticipant])
  participants(@Root() c: CaseEntity, @Ctx() ctx: Context): Promise<CaseParticipantEntity[]> {
    return ctx.loaders.participantsByCase.load(c.id);
  }

  @FieldResolver(() => [SubjectInCase])
  subjects(@Root() c: CaseEntity, @Ctx() ctx: Context): Promise<SubjectInCase[]> {
    return subjectsOfCase(ctx, c.id);
  }

  @FieldResolver(() => [CaseMeeting])
  meetings(@Root() c: CaseEntity, @Ctx() ctx: Context): Promise<CaseMeetingEntity[]> {
    return ctx.loaders.meetingsByCase.load(c.id);
  }

  @FieldResolver(() => ActionPlan, { nullable: true })
  async actionPlan(@Root() c: CaseEntity, @Ctx() ctx: Context): Promise<ActionPlanEntity | null> {
    return (await ctx.loaders.actionPlansByCase.load(c.id))[0] ?? null;
  }
}

@Resolver(() => CasePhaseTransition)
export class CasePhaseTransitionResolver {
  @FieldResolver(() => Member, { description: 'Who took the step.' })
  async by(@Root() t: CasePhaseTransitionEntity, @Ctx() ctx: Context): Promise<MemberEntity> {
    return (await ctx.loaders.member.load(t.byMemberId))!;
  }
}

@Resolver(() => CaseParticipant)
export class CaseParticipantResolver {
  @FieldResolver(() => Organisation)
  async organisation(@Root() p: CaseParticipantEntity, @Ctx() ctx: Context): Promise<OrganisationEntity> {
    return (await ctx.loaders.organisation.load(p.organisationId))!;
  }

  @FieldResolver(() => Member, { nullable: true, description: 'For AD_HOC: the one member invited.' })
  member(@Root() p: CaseParticipantEntity, @Ctx() ctx: Context): Promise<MemberEntity | null> | null {
    return p.memberId ? ctx.loaders.member.load(p.memberId) : null;
  }
}
