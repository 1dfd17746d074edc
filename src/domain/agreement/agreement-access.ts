import type { EntityManager } from 'typeorm';
import { forbidden, notFound } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { isPartyOf } from '../collaboration/membership.js';
import type { MemberRole } from '../member/member.entity.js';
import { AgreementEntity } from './agreement.entity.js';

/** The agreement, locked for the rest of the transaction; NOT_FOUND unless the caller's organisation is an active party of its collaboration. */
export async function agreementOfMyCollaboration(em: EntityManager, ctx: Context, agreementId: string): Promise<AgreementEntity> {
  const a = await em.findOne(AgreementEntity, { where: { id: agreementId }, lock: { mode: 'pessimistic_write' } });
  if (!a || !(await isPartyOf(em, ctx.principal.organisationId, a.collaborationId, ctx.now))) throw notFound('Agreement');
  return a;
}

/** The caller must hold one of these roles (the covenant names who decides). */
export function requireRole(ctx: Context, roles: MemberRole[], reason: string): void {
  if (!roles.some((r) => ctx.principal.roles.includes(r))) {
    throw forbidden(`Only ${roles.join(' or ')} may do this`, { reason });
  }
}
