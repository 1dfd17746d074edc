import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { OrganisationEntity } from '../organisation/organisation.entity.js';
import { Organisation } from '../organisation/organisation.type.js';
import type { KnownToTeamQueryEntity } from './known-to-team.entity.js';
import { AskKnownToTeamInput } from './known-to-team.inputs.js';
import { askKnownToTeam } from './known-to-team.service.js';
import { KnownToTeamAnswer } from './known-to-team.type.js';

@Resolver(() => KnownToTeamAnswer)
export class KnownToTeamResolver {
  @Mutation(() => KnownToTeamAnswer, { description: '"Is this resident known to your team?" — yes or no only, logged (O21).' })
  askKnownToTeam(@Arg('input') input: AskKnownToTeamInput, @Ctx() ctx: Context): Promise<KnownToTeamQueryEntity> {
    return askKnownToTeam(ctx, input);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation asked.' })
  async organisation(@Root() q: KnownToTeamQueryEntity, @Ctx() ctx: Context): Promise<OrganisationEntity> {
    return (await ctx.loaders.organisation.load(q.askedOrganisationId))!;
  }
}
