import { badInput, forbidden } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import type { InformationItemRow, Loaders } from '../../server/loaders.js';
import { requirePartnerIn } from '../case/case.service.js';
import { MemberRole } from '../member/member.entity.js';
import { Sector } from '../organisation/sector.js';
import { CaseSubjectEntity } from '../subject/subject.entity.js';
import { CATEGORIES } from './categories.js';
import { InformationItemEntity } from './information.entity.js';
import type { AddInformationItemInput } from './information.inputs.js';
import type { SubjectInformation } from './information.type.js';
import { auditedTransaction } from '../../audit/audited-transaction.js';
import { recordedStatuses } from '../consent/consent.service.js';

export async function addInformationItem(ctx: Context, input: AddInformationItemInput): Promise<InformationItemEntity> {
  const p = ctx.principal;
  const category = CATEGORIES.find((c) => c.key === input.category)!;
  // O9: police data is provided only by the police officers taking part (art. 7.7; besluit §3).
  if (category.police && !(p.sector === Sector.POLITIE && p.roles.includes(MemberRole.POLICE_OFFICER))) {
    throw forbidden('Police data is provided only by the police officers taking part', { reason: 'NOT_POLICE_OFFICER' });
  }
  // O17: special and criminal categories (and police data) only with a recorded legal ground.
  if ((category.special || category.police) && !input.legalGround?.trim()) {
    throw badInput('legalGround', `a legal ground is required for ${category.key}`);
  }
  const c = await requirePartnerIn(ctx, input.caseId);
  return auditedTransaction(ctx, 'addInformationItem', async (em) => {
    if (!(await em.existsBy(CaseSubjectEntity, { caseId: c.id, subjectId: input.subjectId }))) {
      throw badInput('subjectId', 'not a subject of this case');
    }
    // The provider's informing and consent records decide the item's statuses (O22, O23); the input's only
    // where nothing is recorded yet.
    const recorded = await recordedStatuses(em, c.id, input.subjectId, p.organisationId);
    return em.save(
      em.create(InformationItemEntity, {
        caseId: c.id,
        subjectId: input.subjectId,
        category: category.key,
        providerOrganisationId: p.organisationId,
        providerMemberId: p.memberId,
        content: input.content,
        kind: input.kind,
        legalGround: input.legalGround?.trim() || null,
        sharingRestriction: input.sharingRestriction,
        viewableBeforeMeeting: input.viewableBeforeMeeting,
        informedStatus: recorded.informedStatus ?? input.informedStatus,
        consentStatus: recorded.consentStatus ?? input.consentStatus,
      }),
    );
  });
}

/**
 * The items of a case with the fact O18 needs: has a meeting of the case begun at `now`? (An item its
 * provider did not let others view before a meeting is viewable once one has begun.) The loader's rows
 * are the request's own, so the fact is set on them in place.
 */
export async function itemsWithMeetingFacts(loaders: Loaders, caseId: string, now: Date): Promise<(InformationItemRow & { meetingStarted: boolean })[]> {
  const rows = (await loaders.itemsByCase.load(caseId)) as (InformationItemRow & { meetingStarted: boolean })[];
  for (const r of rows) r.meetingStarted = r.firstMeetingAt !== null && r.firstMeetingAt <= now;
  return rows;
}

/**
 * A subject's information in a case, one field per category, as the field policy allows: a denied
 * category is null (its rule reports why), an allowed one holds only the items this member may see.
 * Items are fetched in one batched statement per page; decisions come from the request's access cache.
 */
export async function informationOf(ctx: Context, caseId: string, subjectId: string): Promise<SubjectInformation> {
  const items = (await itemsWithMeetingFacts(ctx.loaders, caseId, ctx.now)).filter((i) => i.subjectId === subjectId);
  const view = await ctx.access.subjectView(caseId, items);
  const info: SubjectInformation = { caseId, subjectId, decisions: view.decisions };
  for (const c of CATEGORIES) info[c.field] = view.decisions.get(c.key)!.allowed ? view.visible.get(c.key) : null;
  return info;
}
