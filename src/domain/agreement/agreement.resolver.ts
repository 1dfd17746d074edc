import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Collaboration } from '../collaboration/collaboration.type.js';
import { Organisation } from '../organisation/organisation.type.js';
import type { OrganisationEntity } from '../organisation/organisation.entity.js';
import type { CollaborationEntity } from '../collaboration/collaboration.entity.js';
import { AgreementEntity, Art20DecisionEntity, PartyEntity } from './agreement.entity.js';
import { Agreement, Art20Decision, Party } from './agreement.type.js';

@Resolver(() => Agreement)
export class AgreementResolver {
  @FieldResolver(() => Collaboration)
  async collaboration(@Root() a: AgreementEntity, @Ctx() ctx: Context): Promise<CollaborationEntity> {
    return (await ctx.loaders.collaboration.load(a.collaborationId))!;
  }

  @FieldResolver(() => [Party])
  parties(@Root() a: AgreementEntity, @Ctx() ctx: Context): Promise<PartyEntity[]> {
    return ctx.loaders.partiesByAgreement.load(a.id);
  }

  @FieldResolver(() => [Art20Decision], { description: 'Art. 20 Wpg decisions taken for this agreement.' })
  art20Decisions(@Root() a: AgreementEntity, @Ctx() ctx: Context): Promise<Art20DecisionEntity[]> {
    return ctx.loaders.decisionsByAgreement.load(a.id);
  }
}

@Resolver(() => Party)
export class PartyResolver {
  @FieldResolver(() => Organisation)
  async organisation(@Root() p: PartyEntity, @Ctx() ctx: Context): Promise<OrganisationEntity> {
    return (await ctx.loaders.organisation.load(p.organisationId))!;
  }
}

@Resolver(() => Art20Decision)
export class Art20DecisionResolver {
  @FieldResolver(() => [Party], { description: 'The parties that may receive the police data (Wpg 20(2)).' })
  async recipients(@Root() d: Art20DecisionEntity, @Ctx() ctx: Context): Promise<PartyEntity[]> {
    const ids = await ctx.loaders.recipientsByDecision.load(d.id);
    return (await ctx.loaders.party.loadMany(ids)).filter((p): p is PartyEntity => p instanceof PartyEntity);
  }

  @FieldResolver(() => Boolean, { description: 'Valid today and not revoked (O5).' })
  inForce(@Root() d: Art20DecisionEntity): boolean {
    const today = new Date().toISOString().slice(0, 10);
    return !d.revokedAt && d.validFrom <= today && today < d.validUntil;
  }
}
