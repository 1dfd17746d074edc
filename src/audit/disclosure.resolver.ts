import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../common/pagination.js';
import type { Context } from '../server/context.js';
import { disclosuresCsv, listAudit, listDisclosures } from './disclosure.service.js';
import { AuditConnection, AuditFilter, DisclosureConnection, DisclosureFilter, DisclosureRecord } from './disclosure.type.js';

/** Privacy officers: who received what about whom, when and why; and who changed what (O12, O34, O40). */
@Resolver(() => DisclosureRecord)
export class DisclosureResolver {
  @Query(() => DisclosureConnection, { description: 'Disclosures in your collaborations, newest first (privacy officers only).' })
  disclosures(
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
    @Arg('filter', () => DisclosureFilter, { nullable: true }) filter?: DisclosureFilter,
  ) {
    return listDisclosures(ctx, filter, page.first, page.after);
  }

  @Query(() => String, { description: 'The same disclosures as CSV, oldest first (privacy officers only).' })
  disclosuresCsv(@Ctx() ctx: Context, @Arg('filter', () => DisclosureFilter, { nullable: true }) filter?: DisclosureFilter) {
    return disclosuresCsv(ctx, filter);
  }

  @Query(() => AuditConnection, { description: 'The audit trail of mutations, newest first (privacy officers only).' })
  auditTrail(@Args() page: PageArgs, @Ctx() ctx: Context, @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter) {
    return listAudit(ctx, filter, page.first, page.after);
  }
}
