import { randomBytes } from 'node:crypto';
import { auditedTransaction } from '../../audit/audited-transaction.js';
import { badInput, forbidden, notFound } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { isPartyOf } from '../collaboration/membership.js';
import { MemberRole } from '../member/member.entity.js';
import type { RegisterWebhookInput } from './webhook.inputs.js';
import { hostRefusal, type EgressRules } from './webhook-egress.js';
import type { Webhook } from './webhook.type.js';
import { isUuid } from '../../common/ids.js';

/**
 * Who registers and removes an organisation's webhooks: its privacy officer or coordinator (a webhook copies
 * the organisation's view of the collaboration's cases into one of its systems, so someone accountable for
 * its processing decides: O14, O39), or a service account holding the scope `webhooks:manage` (checked
 * before this, by the rule map's SCOPE_OF).
 */
export const WEBHOOK_ROLES: readonly MemberRole[] = [MemberRole.PRIVACY_OFFICER, MemberRole.COORDINATOR];

function requireWebhookManager(ctx: Context): void {
  const p = ctx.principal;
  if (p.scopes) return;
  if (!p.roles.some((r) => WEBHOOK_ROLES.includes(r))) {
    throw forbidden("Only the organisation's privacy officer or coordinator manages its webhooks", { reason: 'NOT_WEBHOOK_MANAGER' });
  }
}

/**
 * An http(s) URL without credentials, to a host the server may send to (`rules`: the allow-list
 * SCHAKEL_WEBHOOK_ALLOWED_HOSTS, and addresses never sent to; see webhook-egress.ts and docs/security.md on SSRF).
 * A host name is checked again, with the addresses it resolves to, at every delivery.
 */
export function checkWebhookUrl(raw: string, rules: EgressRules): string {
  const v = raw.trim();
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw badInput('url', 'not a URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw badInput('url', 'only http and https URLs are allowed');
  if (u.username || u.password) throw badInput('url', 'credentials in the URL are not allowed; deliveries are signed instead');
  if (!u.hostname) throw badInput('url', 'a host is required');
  const refused = hostRefusal(u.hostname, rules);
  if (refused === 'HOST_NOT_ALLOWED') throw badInput('url', 'this host is not on the webhook allow-list (SCHAKEL_WEBHOOK_ALLOWED_HOSTS)');
  if (refused) throw badInput('url', 'webhooks are never sent to this address (loopback, link-local, multicast or unspecified)');
  return u.toString();
}

const LIST_SQL = `SELECT s.id, s.collaboration_id AS "collaborationId", s.url, s.description, s.purpose, s.created_at AS "createdAt",
    count(d.id) FILTER (WHERE d.status = 'PENDING')::int AS "pendingDeliveries",
    count(d.id) FILTER (WHERE d.status = 'FAILED')::int AS "failedDeliveries",
    count(d.id) FILTER (WHERE d.status = 'DELIVERED')::int AS "deliveredDeliveries",
    max(d.delivered_at) AS "lastDeliveredAt",
    (SELECT e.last_error FROM webhook_delivery e WHERE e.subscription_id = s.id AND e.status IN ('PENDING', 'FAILED')
       AND e.last_error IS NOT NULL ORDER BY e.last_attempt_at DESC NULLS LAST LIMIT 1) AS "lastError"
  FROM webhook_subscription s LEFT JOIN webhook_delivery d ON d.subscription_id = s.id`;

/** The organisation's own webhooks (row-level security confines the session to them), oldest first. */
export async function listWebhooks(ctx: Context, id?: string): Promise<Webhook[]> {
  requireWebhookManager(ctx);
  const rows: Webhook[] = await ctx.db.query(
    `${LIST_SQL} WHERE s.organisation_id = $1 ${id ? 'AND s.id = $2' : ''} GROUP BY s.id ORDER BY s.created_at, s.id`,
    id ? [ctx.principal.organisationId, id] : [ctx.principal.organisationId],
  );
  return rows.map((r) => ({ ...r, secret: null }));
}

export async function registerWebhook(ctx: Context, input: RegisterWebhookInput): Promise<Webhook> {
  requireWebhookManager(ctx);
  const url = checkWebhookUrl(input.url, ctx.egress);
  const collaboration = await ctx.loaders.collaboration.load(input.collaborationId);
  if (!collaboration) throw notFound('Collaboration');
  if (!(await isPartyOf(ctx.db, ctx.principal.organisationId, collaboration.id, ctx.now))) {
    throw forbidden('Your organisation is not an active party of this collaboration', { reason: 'NOT_PARTY' });
  }
  // O11: the purpose is one of the collaboration's policy, exactly as a request's x-schakel-purpose.
  const purpose = input.purpose.trim();
  const policy = ctx.policies.forCollaboration(collaboration.id);
  if (!policy?.doc.purposes.some((p) => p.key === purpose)) {
    throw badInput('purpose', `not a purpose of the ${collaboration.slug} policy`);
  }
  const secret = `whsec_${randomBytes(32).toString('hex')}`;
  const id = await auditedTransaction(ctx, 'registerWebhook', async (em) => {
    const [row]: { id: string }[] = await em.query(
      `INSERT INTO webhook_subscription (organisation_id, collaboration_id, created_by_member_id, url, description, purpose, secret)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [ctx.principal.organisationId, collaboration.id, ctx.principal.memberId, url, input.description?.trim() ?? '', purpose, secret],
    );
    return row.id;
  });
  const [hook] = await listWebhooks(ctx, id);
  return { ...hook, secret };
}

/** Remove one of the organisation's webhooks; its pending deliveries go with it. */
export async function removeWebhook(ctx: Context, id: string): Promise<boolean> {
  requireWebhookManager(ctx);
  if (!isUuid(id)) throw badInput('id', 'not an id');
  const removed = await auditedTransaction(ctx, 'removeWebhook', async (em) => {
    const [, n]: [unknown, number] = await em.query(`DELETE FROM webhook_subscription WHERE id = $1 AND organisation_id = $2`, [
      id,
      ctx.principal.organisationId,
    ]);
    return n;
  });
  // Another organisation's webhook is invisible to this session: the same answer as one that does not exist.
  if (!removed) throw notFound('Webhook');
  return true;
}
