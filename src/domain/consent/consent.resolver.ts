import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { OrganisationEntity } from '../organisation/organisation.entity.js';
import { Organisation } from '../organisation/organisation.type.js';
import { SubjectInCase } from '../subject/subject.type.js';
import type { ConsentRecordEntity, InformingRecordEntity } from './consent.entity.js';
import { RecordConsentInput, RecordInformingInput } from './consent.inputs.js';
import { consentsOf, informingOf, recordConsent, recordInforming } from './consent.service.js';
import { ConsentRecord, InformingRecord } from './consent.type.js';

@Resolver(() => SubjectInCase)
export class SubjectConsentResolver {
  @Mutation(() => InformingRecord, { description: 'Record how your organisation informed a subject (O22, O24, O26).' })
  recordInforming(@Arg('input') input: RecordInformingInput, @Ctx() ctx: Context): Promise<InformingRecordEntity> {
    return recordInforming(ctx, input);
  }

  @Mutation(() => ConsentRecord, { description: 'Record consent, or your weighing, for your organisation’s sharing (O23, O24).' })
  recordConsent(@Arg('input') input: RecordConsentInput, @Ctx() ctx: Context): Promise<ConsentRecordEntity> {
    return recordConsent(ctx, input);
  }

  @FieldResolver(() => [InformingRecord], { description: 'How each providing party informed this subject (O22).' })
  informing(@Root() s: SubjectInCase, @Ctx() ctx: Context): Promise<InformingRecordEntity[]> {
    return informingOf(ctx, s.caseId, s.id);
  }

  @FieldResolver(() => [ConsentRecord], { description: 'Consent or weighing of each providing party (O23).' })
  consents(@Root() s: SubjectInCase, @Ctx() ctx: Context): Promise<ConsentRecordEntity[]> {
    return consentsOf(ctx, s.caseId, s.id);
  }
}

@Resolver(() => InformingRecord)
export class InformingRecordResolver {
  @FieldResolver(() => Organisation)
  async provider(@Root() r: InformingRecordEntity, @Ctx() ctx: Context): Promise<OrganisationEntity> {
    return (await ctx.loaders.organisation.load(r.providerOrganisationId))!;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The partner that informs the resident afterwards (8.3).' })
  informsAfterwards(@Root() r: InformingRecordEntity, @Ctx() ctx: Context): Promise<OrganisationEntity | null> | null {
    return r.informsAfterwardsOrganisationId ? ctx.loaders.organisation.load(r.informsAfterwardsOrganisationId) : null;
  }
}

@Resolver(() => ConsentRecord)
export class ConsentRecordResolver {
  @FieldResolver(() => Organisation)
  async provider(@Root() r: ConsentRecordEntity, @Ctx() ctx: Context): Promise<OrganisationEntity> {
    return (await ctx.loaders.organisation.load(r.providerOrganisationId))!;
  }

  /** A weighing is about the person: only the organisation that made it reads it back. */
  @FieldResolver(() => String, { nullable: true, description: 'The weighing or why no consent is needed: the provider only.' })
  explanation(@Root() r: ConsentRecordEntity, @Ctx() ctx: Context): string | null {
    return r.providerOrganisationId === ctx.principal.organisationId ? r.explanation : null;
  }
}
