import type { EntityManager } from 'typeorm';
import { encodeCursor, decodeCursor } from '../../common/pagination.js';
import { badInput, conflict, forbidden, notFound } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { CollaborationEntity } from '../collaboration/collaboration.entity.js';
import { isPartyOf } from '../collaboration/membership.js';
import { MemberEntity, MemberRole } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';
import { CaseEntity, CaseParticipantEntity, ParticipantRole } from './case.entity.js';
import type { CasesArgs, InviteParticipantInput, RegisterCaseInput } from './case.inputs.js';
import { participationRoleSql, whereCaseVisible, whereOwnParticipationFirst } from './case-scope.js';
import { auditedTransaction } from '../../audit/audited-transaction.js';
import { FINISHED_PHASES } from './case-phase.js';
import { writeNow, type RowWriter } from '../../common/row-writer.js';
import { isUuid } from '../../common/ids.js';

const CURSOR_TS = `to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Cases the caller takes part in, newest first, row scope applied before paging and counting. One
 * statement reads the page and the caller's participation in each case (primed into the request's
 * loaders, so the field rules and the policy find them without asking again). The total is counted only
 * when the query asks for it: counting every case a busy partner takes part in costs more than the page.
 */
export async function listCases(ctx: Context, args: CasesArgs) {
  const base = () => {
    const qb = ctx.db.getRepository(CaseEntity).createQueryBuilder('c');
    whereCaseVisible(qb, 'c', ctx.principal, ctx.now);
    if (args.collaborationId) qb.andWhere('c.collaboration_id = :col', { col: args.collaborationId });
    if (args.phase) qb.andWhere('c.phase = :phase', { phase: args.phase });
    if (args.updatedSince) qb.andWhere('c.updated_at >= :since', { since: args.updatedSince });
    return qb;
  };
  const page = base()
    .addSelect(CURSOR_TS, 'cursor_ts')
    .addSelect(participationRoleSql('c'), 'participation_role');
  if (args.after) {
    const k = decodeCursor(args.after);
    page.andWhere('(c.created_at, c.id) < (:afterTs::timestamptz, :afterId::uuid)', { afterTs: k.createdAt, afterId: k.id });
  }
  page.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').limit(args.first + 1);
  const { entities, raw } = await page.getRawAndEntities<{ cursor_ts: string; participation_role: ParticipantRole | null }>();
  entities.forEach((c, i) => {
    ctx.loaders.case.prime(c.id, c);
    ctx.participation.remember(c.id, raw[i].participation_role);
  });
  const edges = entities.slice(0, args.first).map((node, i) => ({
    node,
    cursor: encodeCursor({ createdAt: raw[i].cursor_ts, id: node.id }),
  }));
  return {
    edges,
    // A getter: read (and counted) only when the query selects the field.
    get totalCount() {
      return whereOwnParticipationFirst(base(), 'c', ctx.principal).getCount();
    },
    pageInfo: { hasNextPage: entities.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** One case, or NOT_FOUND — the same answer whether it does not exist or the caller does not take part. */
export async function getCase(ctx: Context, id: string): Promise<CaseEntity> {
  if (!isUuid(id)) throw notFound('Case');
  const qb = ctx.db.getRepository(CaseEntity).createQueryBuilder('c').where('c.id = :id', { id });
  whereCaseVisible(qb, 'c', ctx.principal, ctx.now);
  const c = await qb.getOne();
  if (!c) {
    // The one invited may learn why: an ad-hoc invitation gives access only after the signed statement (O20).
    const pending: unknown[] = await ctx.db.query(
      `SELECT 1 FROM case_participant WHERE case_id = $1 AND member_id = $2 AND role = 'AD_HOC'
         AND (confidentiality_signed_at IS NULL OR confidentiality_signed_at > $3)`,
      [id, ctx.principal.memberId, ctx.now],
    );
    if (pending.length) {
      throw forbidden('Your confidentiality statement has not been recorded yet (Zeist art. 11)', { reason: 'CONFIDENTIALITY_STATEMENT_MISSING' });
    }
    throw notFound('Case');
  }
  return c;
}

/**
 * The caller must take part in the case as a PARTNER (ad-hoc participants only read). Unless
 * `finished` is allowed, the case must still be worked on: a de-escalated, referred or closed case
 * takes no new subjects, information or participants (O27, O30).
 */
export async function requirePartnerIn(ctx: Context, caseId: string, opts: { finished?: boolean } = {}): Promise<CaseEntity> {
  const c = await getCase(ctx, caseId);
  if ((await ctx.participation.load(c.id)) !== ParticipantRole.PARTNER) {
    throw forbidden('Only partners taking part in the case may change it', { reason: 'NOT_PARTNER' });
  }
  if (!opts.finished && FINISHED_PHASES.has(c.phase)) {
    throw conflict(`the case is ${c.phase} and no longer worked on`, { reason: 'CASE_FINISHED', phase: c.phase });
  }
  return c;
}

/**
 * Does the caller direct the case: its process director, or a PROCESS_DIRECTOR or COORDINATOR of a
 * partner (ZVHD bijlage 3 "door: informatiemakelaar / procesregisseur"; Zeist: the wijkmanager chairs)?
 */
export function directsCase(ctx: Context, c: CaseEntity): boolean {
  const p = ctx.principal;
  return c.processDirectorId === p.memberId || p.roles.includes(MemberRole.PROCESS_DIRECTOR) || p.roles.includes(MemberRole.COORDINATOR);
}

export async function registerCase(ctx: Context, input: RegisterCaseInput): Promise<CaseEntity> {
  return auditedTransaction(ctx, 'registerCase', (em) => createCaseIn(ctx, em, input));
}

/**
 * Register a case inside the caller's transaction (registerCase, upsertCase, imports): the caller's
 * organisation must be a party to the collaboration; it becomes reporter and first partner.
 */
export async function createCaseIn(
  ctx: Context,
  em: EntityManager,
  input: Pick<RegisterCaseInput, 'collaborationId' | 'reference' | 'title' | 'kind' | 'lifeDomains'>,
  key: { sourceSystem: string; externalId: string } | null = null,
  opts: { writer?: RowWriter; partyChecked?: boolean } = {},
): Promise<CaseEntity> {
  const p = ctx.principal;
  const writer = opts.writer ?? writeNow;
  if (!opts.partyChecked) await requireParty(ctx, em, input.collaborationId);
  // Written later, a taken reference meets the unique index (collaboration, reference), and the caller learns which row.
  if (!writer.deferred && (await em.existsBy(CaseEntity, { collaborationId: input.collaborationId, reference: input.reference }))) {
    throw conflict(`reference ${input.reference} is already in use in this collaboration`, { field: 'reference' });
  }
  const c = await writer.save(
    em,
    em.create(CaseEntity, {
      collaborationId: input.collaborationId,
      reference: input.reference,
      title: input.title,
      kind: input.kind,
      lifeDomains: [...new Set(input.lifeDomains)],
      reportingOrganisationId: p.organisationId,
      processDirectorId: p.roles.includes(MemberRole.PROCESS_DIRECTOR) ? p.memberId : null,
      sourceSystem: key?.sourceSystem ?? null,
      externalId: key?.externalId ?? null,
    }),
  );
  await writer.insert(em, CaseParticipantEntity, {
    caseId: c.id,
    organisationId: p.organisationId,
    role: ParticipantRole.PARTNER,
    invitedById: p.memberId,
  });
  return c;
}

/** The caller's organisation must be a party to the collaboration to register a case in it. */
export async function requireParty(ctx: Context, em: EntityManager, collaborationId: string): Promise<void> {
  const col = await em.findOneBy(CollaborationEntity, { id: collaborationId });
  if (!col) throw badInput('collaborationId', 'no such collaboration');
  if (!(await isPartyOf(em, ctx.principal.organisationId, col.id, ctx.now))) {
    throw forbidden('Your organisation is not a party to this collaboration', { reason: 'NOT_A_PARTY' });
  }
}

/**
 * Invite a participant (O6, O8): only the case's process director or a coordinator of a partner
 * organisation; a PARTNER must be a party to the collaboration's agreement; an AD_HOC invitation names
 * the one member invited.
 */
export async function inviteParticipant(ctx: Context, input: InviteParticipantInput): Promise<CaseParticipantEntity> {
  const p = ctx.principal;
  const c = await requirePartnerIn(ctx, input.caseId);
  if (!directsCase(ctx, c)) throw forbidden('Only the process director or a coordinator invites participants', { reason: 'NOT_PROCESS_DIRECTOR' });
  return auditedTransaction(ctx, 'inviteParticipant', async (em) => {
    const org = await em.findOneBy(OrganisationEntity, { id: input.organisationId });
    if (!org) throw badInput('organisationId', 'no such organisation');
    let memberId: string | null = null;
    if (input.role === ParticipantRole.AD_HOC) {
      if (!input.memberId) throw badInput('memberId', 'an ad-hoc participant is one named member');
      const m = await em.findOneBy(MemberEntity, { id: input.memberId });
      if (!m || m.organisationId !== org.id) throw badInput('memberId', 'not a member of that organisation');
      memberId = m.id;
    } else {
      if (input.memberId) throw badInput('memberId', 'a PARTNER participation covers the whole organisation');
      if (!(await isPartyOf(em, org.id, c.collaborationId, ctx.now))) {
        throw forbidden('Only parties to the agreement may take part as PARTNER', { reason: 'NOT_A_PARTY' });
      }
    }
    const existing = await em
      .createQueryBuilder(CaseParticipantEntity, 'cp')
      .where('cp.case_id = :c AND cp.organisation_id = :o', { c: c.id, o: org.id })
      .andWhere(memberId ? 'cp.member_id = :m' : 'cp.member_id IS NULL', { m: memberId })
      .getExists();
    if (existing) throw conflict('already taking part in this case');
    return em.save(
      em.create(CaseParticipantEntity, { caseId: c.id, organisationId: org.id, memberId, role: input.role, invitedById: p.memberId }),
    );
  });
}
