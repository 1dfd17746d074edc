import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { AgreementEntity } from '../agreement/agreement.entity.js';
import { Agreement } from '../agreement/agreement.type.js';
import { CollaborationEntity } from './collaboration.entity.js';
import { Collaboration } from './collaboration.type.js';
import { COLLABORATION_OF_MEMBER_ORG } from './membership.js';
import { isUuid } from '../../common/ids.js';

/** Collaborations are readable by the members of their parties. */
function memberCollaborations(ctx: Context) {
  return ctx.db
    .getRepository(CollaborationEntity)
    .createQueryBuilder('col')
    .where(COLLABORATION_OF_MEMBER_ORG, { memberOrg: ctx.principal.organisationId, now: ctx.now })
    .orderBy('col.name');
}

@Resolver(() => Collaboration)
export class CollaborationResolver {
  @Query(() => [Collaboration], { description: 'The collaborations your organisation is a party to.' })
  collaborations(@Ctx() ctx: Context): Promise<CollaborationEntity[]> {
    return memberCollaborations(ctx).getMany();
  }

  @Query(() => Collaboration, { nullable: true })
  async collaboration(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CollaborationEntity | null> {
    if (!isUuid(id)) return null;
    return memberCollaborations(ctx).andWhere('col.id = :id', { id }).getOne();
  }

  @FieldResolver(() => [Agreement])
  agreements(@Root() col: CollaborationEntity, @Ctx() ctx: Context): Promise<AgreementEntity[]> {
    return ctx.loaders.agreementsByCollaboration.load(col.id);
  }
}
