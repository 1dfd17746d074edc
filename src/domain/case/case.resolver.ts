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
import type { CaseEntity, CaseParticipantEntity } from './case.entity.js';
import { CasesArgs, InviteParticipantInput, RegisterCaseInput } from './case.inputs.js';
import { getCase, inviteParticipant, listCases, registerCase } from './case.service.js';
import { Case, CaseConnection, CaseParticipant } from './case.type.js';

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
