import { createLoaders } from '../../server/loaders.js';
import { principalByLogin } from '../../auth/authenticate.js';
import { appError, badInput, ErrorCode, notFound } from '../../common/errors.js';
import { decideCategory, isPoliceCategory, itemFailure, type CategoryDecision } from '../../policy/engine.js';
import { parsePolicy, PolicyError } from '../../policy/policy-loader.js';
import { databaseProblems, organisationNames, PolicyRegistry } from '../../policy/policy-store.js';
import { accessMatrix, matrixCsv, policyDiff } from '../../policy/policy-tables.js';
import { PolicyVersionEntity } from '../../policy/policy-version.entity.js';
import type { LoadedPolicy } from '../../policy/policy.types.js';
import { RequestAccess } from '../../policy/request-access.js';
import type { Context } from '../../server/context.js';
import { participationLoader } from '../case/case-scope.js';
import { itemsWithMeetingFacts } from '../information/information.service.js';
import { CaseEntity } from '../case/case.entity.js';
import { CollaborationEntity } from '../collaboration/collaboration.entity.js';
import { isPartyOf } from '../collaboration/membership.js';
import { CATEGORIES, categoryByField, type CategoryKey } from '../information/categories.js';
import { CaseSubjectEntity, SubjectEntity } from '../subject/subject.entity.js';
import type { AccessExplanation, AccessMatrix, ExplainAccessInput, PolicyDiff, PolicyVersionInfo } from './policy-tools.type.js';

/**
 * The privacy officer's tools. Only members with role PRIVACY_OFFICER reach them (rule `privacyOfficer`),
 * and only for collaborations their organisation is a party to (signed agreement): anything else is
 * NOT_FOUND, exactly as if it did not exist, so an officer learns nothing of other collaborations' cases.
 * Decisions come from the API's own engine and fact gathering (RequestAccess), never a copy.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A collaboration (by slug) the officer's organisation is a party to; NOT_FOUND otherwise. */
async function officerCollaboration(ctx: Context, slug: string): Promise<CollaborationEntity> {
  const col = await ctx.system.getRepository(CollaborationEntity).findOneBy({ slug });
  if (!col || !(await isPartyOf(ctx.system.manager, ctx.principal.organisationId, col.id, ctx.now))) throw notFound('collaboration');
  return col;
}

/**
 * The policy to decide with: a draft from the request (validated by the same loader, never stored), a
 * version stored in policy_version, or the active one.
 */
async function policyFor(ctx: Context, col: CollaborationEntity, version?: string | null, draft?: string | null): Promise<{ policy: LoadedPolicy; draft: boolean }> {
  if (draft != null) {
    let p: LoadedPolicy;
    try {
      p = parsePolicy('draftPolicy', draft, { checkFileName: false });
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      throw appError(ErrorCode.BAD_USER_INPUT, `draftPolicy: ${e.problems.join('; ')}`, { field: 'draftPolicy', problems: e.problems });
    }
    const problems = p.doc.collaboration === col.slug ? databaseProblems(p, col, await organisationNames(ctx.system)) : [`collaboration: the draft is for "${p.doc.collaboration}", not "${col.slug}"`];
    if (problems.length) throw appError(ErrorCode.BAD_USER_INPUT, `draftPolicy: ${problems.join('; ')}`, { field: 'draftPolicy', problems });
    return { policy: { ...p, label: `${p.label} (draft)` }, draft: true };
  }
  if (version) {
    const row = await ctx.system.getRepository(PolicyVersionEntity).findOneBy({ collaborationId: col.id, version });
    if (!row) throw notFound(`policy version ${col.slug}@${version}`);
    return { policy: parsePolicy(row.fileName, row.source, { checkFileName: false }), draft: false };
  }
  const active = ctx.policies.forCollaboration(col.id);
  if (!active) throw notFound(`policy of ${col.slug}`);
  return { policy: active, draft: false };
}

/** A case by id or reference, in a collaboration the officer's organisation is a party to. */
async function officerCase(ctx: Context, ref: string): Promise<CaseEntity> {
  const repo = ctx.system.getRepository(CaseEntity);
  const candidates = UUID.test(ref) ? await repo.findBy({ id: ref }) : await repo.findBy({ reference: ref });
  for (const c of candidates) if (await isPartyOf(ctx.system.manager, ctx.principal.organisationId, c.collaborationId, ctx.now)) return c;
  throw notFound('case');
}

function categoryOf(input: ExplainAccessInput): CategoryKey {
  if (input.field && input.category) throw badInput('field', 'give a field or a category, not both');
  if (input.category) return input.category;
  if (!input.field) throw badInput('field', 'give a field (SubjectInformation.policeIncidents) or a category');
  const c = categoryByField(input.field.replace(/^SubjectInformation\./, ''));
  if (!c) throw badInput('field', `${input.field} is not a personal-data field (one of ${CATEGORIES.map((x) => x.field).join(', ')})`);
  return c.key;
}

/** explainAccess: the decision the API would make for `member` on this case, field and purpose — and why. */
export async function explainAccess(ctx: Context, input: ExplainAccessInput): Promise<AccessExplanation> {
  const category = categoryOf(input);
  // Privileged: the officer reads the case as the member would, not confined to its own cases.
  const loaders = createLoaders(ctx.system.manager);
  const c = await officerCase(ctx, input.case);
  const col = (await loaders.collaboration.load(c.collaborationId))!;
  const target = await principalByLogin(ctx.system, input.member);
  if (!target) throw notFound('member');
  const { policy, draft } = await policyFor(ctx, col, input.version, input.draftPolicy);
  // The member's request as the API would see it, with this policy in the registry.
  const access = new RequestAccess(ctx.system.manager, target, new PolicyRegistry([[col.id, policy]]), loaders, participationLoader(ctx.system.manager, target, ctx.now), input.purpose?.trim() || null, ctx.access.now);
  const { facts } = await access.facts(c.id);

  let subject: SubjectEntity | null = null;
  let d: CategoryDecision;
  let items: AccessExplanation['items'] = [];
  if (input.subject) {
    const links = await loaders.subjectsByCase.load(c.id);
    const subjects = (await loaders.subject.loadMany(links.map((l) => l.subjectId))) as (SubjectEntity | null)[];
    subject = subjects.find((s) => s && (s.id === input.subject || s.pseudonym === input.subject)) ?? null;
    if (!subject) throw notFound('subject in this case');
    const own = (await itemsWithMeetingFacts(loaders, c.id, ctx.access.now)).filter((i) => i.subjectId === subject!.id);
    const view = await access.subjectView(c.id, own);
    d = view.decisions.get(category)!;
    const shown = new Set(view.visible.get(category)!.map((i) => i.id));
    const isPolice = CATEGORIES.find((x) => x.key === category)!.police;
    items = await Promise.all(
      own
        .filter((i) => i.category === category)
        .map(async (i) => {
          const failures = d.itemConditions.map((conds) => itemFailure(conds, i));
          const reason = !d.allowed
            ? 'CATEGORY_DENIED'
            : i.providerOrganisationId === target.organisationId
              ? 'OWN_ITEM'
              : failures.includes(null)
                ? 'PASSES_CONDITIONS'
                : (failures[0] ?? 'CATEGORY_DENIED');
          const provider = await loaders.organisation.load(i.providerOrganisationId);
          return {
            id: i.id, provider: provider?.name ?? '', providedAt: i.providedAt, visible: shown.has(i.id), reason,
            policeJustified: isPolice ? i.policeJustification !== null : null,
          };
        }),
    );
  } else {
    const caseDecisions = await access.caseDecisions(c.id);
    // Without a subject, police.special is "in addition" when another police category is allowed at all.
    d = category === 'police.special'
      ? decideCategory(policy, facts, category, () => [...caseDecisions].some(([k, x]) => isPoliceCategory(k) && x.allowed))
      : caseDecisions.get(category)!;
  }
  return {
    decision: d.allowed ? 'ALLOW' : 'DENY',
    reason: d.reason ?? null,
    category,
    field: `SubjectInformation.${CATEGORIES.find((x) => x.key === category)!.field}`,
    policyVersion: d.policy,
    policyHash: d.policyHash,
    draft,
    member: target.login,
    organisation: facts.organisationName,
    sector: target.sector,
    participation: facts.participation as AccessExplanation['participation'],
    purpose: facts.purpose,
    caseReference: c.reference,
    subject: subject?.pseudonym ?? null,
    grant: d.grant ?? null,
    article: d.article ?? null,
    art20DecisionId: d.art20DecisionId ?? null,
    checks: d.trace,
    itemConditions: d.itemConditions.map((cs) => cs.join('+')),
    items,
  } as AccessExplanation;
}

export async function accessMatrixOf(ctx: Context, slug: string, version?: string | null, draftPolicy?: string | null): Promise<AccessMatrix> {
  const col = await officerCollaboration(ctx, slug);
  const { policy, draft } = await policyFor(ctx, col, version, draftPolicy);
  const m = accessMatrix(policy);
  return {
    collaboration: col.slug,
    policyVersion: policy.label,
    draft,
    sectors: m.sectors,
    purposes: policy.doc.purposes.map((p) => ({ ...p, police: p.police === true })),
    cells: m.cells,
    csv: matrixCsv(m),
  } as AccessMatrix;
}

export async function policyDiffOf(ctx: Context, slug: string, from: string, to?: string | null, draftPolicy?: string | null): Promise<PolicyDiff> {
  if ((to == null) === (draftPolicy == null)) throw badInput('to', 'give a version to compare with, or a draftPolicy');
  const col = await officerCollaboration(ctx, slug);
  const before = (await policyFor(ctx, col, from)).policy;
  const after = (await policyFor(ctx, col, to, draftPolicy)).policy;
  return { collaboration: col.slug, from: before.label, to: after.label, changes: policyDiff(before, after) } as PolicyDiff;
}

export async function policyVersionsOf(ctx: Context, slug: string): Promise<PolicyVersionInfo[]> {
  const col = await officerCollaboration(ctx, slug);
  const active = ctx.policies.forCollaboration(col.id);
  const rows = await ctx.system.getRepository(PolicyVersionEntity).find({ where: { collaborationId: col.id }, order: { createdAt: 'ASC' } });
  return rows.map((r) => ({ version: r.version, effectiveDate: r.effectiveDate, contentHash: r.contentHash, active: r.contentHash === active?.hash, loadedAt: r.createdAt }));
}
