import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { importRecords } from './import.service.js';
import { ImportInput, UpsertCaseInput, UpsertInformationItemInput, UpsertSubjectInput } from './integration.inputs.js';
import { ImportReport, UpsertResult } from './integration.type.js';
import { upsertCaseIn, upsertInformationItemIn, upsertOne, upsertSubjectIn } from './upsert.service.js';

/** Registration systems push their records (issue 10): idempotent upserts by their own key, and bulk imports. */
@Resolver()
export class IntegrationResolver {
  @Mutation(() => UpsertResult, {
    description: 'Create or update a case by (sourceSystem, externalId); a replay changes nothing (UNCHANGED). Create as registerCase; update: partners of the case.',
  })
  upsertCase(@Arg('input') input: UpsertCaseInput, @Ctx() ctx: Context): Promise<UpsertResult> {
    return upsertOne(ctx, 'upsertCase', input, upsertCaseIn);
  }

  @Mutation(() => UpsertResult, { description: 'Create or update a subject by (sourceSystem, externalId) in a case you are a partner of; adds it to another case when named there.' })
  upsertSubject(@Arg('input') input: UpsertSubjectInput, @Ctx() ctx: Context): Promise<UpsertResult> {
    return upsertOne(ctx, 'upsertSubject', input, upsertSubjectIn);
  }

  @Mutation(() => UpsertResult, { description: 'Create or update an information item you provide, by (sourceSystem, externalId); checks as addInformationItem.' })
  upsertInformationItem(@Arg('input') input: UpsertInformationItemInput, @Ctx() ctx: Context): Promise<UpsertResult> {
    return upsertOne(ctx, 'upsertInformationItem', input, upsertInformationItemIn);
  }

  @Mutation(() => ImportReport, { description: 'Upsert up to 1000 rows in one transaction, a result per row (larger: POST /import).' })
  importRecords(@Arg('input') input: ImportInput, @Ctx() ctx: Context): Promise<ImportReport> {
    return importRecords(ctx, input);
  }
}
