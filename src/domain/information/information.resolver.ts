import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { MemberEntity } from '../member/member.entity.js';
import { Member } from '../member/member.type.js';
import type { OrganisationEntity } from '../organisation/organisation.entity.js';
import { Organisation } from '../organisation/organisation.type.js';
import type { InformationItemEntity } from './information.entity.js';
import { AddInformationItemInput, InformationItemsArgs } from './information.inputs.js';
import { addInformationItem, listOwnItems } from './information.service.js';
import { InformationItem, InformationItemConnection } from './information.type.js';

@Resolver(() => InformationItem)
export class InformationItemResolver {
  @Query(() => InformationItemConnection, {
    description: 'The items your organisation provided in the cases it takes part in, newest first; poll with updatedSince. Others’ items: a subject’s `information`.',
  })
  informationItems(@Args() args: InformationItemsArgs, @Ctx() ctx: Context) {
    return listOwnItems(ctx, args);
  }

  @Mutation(() => InformationItem)
  addInformationItem(@Arg('input') input: AddInformationItemInput, @Ctx() ctx: Context): Promise<InformationItemEntity> {
    return addInformationItem(ctx, input);
  }

  @FieldResolver(() => Organisation, { description: 'The party that provided the item.' })
  async provider(@Root() i: InformationItemEntity, @Ctx() ctx: Context): Promise<OrganisationEntity> {
    return (await ctx.loaders.organisation.load(i.providerOrganisationId))!;
  }

  @FieldResolver(() => Member, { nullable: true, description: 'The member who provided it.' })
  providedBy(@Root() i: InformationItemEntity, @Ctx() ctx: Context): Promise<MemberEntity | null> | null {
    return i.providerMemberId ? ctx.loaders.member.load(i.providerMemberId) : null;
  }
}
