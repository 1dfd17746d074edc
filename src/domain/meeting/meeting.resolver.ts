import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { OrganisationEntity } from '../organisation/organisation.entity.js';
import { Organisation } from '../organisation/organisation.type.js';
import type { ActionItemEntity, ActionPlanEntity, CaseMeetingEntity, InterventionEntity } from './meeting.entity.js';
import { ActionItem, ActionItemSubject, ActionPlan, CaseMeeting, Intervention } from './meeting.type.js';
import { AddActionItemInput, RecordMeetingDecisionsInput, ScheduleCaseMeetingInput, SetActionPlanInput } from './meeting.inputs.js';
import { actionItemDescription, actionItemSubject, addActionItem, recordMeetingDecisions, scheduleCaseMeeting, setActionPlan } from './meeting.service.js';

@Resolver(() => CaseMeeting)
export class CaseMeetingResolver {
  @Mutation(() => CaseMeeting, { description: 'Schedule a case meeting with agenda and attendees (O29).' })
  scheduleCaseMeeting(@Arg('input') input: ScheduleCaseMeetingInput, @Ctx() ctx: Context): Promise<CaseMeetingEntity> {
    return scheduleCaseMeeting(ctx, input);
  }

  @Mutation(() => CaseMeeting, { description: 'Record the decisions of a meeting that took place.' })
  recordMeetingDecisions(@Arg('input') input: RecordMeetingDecisionsInput, @Ctx() ctx: Context): Promise<CaseMeetingEntity> {
    return recordMeetingDecisions(ctx, input);
  }

  @Mutation(() => ActionItem, { description: 'Add an action item to a meeting (O19).' })
  addActionItem(@Arg('input') input: AddActionItemInput, @Ctx() ctx: Context): Promise<ActionItemEntity> {
    return addActionItem(ctx, input);
  }

  @Mutation(() => ActionPlan, { description: 'Set the action plan: goals, interventions per party and their information needs (O29).' })
  setActionPlan(@Arg('input') input: SetActionPlanInput, @Ctx() ctx: Context): Promise<ActionPlanEntity> {
    return setActionPlan(ctx, input);
  }

  @FieldResolver(() => [Organisation], { description: 'The participating organisations that attend.' })
  async attendees(@Root() m: CaseMeetingEntity, @Ctx() ctx: Context): Promise<OrganisationEntity[]> {
    return (await ctx.loaders.organisation.loadMany(m.attendeeOrganisationIds ?? [])).filter((o): o is OrganisationEntity => !!o && !(o instanceof Error));
  }

  @FieldResolver(() => [ActionItem])
  actionItems(@Root() m: CaseMeetingEntity, @Ctx() ctx: Context): Promise<ActionItemEntity[]> {
    return ctx.loaders.actionItemsByMeeting.load(m.id);
  }
}

@Resolver(() => ActionItem)
export class ActionItemResolver {
  @FieldResolver(() => String, { nullable: true })
  description(@Root() a: ActionItemEntity, @Ctx() ctx: Context): Promise<string> {
    return actionItemDescription(ctx, a);
  }

  @FieldResolver(() => ActionItemSubject, { nullable: true, description: 'Whom it is about: name/address and contact details only (O19).' })
  subject(@Root() a: ActionItemEntity, @Ctx() ctx: Context): Promise<ActionItemSubject | null> {
    return actionItemSubject(ctx, a);
  }

  @FieldResolver(() => Organisation, { nullable: true })
  assignee(@Root() a: ActionItemEntity, @Ctx() ctx: Context): Promise<OrganisationEntity | null> | null {
    return a.assigneeOrganisationId ? ctx.loaders.organisation.load(a.assigneeOrganisationId) : null;
  }
}

@Resolver(() => ActionPlan)
export class ActionPlanResolver {
  @FieldResolver(() => [Intervention])
  interventions(@Root() p: ActionPlanEntity, @Ctx() ctx: Context): Promise<InterventionEntity[]> {
    return ctx.loaders.interventionsByPlan.load(p.id);
  }
}

@Resolver(() => Intervention)
export class InterventionResolver {
  @FieldResolver(() => Organisation)
  async organisation(@Root() i: InterventionEntity, @Ctx() ctx: Context): Promise<OrganisationEntity> {
    return (await ctx.loaders.organisation.load(i.organisationId))!;
  }
}
