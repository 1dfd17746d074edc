import type { DataSource } from 'typeorm';
import type { Principal } from '../../auth/authenticate.js';
import { traceFrom } from '../../audit/trace.js';
import type { WebhookSettings } from '../../config/config.js';
import type { PolicyRegistry } from '../../policy/policy-store.js';
import { openSession } from '../../server/context.js';
import type { Sector } from '../organisation/sector.js';
import type { OutboxEventEntity } from './webhook.entity.js';
import { SubscriberView, type PayloadDecision } from './webhook-payload.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signPayload } from './webhook-signature.js';
import { postUnderRules, type EgressRules } from './webhook-egress.js';

interface Claimed {
  deliveryId: string;
  attempts: number;
  subscriptionId: string;
  organisationId: string;
  sector: Sector;
  memberId: string;
  collaborationSlug: string | null;
  url: string;
  purpose: string;
  secret: string;
  event: OutboxEventEntity;
}

export interface WebhookWorker {
  /** One round: claim due deliveries, decide, log, send, record. Returns the number of deliveries handled. */
  runOnce(): Promise<number>;
  /** Stop polling and wait for the round in flight. */
  stop(): Promise<void>;
}

/**
 * Remove change-feed events older than `retention` (a PostgreSQL interval) of which no delivery is still
 * pending, with their deliveries (`npm run audit:purge`). Events hold references only; an event still to be
 * delivered is kept however old (at least once).
 */
export async function purgeChangeFeed(ds: DataSource, retention: string): Promise<number> {
  const [, n]: [unknown, number] = await ds.query(
    `DELETE FROM outbox_event e WHERE e.occurred_at < now() - $1::interval
        AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = e.id AND d.status = 'PENDING')`,
    [retention],
  );
  return n;
}

/** The delay before attempt `attempts + 1`: exponential, capped. */
export function backoffMs(attempts: number, s: Pick<WebhookSettings, 'backoffMs' | 'maxBackoffMs'>): number {
  return Math.min(s.maxBackoffMs, s.backoffMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * The change feed's delivery worker (issue 10, item 3). Each round it claims due deliveries with
 * `FOR UPDATE SKIP LOCKED` in one statement that also counts the attempt and leases the row (two server
 * processes never claim the same delivery; a process that dies mid-send leaves the row to be retried once
 * the lease ends), decides each event for the subscriber under the policy (webhook-payload.ts), writes the
 * disclosure log BEFORE sending (fail closed, O12), POSTs the signed JSON and records the outcome:
 * DELIVERED on HTTP 2xx, else a retry with exponential backoff, FAILED after the last attempt; SKIPPED when
 * the subscriber may not see the event. At least once: an event is only ever marked DELIVERED after a 2xx,
 * so a receiver deduplicates by the event id.
 */
export function startWebhookWorker(
  ds: DataSource,
  policies: PolicyRegistry,
  settings: WebhookSettings,
  opts: {
    log?: (msg: string) => void;
    autostart?: boolean;
    /** The moment each delivery is decided at (the server's clock; tests pass theirs). Retries follow the database's time. */
    clock?: () => Date;
    /** Behave as in production: no deliveries to loopback addresses unless the allow-list names them. */
    production?: boolean;
  } = {},
): WebhookWorker {
  const clock = opts.clock ?? (() => new Date());
  const egress: EgressRules = { allowedHosts: settings.allowedHosts, production: opts.production ?? false };
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const leaseSeconds = Math.ceil((settings.timeoutMs * 2 + 5000) / 1000);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<number> | undefined;

  async function claim(): Promise<Claimed[]> {
    const rows: (Omit<Claimed, 'event'> & { e: OutboxEventEntity })[] = await ds.query(
      `WITH due AS (
         SELECT d.id FROM webhook_delivery d
          WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
          ORDER BY d.next_attempt_at, d.created_at
          LIMIT $1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE webhook_delivery d SET attempts = d.attempts + 1, last_attempt_at = now(),
                next_attempt_at = now() + make_interval(secs => $2)
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.attempts, d.subscription_id, d.event_id)
       SELECT c.id AS "deliveryId", c.attempts, s.id AS "subscriptionId", s.organisation_id AS "organisationId", o.sector,
              s.created_by_member_id AS "memberId", col.slug AS "collaborationSlug", s.url, s.purpose, s.secret,
              json_build_object('id', e.id, 'seq', e.seq::text, 'occurredAt', e.occurred_at, 'entityType', e.entity_type,
                'entityId', e.entity_id, 'caseId', e.case_id, 'collaborationId', e.collaboration_id, 'subjectId', e.subject_id,
                'category', e.category, 'operation', e.operation, 'actorOrganisationId', e.actor_organisation_id,
                'traceId', e.trace_id) AS e
         FROM claimed c
         JOIN webhook_subscription s ON s.id = c.subscription_id
         JOIN organisation o ON o.id = s.organisation_id
         JOIN outbox_event e ON e.id = c.event_id
         LEFT JOIN collaboration col ON col.id = s.collaboration_id
        ORDER BY e.seq`,
      [settings.batch, leaseSeconds],
    );
    return rows.map(({ e, ...r }) => ({ ...r, event: e }));
  }

  async function record(
    d: Claimed,
    outcome: { ok: true } | { ok: false; error: string; notCounted?: boolean } | { skipped: string },
  ): Promise<void> {
    if ('skipped' in outcome) {
      await ds.query(`UPDATE webhook_delivery SET status = 'SKIPPED', last_error = $2 WHERE id = $1`, [d.deliveryId, outcome.skipped]);
    } else if (outcome.ok) {
      await ds.query(`UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = now(), last_error = NULL WHERE id = $1`, [d.deliveryId]);
    } else if (outcome.notCounted) {
      // Schakel's own fault (the disclosure log could not be written): retried, without using up an attempt.
      await ds.query(
        `UPDATE webhook_delivery SET attempts = attempts - 1, last_error = $2,
                next_attempt_at = now() + make_interval(secs => $3::double precision / 1000) WHERE id = $1`,
        [d.deliveryId, outcome.error, backoffMs(d.attempts, settings)],
      );
    } else if (d.attempts >= settings.maxAttempts) {
      await ds.query(`UPDATE webhook_delivery SET status = 'FAILED', last_error = $2 WHERE id = $1`, [d.deliveryId, outcome.error]);
    } else {
      await ds.query(
        `UPDATE webhook_delivery SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3::double precision / 1000) WHERE id = $1`,
        [d.deliveryId, outcome.error, backoffMs(d.attempts, settings)],
      );
    }
  }

  async function send(d: Claimed, body: string): Promise<{ ok: true } | { ok: false; error: string }> {
    const t = Math.floor(Date.now() / 1000);
    try {
      const status = await postUnderRules(
        d.url,
        {
          'content-type': 'application/json',
          'user-agent': 'Schakel-Webhooks/1',
          [SIGNATURE_HEADER]: signPayload(d.secret, body, t),
          [EVENT_ID_HEADER]: d.event.id,
        },
        body,
        settings.timeoutMs,
        egress,
      );
      return status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `HTTP ${status}` };
    } catch (e) {
      const err = e as Error & { code?: string };
      return { ok: false, error: (err.code ?? err.name ?? 'ERROR').slice(0, 200) };
    }
  }

  /**
   * Was this item given to the organisation before the event `e`: an event of it DELIVERED to any of the
   * organisation's webhooks, or a disclosure-log record (a response or a webhook) naming it? Read as the owner:
   * the application role reads no event.
   */
  async function receivedBefore(organisationId: string, e: OutboxEventEntity): Promise<boolean> {
    const [r] = await ds.query(
      `SELECT EXISTS (SELECT 1 FROM outbox_event x
                        JOIN webhook_subscription s ON s.organisation_id = $1
                        JOIN webhook_delivery d ON d.subscription_id = s.id AND d.event_id = x.id
                       WHERE x.entity_id = $2 AND x.entity_type = $3 AND x.id <> $4 AND d.status = 'DELIVERED')
           OR EXISTS (SELECT 1 FROM disclosure_log l
                       WHERE l.case_id = $5 AND l.recipient_organisation_id = $1 AND $2::uuid = ANY(l.item_ids)) AS received`,
      [organisationId, e.entityId, e.entityType, e.id, e.caseId],
    );
    return r?.received === true;
  }

  /** The deliveries of one subscription, in event order, on a session of its organisation. */
  async function handleSubscription(group: Claimed[]): Promise<void> {
    const first = group[0];
    const principal: Principal = {
      memberId: first.memberId,
      login: `webhook:${first.subscriptionId}`,
      name: `webhook ${first.subscriptionId}`,
      organisationId: first.organisationId,
      sector: first.sector,
      // The policies grant by sector, organisation and participation; a webhook has no person's roles.
      roles: [],
    };
    const { db, release } = await openSession(ds, principal);
    try {
      for (const d of group) {
        let decision: PayloadDecision;
        const view = new SubscriberView(db, principal, policies, d.purpose, clock(), (e) => receivedBefore(d.organisationId, e));
        try {
          decision = await view.decide(d.event, d.collaborationSlug);
        } catch (e) {
          await record(d, { ok: false, error: `decide: ${(e as Error).message}`.slice(0, 200) });
          continue;
        }
        if (!decision.deliver) {
          await record(d, { skipped: decision.reason });
          continue;
        }
        const body = JSON.stringify(decision.payload);
        try {
          // O12: logged at once, before the data leaves; when the log cannot be written nothing is sent.
          await decision.disclosures.write(db, {
            principal,
            trace: traceFrom(undefined),
            purpose: d.purpose,
            operationName: `webhook ${decision.payload.type}`,
            loaders: view.loaders,
            collaborationSlug: async () => d.collaborationSlug ?? undefined,
            endTime: new Date(),
          });
        } catch (e) {
          log(`webhook ${d.subscriptionId}: disclosure log unavailable, not sent: ${(e as Error).message}`);
          await record(d, { ok: false, error: 'DISCLOSURE_LOG_UNAVAILABLE', notCounted: true });
          continue;
        }
        await record(d, await send(d, body));
      }
    } finally {
      await release();
    }
  }

  async function runOnce(): Promise<number> {
    const claimed = await claim();
    if (!claimed.length) return 0;
    const groups = new Map<string, Claimed[]>();
    for (const d of claimed) groups.set(d.subscriptionId, [...(groups.get(d.subscriptionId) ?? []), d]);
    // A few subscriptions at a time: each holds one database session while it sends.
    const queue = [...groups.values()];
    const lanes = Array.from({ length: Math.min(4, queue.length) }, async () => {
      for (let g = queue.shift(); g; g = queue.shift()) {
        await handleSubscription(g).catch((e) => log(`webhook ${g![0].subscriptionId}: ${(e as Error).message}`));
      }
    });
    await Promise.all(lanes);
    return claimed.length;
  }

  const tick = () => {
    if (stopped) return;
    inFlight = runOnce()
      .catch((e) => {
        if (!stopped) log(`webhook worker: ${(e as Error).message}`);
        return 0;
      })
      .finally(() => {
        inFlight = undefined;
        if (!stopped) timer = setTimeout(tick, settings.pollMs);
      });
  };
  if (opts.autostart !== false && settings.pollMs > 0) timer = setTimeout(tick, settings.pollMs);

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
