import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { accessReport } from './access-report.service.js';
import {
  acknowledgeBreach,
  acknowledgeThirdPartyOrder,
  listBreaches,
  listThirdPartyDisclosures,
  listThirdPartyOrders,
  processingRegister,
  recordAuthorityNotification,
  recordThirdPartyDisclosure,
  registerThirdPartyOrder,
  reportBreach,
} from './incidents.service.js';
import { CorrectionKind } from './rights.entity.js';
import {
  AnswerRightsRequestInput,
  CorrectInformationInput,
  ExtendRightsRequestInput,
  RecordAuthorityNotificationInput,
  RecordThirdPartyDisclosureInput,
  RegisterOrderInput,
  RegisterRightsRequestInput,
  ReportBreachInput,
} from './rights.inputs.js';
import {
  acknowledgeCorrection,
  answerRightsRequest,
  correctInformation,
  extendRightsRequest,
  listCorrectionNotices,
  listRightsRequests,
  registerRightsRequest,
} from './rights.service.js';
import {
  AccessReport,
  BreachParty,
  CorrectionNotice,
  CorrectionResult,
  DataBreach,
  OrderParty,
  ProcessingRegister,
  RightsRequest,
  RightsRequestParty,
  ThirdPartyDisclosure,
  ThirdPartyOrder,
} from './rights.type.js';

/** Thin: data-subject rights, corrections, breaches, orders and the processing register (issue 8). */
@Resolver()
export class RightsResolver {
  @Query(() => [RightsRequest], { description: 'Rights requests your organisation received or answers for (O34); overdueOnly: a party past its deadline.' })
  async rightsRequests(@Ctx() ctx: Context, @Arg('overdueOnly', { defaultValue: false }) overdueOnly: boolean) {
    return listRightsRequests(ctx, overdueOnly);
  }

  @Mutation(() => RightsRequest, { description: 'The contact point registers a request; every responsible party gets its part and deadline (O34, O24).' })
  async registerRightsRequest(@Ctx() ctx: Context, @Arg('input') input: RegisterRightsRequestInput) {
    const r = await registerRightsRequest(ctx, input);
    return (await listRightsRequests(ctx, false)).find((x) => x.id === r.id);
  }

  @Mutation(() => RightsRequestParty, { description: 'Your organisation completes or refuses its part.' })
  async answerRightsRequest(@Ctx() ctx: Context, @Arg('input') input: AnswerRightsRequestInput) {
    return partRow(ctx, (await answerRightsRequest(ctx, input)).requestId);
  }

  @Mutation(() => RightsRequestParty, { description: 'AVG 12(3): extend your deadline once by one or two months, with a reason.' })
  async extendRightsRequest(@Ctx() ctx: Context, @Arg('input') input: ExtendRightsRequestInput) {
    return partRow(ctx, (await extendRightsRequest(ctx, input)).requestId);
  }

  @Query(() => AccessReport, { description: 'AVG 15: data held about a subject per category and provider, and every disclosure (O34).' })
  accessReport(@Ctx() ctx: Context, @Arg('collaborationId', () => ID) collaborationId: string, @Arg('subject') subject: string) {
    return accessReport(ctx, collaborationId, subject);
  }

  @Mutation(() => CorrectionResult, { description: 'Rectify an item your organisation provided; every recipient is notified (O13, AVG 16, 19).' })
  rectifyInformation(@Ctx() ctx: Context, @Arg('input') input: CorrectInformationInput) {
    return correctInformation(ctx, CorrectionKind.RECTIFICATION, input);
  }

  @Mutation(() => CorrectionResult, { description: 'Erase an item your organisation provided, for real (O38); every recipient is notified (AVG 17, 19).' })
  eraseInformation(@Ctx() ctx: Context, @Arg('input') input: CorrectInformationInput) {
    return correctInformation(ctx, CorrectionKind.ERASURE, input);
  }

  @Mutation(() => CorrectionResult, { description: 'Restrict an item: withheld from everyone but its provider from now on (AVG 18, 19).' })
  restrictInformation(@Ctx() ctx: Context, @Arg('input') input: CorrectInformationInput) {
    return correctInformation(ctx, CorrectionKind.RESTRICTION, input);
  }

  @Mutation(() => CorrectionNotice, { description: 'Your organisation acknowledges a correction notice.' })
  acknowledgeCorrection(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return acknowledgeCorrection(ctx, id);
  }

  @Query(() => [CorrectionNotice], { description: 'Correction notices your organisation sent or received; openOnly: not yet acknowledged.' })
  correctionNotices(@Ctx() ctx: Context, @Arg('openOnly', { defaultValue: false }) openOnly: boolean) {
    return listCorrectionNotices(ctx, openOnly);
  }

  @Mutation(() => DataBreach, { description: 'Report a breach (O35): every other party is notified; due 48 hours after discovery.' })
  async reportBreach(@Ctx() ctx: Context, @Arg('input') input: ReportBreachInput) {
    const b = await reportBreach(ctx, input);
    return (await listBreaches(ctx, false)).find((x) => x.id === b.id);
  }

  @Mutation(() => BreachParty, { description: 'Your organisation acknowledges the notification of a breach.' })
  async acknowledgeBreach(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    await acknowledgeBreach(ctx, id);
    return breachPart(ctx, id);
  }

  @Mutation(() => BreachParty, { description: 'Your organisation’s notification to the authority (or why not): each party notifies itself.' })
  async recordAuthorityNotification(@Ctx() ctx: Context, @Arg('input') input: RecordAuthorityNotificationInput) {
    await recordAuthorityNotification(ctx, input);
    return breachPart(ctx, input.breachId);
  }

  @Query(() => [DataBreach], { description: 'Breaches your organisation reported or was notified of; overdueOnly: a notification open after 48 h.' })
  breaches(@Ctx() ctx: Context, @Arg('overdueOnly', { defaultValue: false }) overdueOnly: boolean) {
    return listBreaches(ctx, overdueOnly);
  }

  @Mutation(() => ThirdPartyOrder, { description: 'Register an order or legal duty to disclose (O36): the other parties are notified; due 2 working days after receipt.' })
  async registerThirdPartyOrder(@Ctx() ctx: Context, @Arg('input') input: RegisterOrderInput) {
    const o = await registerThirdPartyOrder(ctx, input);
    return (await listThirdPartyOrders(ctx, false)).find((x) => x.id === o.id);
  }

  @Mutation(() => OrderParty, { description: 'Your organisation acknowledges the notification of an order.' })
  async acknowledgeThirdPartyOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    await acknowledgeThirdPartyOrder(ctx, id);
    const o = (await listThirdPartyOrders(ctx, false)).find((x) => x.id === id);
    return o?.parties.find((p) => p.organisationId === ctx.principal.organisationId);
  }

  @Query(() => [ThirdPartyOrder], { description: 'Orders of or notified to your organisation; overdueOnly: a party not informed in time.' })
  thirdPartyOrders(@Ctx() ctx: Context, @Arg('overdueOnly', { defaultValue: false }) overdueOnly: boolean) {
    return listThirdPartyOrders(ctx, overdueOnly);
  }

  @Mutation(() => ThirdPartyDisclosure, { description: 'Log a disclosure to a third party: only for an agreed intervention, a transfer or an order (O37, O36).' })
  recordThirdPartyDisclosure(@Ctx() ctx: Context, @Arg('input') input: RecordThirdPartyDisclosureInput) {
    return recordThirdPartyDisclosure(ctx, input);
  }

  @Query(() => [ThirdPartyDisclosure], { description: 'Disclosures to third parties in a case you take part in (O37).' })
  thirdPartyDisclosures(@Ctx() ctx: Context, @Arg('caseId', () => ID) caseId: string) {
    return listThirdPartyDisclosures(ctx, caseId);
  }

  @Query(() => ProcessingRegister, { description: 'Your organisation’s processing activities in the platform, for its AVG 30 register (O39).' })
  processingRegister(@Ctx() ctx: Context) {
    return processingRegister(ctx);
  }
}

async function partRow(ctx: Context, requestId: string) {
  const r = (await listRightsRequests(ctx, false)).find((x) => x.id === requestId);
  return r?.parties.find((p) => p.organisationId === ctx.principal.organisationId);
}

async function breachPart(ctx: Context, breachId: string) {
  const b = (await listBreaches(ctx, false)).find((x) => x.id === breachId);
  return b?.parties.find((p) => p.organisationId === ctx.principal.organisationId);
}
