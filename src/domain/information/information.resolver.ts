import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { MemberEntity } from '../member/member.entity.js';
import { Member } from '../member/member.type.js';
import type { OrganisationEntity } from '../organisation/organisation.entity.js';
import { Organisation } from '../organisation/organisation.type.js';
import type { InformationItemEntity } from './information.entity.js';
import { AddInformationItemInput } from './information.inputs.js';
import { addInformationItem } from './information.service.js';
import { InformationItem } from './information.type.js';

@Resolver(() => InformationItem)
export class InformationItemResolver {
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
