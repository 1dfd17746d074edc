import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isoDate } from '../../common/clock.js';
import { LocalDate } from '../../common/scalars.js';
import type { Context } from '../../server/context.js';
import { Collaboration } from '../collaboration/collaboration.type.js';
import { Organisation } from '../organisation/organisation.type.js';
import type { OrganisationEntity } from '../organisation/organisation.entity.js';
import type { CollaborationEntity } from '../collaboration/collaboration.entity.js';
import {
  AccessionApprovalEntity,
  AccessionRequestEntity,
  AgreementEntity,
  AgreementEvaluationEntity,
  Art20DecisionEntity,
  Art20EvaluationEntity,
  PartyEntity,
} from './agreement.entity.js';
import {
  AnswerAccessionInput,
  DecideAccessionInput,
  ExcludePartyInput,
  ExtendArt20Input,
  IssueArt20Input,
  ProposeAmendmentInput,
  RecordEvaluationInput,
  RegisterAccessionInput,
  SignAccessionFormInput,
} from './agreement.inputs.js';
import {
  AccessionApproval,
  AccessionRequest,
  Agreement,
  AgreementDeadline,
  AgreementEvaluation,
  Art20Decision,
  Art20Evaluation,
  Party,
} from './agreement.type.js';
import {
  agreementDeadlines,
  excludeParty,
  giveNotice,
  proposeAmendment,
  recordAgreementEvaluation,
  rejectAmendment,
  signAddendum,
  signAgreement,
  terminateAgreement,
  type Deadline,
} from './agreement.service.js';
import { termState } from './agreement-terms.js';
import { accessionRequestsOf, answerAccession, decideAccession, registerAccessionRequest, signAccessionForm } from './accession.service.js';
import { evaluationsOf, extendArt20Decision, issueArt20Decision, revokeArt20Decision } from './art20.service.js';

@Resolver(() => Agreement)
export class AgreementResolver {
  @Query(() => [AgreementDeadline], {
    description:
      'What is due within `withinDays` of now, or overdue, on the agreements in force of your collaborations: renewals, ' +
      'notice deadlines, end of term, evaluations, parties leaving, art. 20 decisions running out (O2, O5, O40).',
  })
  agreementDeadlines(
    @Ctx() ctx: Context,
    @Arg('collaborationId', () => ID, { nullable: true }) collaborationId?: string | null,
    @Arg('withinDays', () => Int, { defaultValue: 90 }) withinDays: number = 90,
  ): Promise<Deadline[]> {
    return agreementDeadlines(ctx, collaborationId, withinDays);
  }

  @Mutation(() => Agreement, { description: 'The steering group decides an amendment: a new version awaiting signatures or addendum (O4).' })
  proposeAmendment(@Arg('input') input: ProposeAmendmentInput, @Ctx() ctx: Context): Promise<AgreementEntity> {
    return proposeAmendment(ctx, input);
  }

  @Mutation(() => Agreement, { description: 'Sign a version for your organisation; the last signature makes it take effect (O4).' })
  signAgreement(@Arg('agreementId', () => ID) agreementId: string, @Ctx() ctx: Context): Promise<AgreementEntity> {
    return signAgreement(ctx, agreementId);
  }

  @Mutation(() => Agreement, { description: 'Reject an amendment for your organisation: it leaves when the amendment takes effect (O4).' })
  rejectAmendment(
    @Arg('agreementId', () => ID) agreementId: string,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<AgreementEntity> {
    return rejectAmendment(ctx, agreementId, note ?? null);
  }

  @Mutation(() => Agreement, { description: 'Record the signed addendum (chair and manager, ZVHD 23.2): it takes effect (O4).' })
  signAddendum(
    @Arg('agreementId', () => ID) agreementId: string,
    @Arg('signedBy') signedBy: string,
    @Ctx() ctx: Context,
  ): Promise<AgreementEntity> {
    return signAddendum(ctx, agreementId, signedBy);
  }

  @Mutation(() => Party, { description: 'Your organisation gives written notice; it leaves when the notice period ends (O2, O40).' })
  giveNotice(
    @Arg('agreementId', () => ID) agreementId: string,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<PartyEntity> {
    return giveNotice(ctx, agreementId, note ?? null);
  }

  @Mutation(() => Party, { description: 'The steering group excludes a party after default, with immediate effect (O40).' })
  excludeParty(@Arg('input') input: ExcludePartyInput, @Ctx() ctx: Context): Promise<PartyEntity> {
    return excludeParty(ctx, input);
  }

  @Mutation(() => Agreement, { description: 'End the agreement for every party at once (O40).' })
  terminateAgreement(@Arg('agreementId', () => ID) agreementId: string, @Arg('reason') reason: string, @Ctx() ctx: Context): Promise<AgreementEntity> {
    return terminateAgreement(ctx, agreementId, reason);
  }

  @Mutation(() => AgreementEvaluation, { description: 'Record a held evaluation of an agreement (O2).' })
  recordAgreementEvaluation(@Arg('input') input: RecordEvaluationInput, @Ctx() ctx: Context): Promise<AgreementEvaluationEntity> {
    return recordAgreementEvaluation(ctx, input);
  }

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

  @FieldResolver(() => Agreement, { nullable: true, description: 'The version this one amends.' })
  async supersedes(@Root() a: AgreementEntity, @Ctx() ctx: Context): Promise<AgreementEntity | null> {
    return a.supersedesId ? ctx.db.getRepository(AgreementEntity).findOneBy({ id: a.supersedesId }) : null;
  }

  @FieldResolver(() => LocalDate, { nullable: true, description: 'End of the running term at the request’s moment (null: indefinite).' })
  currentTermEndsOn(@Root() a: AgreementEntity, @Ctx() ctx: Context): string | null {
    return termState(a, isoDate(ctx.now)).currentTermEndsOn;
  }

  @FieldResolver(() => Int, { description: 'Automatic renewals that have taken place.' })
  renewalsUsed(@Root() a: AgreementEntity, @Ctx() ctx: Context): number {
    return termState(a, isoDate(ctx.now)).renewalsUsed;
  }

  @FieldResolver(() => LocalDate, { nullable: true, description: 'The next automatic renewal, if one more is allowed.' })
  nextRenewalOn(@Root() a: AgreementEntity, @Ctx() ctx: Context): string | null {
    return termState(a, isoDate(ctx.now)).nextRenewalOn;
  }

  @FieldResolver(() => LocalDate, { nullable: true, description: 'Last day written notice prevents the next renewal.' })
  noticeDeadline(@Root() a: AgreementEntity, @Ctx() ctx: Context): string | null {
    return termState(a, isoDate(ctx.now)).noticeDeadline;
  }

  @FieldResolver(() => LocalDate, { nullable: true, description: 'When the agreement ends at the latest (null: no maximum).' })
  finalEndDate(@Root() a: AgreementEntity, @Ctx() ctx: Context): string | null {
    return termState(a, isoDate(ctx.now)).finalEndDate;
  }

  @FieldResolver(() => [AgreementEvaluation], { nullable: true, description: 'Held evaluations (governance roles only).' })
  evaluations(@Root() a: AgreementEntity, @Ctx() ctx: Context): Promise<AgreementEvaluationEntity[]> {
    return ctx.db.getRepository(AgreementEvaluationEntity).find({ where: { agreementId: a.id }, order: { dueDate: 'ASC' } });
  }

  @FieldResolver(() => [AccessionRequest], { nullable: true, description: 'Accession requests (governance roles only).' })
  accessionRequests(@Root() a: AgreementEntity, @Ctx() ctx: Context): Promise<AccessionRequestEntity[]> {
    return accessionRequestsOf(ctx, a);
  }
}

@Resolver(() => Party)
export class PartyResolver {
  @FieldResolver(() => Organisation)
  async organisation(@Root() p: PartyEntity, @Ctx() ctx: Context): Promise<OrganisationEntity> {
    return (await ctx.loaders.organisation.load(p.organisationId))!;
  }

  @FieldResolver(() => Boolean, { description: 'Signed and not (yet) left at the request’s moment.' })
  active(@Root() p: PartyEntity, @Ctx() ctx: Context): boolean {
    return Boolean(p.signedAt && p.signedAt <= ctx.now && (!p.leftAt || p.leftAt > ctx.now));
  }
}

@Resolver(() => Art20Decision)
export class Art20DecisionResolver {
  @Mutation(() => Art20Decision, { description: 'The police chief revokes the decision; no police data flows from the next request (O5).' })
  revokeArt20Decision(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: Context): Promise<Art20DecisionEntity> {
    return revokeArt20Decision(ctx, id, reason);
  }

  @Mutation(() => Art20Decision, { description: 'The police chief extends the decision on a written evaluation, at most 3 years (O5).' })
  extendArt20Decision(@Arg('input') input: ExtendArt20Input, @Ctx() ctx: Context): Promise<Art20DecisionEntity> {
    return extendArt20Decision(ctx, input);
  }

  @Mutation(() => Art20Decision, { description: 'The police chief takes a decision with every element of Wpg art. 20(2) (O5).' })
  issueArt20Decision(@Arg('input') input: IssueArt20Input, @Ctx() ctx: Context): Promise<Art20DecisionEntity> {
    return issueArt20Decision(ctx, input);
  }

  @FieldResolver(() => [Party], { description: 'The parties that may receive the police data (Wpg 20(2)).' })
  async recipients(@Root() d: Art20DecisionEntity, @Ctx() ctx: Context): Promise<PartyEntity[]> {
    const ids = await ctx.loaders.recipientsByDecision.load(d.id);
    return (await ctx.loaders.party.loadMany(ids)).filter((p): p is PartyEntity => p instanceof PartyEntity);
  }

  @FieldResolver(() => Boolean, { description: 'Valid at the request’s moment and not revoked (O5).' })
  inForce(@Root() d: Art20DecisionEntity, @Ctx() ctx: Context): boolean {
    const today = isoDate(ctx.now);
    return !d.revokedAt && d.validFrom <= today && today < d.validUntil;
  }

  @FieldResolver(() => [Art20Evaluation], { nullable: true, description: 'Written evaluations it was extended on (governance roles only).' })
  evaluations(@Root() d: Art20DecisionEntity, @Ctx() ctx: Context): Promise<Art20EvaluationEntity[]> {
    return evaluationsOf(ctx, d.id);
  }
}

@Resolver(() => AccessionRequest)
export class AccessionRequestResolver {
  @Mutation(() => AccessionRequest, { description: 'Register an organisation’s written request to accede; every party is informed and asked (O3).' })
  registerAccessionRequest(@Arg('input') input: RegisterAccessionInput, @Ctx() ctx: Context): Promise<AccessionRequestEntity> {
    return registerAccessionRequest(ctx, input);
  }

  @Mutation(() => AccessionApproval, { description: 'Your organisation’s answer to an intended accession (O3).' })
  answerAccession(@Arg('input') input: AnswerAccessionInput, @Ctx() ctx: Context): Promise<AccessionApprovalEntity> {
    return answerAccession(ctx, input);
  }

  @Mutation(() => AccessionRequest, { description: 'The steering group decides; acceptance needs every party’s approval (O3).' })
  decideAccession(@Arg('input') input: DecideAccessionInput, @Ctx() ctx: Context): Promise<AccessionRequestEntity> {
    return decideAccession(ctx, input);
  }

  @Mutation(() => AccessionRequest, { description: 'The signed accession form: the organisation is a party from now on (O3).' })
  signAccessionForm(@Arg('input') input: SignAccessionFormInput, @Ctx() ctx: Context): Promise<AccessionRequestEntity> {
    return signAccessionForm(ctx, input);
  }

  @FieldResolver(() => Organisation, { description: 'The acceding organisation.' })
  async organisation(@Root() r: AccessionRequestEntity, @Ctx() ctx: Context): Promise<OrganisationEntity> {
    return (await ctx.loaders.organisation.load(r.organisationId))!;
  }

  @FieldResolver(() => [AccessionApproval], { description: 'Every party informed, and its answer.' })
  approvals(@Root() r: AccessionRequestEntity, @Ctx() ctx: Context): Promise<AccessionApprovalEntity[]> {
    return ctx.db.getRepository(AccessionApprovalEntity).find({ where: { requestId: r.id }, order: { createdAt: 'ASC' } });
  }
}

@Resolver(() => AccessionApproval)
export class AccessionApprovalResolver {
  @FieldResolver(() => Organisation, { description: 'The party asked.' })
  async organisation(@Root() a: AccessionApprovalEntity, @Ctx() ctx: Context): Promise<OrganisationEntity> {
    return (await ctx.loaders.organisation.load(a.organisationId))!;
  }
}
