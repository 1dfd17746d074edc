import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { OrganisationEntity } from '../organisation/organisation.entity.js';
import { Organisation } from '../organisation/organisation.type.js';
import type { ActionItemEntity, ActionPlanEntity, CaseMeetingEntity, InterventionEntity } from './meeting.entity.js';
import { ActionItem, ActionPlan, CaseMeeting, Intervention } from './meeting.type.js';

@Resolver(() => CaseMeeting)
export class CaseMeetingResolver {
  @FieldResolver(() => [ActionItem])
  actionItems(@Root() m: CaseMeetingEntity, @Ctx() ctx: Context): Promise<ActionItemEntity[]> {
    return ctx.loaders.actionItemsByMeeting.load(m.id);
  }
}

@Resolver(() => ActionItem)
export class ActionItemResolver {
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
