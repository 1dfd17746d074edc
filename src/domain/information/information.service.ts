import type { EntityManager } from 'typeorm';
import { badInput, forbidden } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import type { InformationItemRow, Loaders } from '../../server/loaders.js';
import { requirePartnerIn } from '../case/case.service.js';
import { MemberRole } from '../member/member.entity.js';
import { Sector } from '../organisation/sector.js';
import { CaseSubjectEntity } from '../subject/subject.entity.js';
import { CATEGORIES, POLICE_JUSTIFICATION_LENGTH, categoryByKey } from './categories.js';
import { InformationItemEntity } from './information.entity.js';
import type { AddInformationItemInput, InformationItemsArgs } from './information.inputs.js';
import { keysetPage } from '../../common/pagination.js';
import { CaseEntity } from '../case/case.entity.js';
import { whereCaseVisible } from '../case/case-scope.js';
import type { SubjectInformation } from './information.type.js';
import { auditedTransaction } from '../../audit/audited-transaction.js';
import { writeNow, type RowWriter } from '../../common/row-writer.js';
import { recordedStatuses } from '../consent/consent.service.js';

export async function addInformationItem(ctx: Context, input: AddInformationItemInput): Promise<InformationItemEntity> {
  checkProvision(ctx, input.category, input);
  const c = await requirePartnerIn(ctx, input.caseId);
  return auditedTransaction(ctx, 'addInformationItem', (em) => createItemIn(ctx, em, c.id, input));
}

/**
 * Who may provide an item of this category, and with what (addInformationItem, upserts, imports): O9 police
 * data only by the police officers taking part; O17 special and criminal categories (and police data) only
 * with a recorded legal ground; O10 police data only with the officer's justification (no non-police source will
 * do; accurate, current, complete, relevant, not excessive).
 */
export function checkProvision(
  ctx: Context,
  categoryKey: string,
  { legalGround, policeJustification }: { legalGround?: string | null; policeJustification?: string | null },
): void {
  const p = ctx.principal;
  const category = categoryByKey(categoryKey);
  if (!category) throw badInput('category', 'no such category');
  // O9: police data is provided only by the police officers taking part (art. 7.7; besluit §3).
  if (category.police && !(p.sector === Sector.POLITIE && p.roles.includes(MemberRole.POLICE_OFFICER))) {
    throw forbidden('Police data is provided only by the police officers taking part', { reason: 'NOT_POLICE_OFFICER' });
  }
  // O17: special and criminal categories (and police data) only with a recorded legal ground.
  if ((category.special || category.police) && !legalGround?.trim()) {
    throw badInput('legalGround', `a legal ground is required for ${category.key}`);
  }
  // O10: police data only when no non-police source will do, and only accurate, current, complete, relevant and not
  // excessive data (Privacyregeling art. 7.5–7.6): the officer records why.
  // Only police items carry one: a justification elsewhere would show police reasoning to whoever may read that category.
  if (!category.police && policeJustification?.trim()) {
    throw badInput('policeJustification', `only police items carry the officer's justification; ${category.key} is no police category (O10)`);
  }
  if (category.police && (policeJustification?.trim().length ?? 0) < POLICE_JUSTIFICATION_LENGTH.min) {
    throw badInput(
      'policeJustification',
      `police data needs the officer's justification of at least ${POLICE_JUSTIFICATION_LENGTH.min} characters: why no non-police source will do, and that the data is accurate, current, complete, relevant and not excessive (O10)`,
    );
  }
}

/** The fields an item is provided with (AddInformationItemInput, and the upserts' item fields). */
export type ItemFields = Pick<
  AddInformationItemInput,
  | 'subjectId' | 'category' | 'content' | 'kind' | 'legalGround' | 'policeJustification' | 'sharingRestriction' | 'viewableBeforeMeeting'
  | 'informedStatus' | 'consentStatus'
>;

/**
 * Provide an item in the caller's transaction, on a case the caller is a partner of (checked by the caller,
 * with checkProvision): the subject must be in the case; the provider's informing and consent records decide
 * the statuses (O22, O23), the input's only where nothing is recorded yet.
 */
export async function createItemIn(
  ctx: Context,
  em: EntityManager,
  caseId: string,
  input: ItemFields,
  key: { sourceSystem: string; externalId: string } | null = null,
  known: { subjectInCase?: boolean; recorded?: Awaited<ReturnType<typeof recordedStatuses>> } = {},
  writer: RowWriter = writeNow,
): Promise<InformationItemEntity> {
  const p = ctx.principal;
  if (!known.subjectInCase && !(await em.existsBy(CaseSubjectEntity, { caseId, subjectId: input.subjectId }))) {
    throw badInput('subjectId', 'not a subject of this case');
  }
  const recorded = known.recorded ?? (await recordedStatuses(em, caseId, input.subjectId, p.organisationId));
  return writer.save(
    em,
    em.create(InformationItemEntity, {
      caseId,
      subjectId: input.subjectId,
      category: input.category,
      providerOrganisationId: p.organisationId,
      providerMemberId: p.memberId,
      content: input.content,
      kind: input.kind,
      legalGround: input.legalGround?.trim() || null,
      policeJustification: input.policeJustification?.trim() || null,
      sharingRestriction: input.sharingRestriction,
      viewableBeforeMeeting: input.viewableBeforeMeeting,
      informedStatus: recorded.informedStatus ?? input.informedStatus,
      consentStatus: recorded.consentStatus ?? input.consentStatus,
      sourceSystem: key?.sourceSystem ?? null,
      externalId: key?.externalId ?? null,
    }),
  );
}

/**
 * The items of a case with the fact O18 needs: has a meeting of the case begun at `now`? (An item its
 * provider did not let others view before a meeting is viewable once one has begun.) The loader's rows
 * are the request's own, so the fact is set on them in place. With `categories`, only the items of those.
 */
export async function itemsWithMeetingFacts(
  loaders: Loaders,
  caseId: string,
  now: Date,
  categories?: readonly string[],
): Promise<(InformationItemRow & { meetingStarted: boolean })[]> {
  const rows = (await (categories ? loaders.itemsInCategories.load({ caseId, categories }) : loaders.itemsByCase.load(caseId))) as (InformationItemRow & {
    meetingStarted: boolean;
  })[];
  for (const r of rows) r.meetingStarted = r.firstMeetingAt !== null && r.firstMeetingAt <= now;
  return rows;
}

/**
 * A subject's information in a case, one field per category, as the field policy allows: a denied
 * category is null (its rule reports why), an allowed one holds only the items this member may see.
 * Items are fetched in one batched statement per page, only those of the categories the policy may show
 * in the case; decisions come from the request's access cache.
 */
export async function informationOf(ctx: Context, caseId: string, subjectId: string): Promise<SubjectInformation> {
  const categories = await ctx.access.categoriesToRead(caseId);
  const items = (await itemsWithMeetingFacts(ctx.loaders, caseId, ctx.now, categories)).filter((i) => i.subjectId === subjectId);
  const view = await ctx.access.subjectView(caseId, items);
  const info: SubjectInformation = { caseId, subjectId, decisions: view.decisions };
  for (const c of CATEGORIES) info[c.field] = view.decisions.get(c.key)!.allowed ? view.visible.get(c.key) : null;
  return info;
}

/**
 * The items the caller's own organisation provided, in the cases it takes part in (row scope first), newest
 * first; `updatedSince` for a registration system polling its own data back. Others' items are read through
 * a subject's `information`, under the category policy (and the disclosure log).
 */
export async function listOwnItems(ctx: Context, args: InformationItemsArgs) {
  const base = () => {
    const qb = ctx.db.getRepository(InformationItemEntity).createQueryBuilder('i').innerJoin(CaseEntity, 'c', 'c.id = i.case_id');
    whereCaseVisible(qb, 'c', ctx.principal, ctx.now);
    qb.andWhere('i.provider_organisation_id = :own', { own: ctx.principal.organisationId });
    if (args.caseId) qb.andWhere('i.case_id = :caseId', { caseId: args.caseId });
    if (args.updatedSince) qb.andWhere('i.updated_at >= :since', { since: args.updatedSince });
    return qb;
  };
  return keysetPage(base, 'i', args, (i) => i);
}
