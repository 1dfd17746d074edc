import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { CaseEntity } from '../case/case.entity.js';
import { Case } from '../case/case.type.js';
import { RecordWelcomeAgreementInput, ReportRentArrearsInput, WelcomeDateInput } from './welcome.inputs.js';
import {
  makeLeasePermanent,
  recordWelcomeAgreement,
  recordWelcomeEvaluation,
  rentArrearsOfCase,
  reportRentArrears,
  welcomeOfCase,
  welcomeView,
} from './welcome.service.js';
import { RentArrearsSignal, WelcomeAgreement } from './welcome.type.js';

@Resolver(() => Case)
export class WelcomeAgreementResolver {
  @Mutation(() => WelcomeAgreement, { description: 'Weer Thuis op Walcheren: the client’s Welkom in de Wijk Overeenkomst (O25, O31).' })
  async recordWelcomeAgreement(@Arg('input') input: RecordWelcomeAgreementInput, @Ctx() ctx: Context): Promise<WelcomeAgreement> {
    return welcomeView(await recordWelcomeAgreement(ctx, input), ctx.now);
  }

  @Mutation(() => WelcomeAgreement, { description: 'The evaluation between 3 and 6 months after the start (O31; 9.1).' })
  async recordWelcomeEvaluation(@Arg('input') input: WelcomeDateInput, @Ctx() ctx: Context): Promise<WelcomeAgreement> {
    return welcomeView(await recordWelcomeEvaluation(ctx, input), ctx.now);
  }

  @Mutation(() => WelcomeAgreement, { description: 'The corporation turns the temporary lease permanent after the evaluation (O31; 9.2).' })
  async makeLeasePermanent(@Arg('input') input: WelcomeDateInput, @Ctx() ctx: Context): Promise<WelcomeAgreement> {
    return welcomeView(await makeLeasePermanent(ctx, input), ctx.now);
  }

  @Mutation(() => RentArrearsSignal, { description: 'The corporation signals rent arrears to the home team (O31; 5.3).' })
  reportRentArrears(@Arg('input') input: ReportRentArrearsInput, @Ctx() ctx: Context): Promise<RentArrearsSignal> {
    return reportRentArrears(ctx, input);
  }

  @FieldResolver(() => [RentArrearsSignal], { description: 'Walcheren: rent-arrears signals; lateOnly: those that reached the home team after 2 weeks.' })
  rentArrearsSignals(
    @Root() c: CaseEntity,
    @Arg('lateOnly', { defaultValue: false }) lateOnly: boolean,
    @Ctx() ctx: Context,
  ): Promise<RentArrearsSignal[]> {
    return rentArrearsOfCase(ctx, c.id, lateOnly);
  }

  @FieldResolver(() => WelcomeAgreement, { nullable: true, description: 'Walcheren: the Welkom in de Wijk Overeenkomst.' })
  welcomeAgreement(@Root() c: CaseEntity, @Ctx() ctx: Context): Promise<WelcomeAgreement | null> {
    return welcomeOfCase(ctx, c.id);
  }
}
