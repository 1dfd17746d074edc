import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { OrganisationEntity } from '../organisation/organisation.entity.js';
import { Organisation } from '../organisation/organisation.type.js';
import type { MemberEntity } from './member.entity.js';
import { Member } from './member.type.js';

@Resolver(() => Member)
export class MemberResolver {
  @Query(() => Member, { description: 'The member the bearer token names, with the roles this token carries (its identity provider may narrow them).' })
  async me(@Ctx() ctx: Context): Promise<MemberEntity> {
    const member = (await ctx.loaders.member.load(ctx.principal.memberId))!;
    return Object.assign(Object.create(Object.getPrototypeOf(member) as object) as MemberEntity, member, { roles: ctx.principal.roles });
  }

  @FieldResolver(() => Organisation)
  async organisation(@Root() m: MemberEntity, @Ctx() ctx: Context): Promise<OrganisationEntity> {
    return (await ctx.loaders.organisation.load(m.organisationId))!;
  }
}
