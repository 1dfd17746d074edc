import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { COLLABORATION_OF_MEMBER_ORG } from '../collaboration/membership.js';
import { OrganisationEntity } from './organisation.entity.js';
import { Organisation } from './organisation.type.js';
import { isUuid } from '../../common/ids.js';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => [Organisation], {
    description: 'Organisations that are parties in your collaborations (optionally one collaboration).',
  })
  organisations(
    @Ctx() ctx: Context,
    @Arg('collaborationId', () => ID, { nullable: true }) collaborationId?: string | null,
  ): Promise<OrganisationEntity[]> {
    const qb = ctx.db
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where(
        `EXISTS (SELECT 1 FROM party pp JOIN agreement aa ON aa.id = pp.agreement_id JOIN collaboration col ON col.id = aa.collaboration_id
                 WHERE pp.organisation_id = o.id AND ${COLLABORATION_OF_MEMBER_ORG}` +
          (collaborationId && isUuid(collaborationId) ? ' AND col.id = :colId' : collaborationId ? ' AND false' : '') +
          ')',
        { memberOrg: ctx.principal.organisationId, colId: collaborationId, now: ctx.now },
      )
      .orderBy('o.name');
    return qb.getMany();
  }
}
