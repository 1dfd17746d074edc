import { auditedTransaction } from '../../audit/audited-transaction.js';
import { addDays, addMonths, isoDate } from '../../common/clock.js';
import { badInput, conflict, forbidden, notFound } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { CaseParticipantEntity, ParticipantRole, type CaseEntity } from '../case/case.entity.js';
import { directsCase, requirePartnerIn } from '../case/case.service.js';
import { AgeBand, ConsentRecordEntity, Representation } from '../consent/consent.entity.js';
import { ConsentStatus, InformationItemEntity, InformationKind, InformedStatus } from '../information/information.entity.js';
import { itemsWithMeetingFacts } from '../information/information.service.js';
import { Sector } from '../organisation/sector.js';
import { CaseSubjectEntity } from '../subject/subject.entity.js';
import { CATEGORY_OF_AREA, LeaseType, RentArrearsSignalEntity, WelcomeAgreementEntity, WelcomeArea } from './welcome.entity.js';
import type { RecordWelcomeAgreementInput, ReportRentArrearsInput, WelcomeDateInput } from './welcome.inputs.js';
import { EvaluationStatus, type RentArrearsSignal, type WelcomeAgreement } from './welcome.type.js';

const CONSENT_CLAUSE = 'Instemmingsclausule Welkom in de Wijk Overeenkomst (Weer Thuis op Walcheren, art. 3)';

async function walcherenCase(ctx: Context, caseId: string): Promise<CaseEntity> {
  const c = await requirePartnerIn(ctx, caseId);
  const col = await ctx.loaders.collaboration.load(c.collaborationId);
  if (col?.slug !== 'walcheren') throw badInput('caseId', 'a Welkom in de Wijk Overeenkomst belongs to a Weer Thuis op Walcheren case');
  return c;
}

async function agreementOf(ctx: Context, caseId: string): Promise<WelcomeAgreementEntity> {
  const a = await ctx.db.findOneBy(WelcomeAgreementEntity, { caseId });
  if (!a) throw notFound('Welkom in de Wijk Overeenkomst');
  return a;
}

/**
 * Record a client's Welkom in de Wijk Overeenkomst (O25, O31). The regievoerder (whoever directs the case)
 * records it with the signed consent clause — which is the client's consent to the parties of the home team
 * (the case's partners) sharing in his interest (art. 3): a consent record GIVEN for each of them — and SMART
 * results in each of the six areas (4.2), kept as information items of the area's category so that the
 * collaboration's policy decides who reads them.
 */
export async function recordWelcomeAgreement(ctx: Context, input: RecordWelcomeAgreementInput): Promise<WelcomeAgreementEntity> {
  const c = await walcherenCase(ctx, input.caseId);
  if (!directsCase(ctx, c)) throw forbidden('Only the regievoerder records the agreement', { reason: 'NOT_PROCESS_DIRECTOR' });
  const today = isoDate(ctx.now);
  if (input.consentClauseSignedOn > today) throw badInput('consentClauseSignedOn', 'the consent clause is recorded once signed');
  const missing = Object.values(WelcomeArea).filter((a) => !input.goals.some((g) => g.area === a));
  if (missing.length) throw badInput('goals', `SMART results are needed in every area; missing: ${missing.join(', ')}`);
  if (input.goals.some((g) => g.dueDate < input.startDate)) throw badInput('goals', 'a result is due after the start');
  if (input.leaseType === LeaseType.PERMANENT) throw badInput('leaseType', 'the lease starts temporary or intermediary (8.1)');
  const p = ctx.principal;
  return auditedTransaction(ctx, 'recordWelcomeAgreement', async (em) => {
    if (!(await em.existsBy(CaseSubjectEntity, { caseId: c.id, subjectId: input.subjectId }))) throw badInput('subjectId', 'not a subject of this case');
    if (await em.existsBy(WelcomeAgreementEntity, { caseId: c.id })) throw conflict('this case already has its Welkom in de Wijk Overeenkomst');
    const agreement = await em.save(
      em.create(WelcomeAgreementEntity, {
        caseId: c.id, subjectId: input.subjectId, startDate: input.startDate, consentClauseSignedOn: input.consentClauseSignedOn,
        leaseType: input.leaseType, goalAreas: [...new Set(input.goals.map((g) => g.area))], recordedById: p.memberId,
      }),
    );
    const partners = await em.findBy(CaseParticipantEntity, { caseId: c.id, role: ParticipantRole.PARTNER });
    for (const partner of partners) {
      await em.insert(ConsentRecordEntity, {
        caseId: c.id, subjectId: input.subjectId, providerOrganisationId: partner.organisationId, status: ConsentStatus.GIVEN,
        ageBand: AgeBand.FROM_16, representation: Representation.SUBJECT, explanation: CONSENT_CLAUSE, recordedById: p.memberId, recordedAt: ctx.now,
      });
      await em.update(InformationItemEntity, { caseId: c.id, subjectId: input.subjectId, providerOrganisationId: partner.organisationId }, {
        consentStatus: ConsentStatus.GIVEN,
      });
    }
    for (const g of input.goals) {
      await em.insert(InformationItemEntity, {
        caseId: c.id, subjectId: input.subjectId, category: CATEGORY_OF_AREA[g.area], providerOrganisationId: p.organisationId,
        providerMemberId: p.memberId, kind: InformationKind.FACT,
        content: `Welkom in de Wijk, ${g.area}: ${g.result.trim()} — meetbaar: ${g.measure.trim()} — uiterlijk ${g.dueDate}`,
        legalGround: CONSENT_CLAUSE, informedStatus: InformedStatus.INFORMED, consentStatus: ConsentStatus.GIVEN, providedAt: ctx.now,
      });
    }
    return agreement;
  });
}

/** The evaluation between 3 and 6 months after the start (9.1), by the regievoerder. */
export async function recordWelcomeEvaluation(ctx: Context, input: WelcomeDateInput): Promise<WelcomeAgreementEntity> {
  const c = await walcherenCase(ctx, input.caseId);
  if (!directsCase(ctx, c)) throw forbidden('Only the regievoerder records the evaluation', { reason: 'NOT_PROCESS_DIRECTOR' });
  const a = await agreementOf(ctx, c.id);
  if (a.evaluationHeldOn) throw conflict('the evaluation is already recorded');
  if (input.on > isoDate(ctx.now)) throw badInput('on', 'an evaluation is recorded once held');
  if (input.on < addMonths(a.startDate, 3) || input.on > addMonths(a.startDate, 6)) {
    throw badInput('on', 'the evaluation falls between 3 and 6 months after the start (9.1)');
  }
  return auditedTransaction(ctx, 'recordWelcomeEvaluation', async (em) => {
    await em.update(WelcomeAgreementEntity, a.id, { evaluationHeldOn: input.on });
    return em.findOneByOrFail(WelcomeAgreementEntity, { id: a.id });
  });
}

/** The corporation turns the lease permanent after an evaluation showed sufficient progress (9.2). */
export async function makeLeasePermanent(ctx: Context, input: WelcomeDateInput): Promise<WelcomeAgreementEntity> {
  const c = await walcherenCase(ctx, input.caseId);
  if (ctx.principal.sector !== Sector.WONINGCORPORATIE) throw forbidden('The housing corporation adjusts the lease (9.2)', { reason: 'NOT_CORPORATION' });
  const a = await agreementOf(ctx, c.id);
  if (a.leaseType === LeaseType.PERMANENT) throw conflict('the lease is already permanent');
  if (!a.evaluationHeldOn) throw conflict('the lease turns permanent after the evaluation (9.1–9.2)', { reason: 'EVALUATION_MISSING' });
  if (input.on < a.evaluationHeldOn) throw badInput('on', 'not before the evaluation');
  return auditedTransaction(ctx, 'makeLeasePermanent', async (em) => {
    await em.update(WelcomeAgreementEntity, a.id, { leaseType: LeaseType.PERMANENT, permanentSince: input.on });
    return em.findOneByOrFail(WelcomeAgreementEntity, { id: a.id });
  });
}

/** The agreement as the API shows it, with the evaluation window at the request's moment. */
export function welcomeView(a: WelcomeAgreementEntity, now: Date): WelcomeAgreement {
  const from = addMonths(a.startDate, 3);
  const by = addMonths(a.startDate, 6);
  const today = isoDate(now);
  const evaluationStatus = a.evaluationHeldOn
    ? EvaluationStatus.HELD
    : today > by ? EvaluationStatus.OVERDUE : today >= from ? EvaluationStatus.DUE : EvaluationStatus.NOT_YET_DUE;
  return {
    id: a.id, caseId: a.caseId, startDate: a.startDate, consentClauseSignedOn: a.consentClauseSignedOn, leaseType: a.leaseType,
    permanentSince: a.permanentSince, goalAreas: a.goalAreas, evaluationHeldOn: a.evaluationHeldOn, evaluationDueFrom: from, evaluationDueBy: by,
    evaluationStatus,
  };
}

export async function welcomeOfCase(ctx: Context, caseId: string): Promise<WelcomeAgreement | null> {
  const a = await ctx.db.findOneBy(WelcomeAgreementEntity, { caseId });
  return a ? welcomeView(a, ctx.now) : null;
}

/** Walcheren 5.3: the signal must reach the home team within 2 weeks of the arrears arising. */
export const RENT_ARREARS_DAYS = 14;

/**
 * The corporation signals rent arrears to the home team (O31; 5.3): recorded in the case the home team
 * shares, with a finance item saying so (the policy decides who reads it); late when recorded more than
 * 2 weeks after the arrears arose.
 */
export async function reportRentArrears(ctx: Context, input: ReportRentArrearsInput): Promise<RentArrearsSignal> {
  const c = await walcherenCase(ctx, input.caseId);
  const p = ctx.principal;
  if (p.sector !== Sector.WONINGCORPORATIE) throw forbidden('The housing corporation signals rent arrears (5.3)', { reason: 'NOT_CORPORATION' });
  if (input.aroseOn > isoDate(ctx.now)) throw badInput('aroseOn', 'arrears are signalled once they arose');
  const saved = await auditedTransaction(ctx, 'reportRentArrears', async (em) => {
    if (!(await em.existsBy(CaseSubjectEntity, { caseId: c.id, subjectId: input.subjectId }))) throw badInput('subjectId', 'not a subject of this case');
    const item = await em.save(em.create(InformationItemEntity, {
      caseId: c.id, subjectId: input.subjectId, category: 'finance', providerOrganisationId: p.organisationId, providerMemberId: p.memberId,
      kind: InformationKind.FACT, content: `Huurachterstand ontstaan op ${input.aroseOn} (gemeld aan Team Thuis, werkafspraken 5.3)`,
      consentStatus: ConsentStatus.GIVEN, informedStatus: InformedStatus.INFORMED, providedAt: ctx.now,
    }));
    return em.save(em.create(RentArrearsSignalEntity, {
      caseId: c.id, subjectId: input.subjectId, aroseOn: input.aroseOn, reportedAt: ctx.now, providerOrganisationId: p.organisationId, reportedById: p.memberId,
      informationItemId: item.id,
    }));
  });
  return signalView(saved);
}

function signalView(r: RentArrearsSignalEntity): RentArrearsSignal {
  const deadline = addDays(r.aroseOn, RENT_ARREARS_DAYS);
  return { id: r.id, caseId: r.caseId, aroseOn: r.aroseOn, reportedAt: r.reportedAt, deadline, late: isoDate(r.reportedAt) > deadline };
}

/**
 * A case's rent-arrears signals, oldest first (only the late ones with `lateOnly`). They say what the finance item
 * reported with them says: shown to the corporation that signalled them, and to others exactly when they may see that
 * item (the category policy and the item's own conditions: restriction, consent, sharing restriction), which the
 * disclosure log then records as a disclosure of the item (O12).
 */
export async function rentArrearsOfCase(ctx: Context, caseId: string, lateOnly: boolean): Promise<RentArrearsSignal[]> {
  const rows = await ctx.db.find(RentArrearsSignalEntity, { where: { caseId }, order: { aroseOn: 'ASC', createdAt: 'ASC' } });
  if (rows.length === 0) return [];
  const own = (r: RentArrearsSignalEntity) => r.providerOrganisationId === ctx.principal.organisationId;
  const shown = new Set<string>();
  const others = rows.filter((r) => !own(r) && r.informationItemId);
  if (others.length) {
    const items = await itemsWithMeetingFacts(ctx.loaders, caseId, ctx.now, ['finance']);
    for (const subjectId of new Set(others.map((r) => r.subjectId))) {
      const view = await ctx.access.subjectView(caseId, items.filter((i) => i.subjectId === subjectId));
      const finance = view.decisions.get('finance');
      const visible = (view.visible.get('finance') ?? []).filter((i) => others.some((r) => r.subjectId === subjectId && r.informationItemId === i.id));
      for (const i of visible) shown.add(i.id);
      if (visible.length) ctx.disclosures.note({ caseId, subjectId }, 'finance', 'finance', finance, visible);
    }
  }
  return rows
    .filter((r) => own(r) || (r.informationItemId !== null && shown.has(r.informationItemId)))
    .map(signalView)
    .filter((v) => !lateOnly || v.late);
}
