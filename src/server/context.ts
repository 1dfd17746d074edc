import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../../migrations/1795510000000-RowLevelSecurity.js';
import type { Principal } from '../auth/authenticate.js';
import { createLoaders, type Loaders } from './loaders.js';
import { OrganisationEntity } from '../domain/organisation/organisation.entity.js';
import type { Sector } from '../domain/organisation/sector.js';
import { DisclosureRecorder } from '../audit/disclosure-recorder.js';
import { traceFrom, type TraceContext } from '../audit/trace.js';
import { participationLoader, type ParticipationLoader } from '../domain/case/case-scope.js';
import { RequestAccess } from '../policy/request-access.js';
import type { PolicyRegistry } from '../policy/policy-store.js';
import { config } from '../config/config.js';
import { RESET_SESSION, sessionStatements } from '../db/session-statements.js';
import type { EgressRules } from '../domain/webhook/webhook-egress.js';
import type { WithheldFields } from '../policy/withheld-fields.js';

/** Everything a resolver, service or rule may use for one request. Services take it first. */
export interface Context {
  principal: Principal;
  /**
   * This request's own database session: it runs as the role `schakel_app` with the principal set, so
   * row-level security confines it to the principal's cases even where an application check were missing.
   * Every read and write of the request goes through it.
   */
  db: EntityManager;
  /**
   * The owner's connection pool, not confined by row-level security. Only for the named privileged paths:
   * privacy officers' tools and log queries (behind the privacyOfficer rule) and writing the logs.
   */
  system: DataSource;
  loaders: Loaders;
  requestId: string;
  /** The request's moment, taken once from the server's clock: every time-dependent rule uses it. */
  now: Date;
  /** How the principal takes part in a case (row scope, O6), once per case per request. */
  participation: ParticipationLoader;
  /** The field policy's decisions for this request (purpose, clock, per-case grants). */
  access: RequestAccess;
  /** W3C trace context of this request (continues an incoming `traceparent`). */
  trace: TraceContext;
  /** What this response discloses per data subject; written to the disclosure log before sending. */
  disclosures: DisclosureRecorder;
  /** The fields the field policy withholds in this operation, reported as errors of its answer (withheldFieldsPlugin). */
  withheld?: WithheldFields;
  /** The active policy of each collaboration. */
  policies: PolicyRegistry;
  /** Where this server may send webhooks (registration checks URLs against it). */
  egress: EgressRules;
}

/**
 * Open a database session for this principal: one pooled connection, switched to the application role with
 * the principal set for row-level security. `release` resets the session and returns the connection.
 */
export async function openSession(
  ds: DataSource,
  principal: Principal,
): Promise<{ db: EntityManager; release: () => Promise<void>; organisation: OrganisationEntity | null }> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  sessionStatements(qr, config().preparedStatements);
  let organisation: OrganisationEntity | null = null;
  try {
    // The same round trip reads the principal's organisation, which every request's policy facts need.
    const [row]: { id: string | null; name: string; sector: Sector; address: string | null; created_at: Date; updated_at: Date }[] = await qr.query(
      `SELECT set_config('role', '${APP_ROLE}', false), set_config('schakel.member_id', $1, false),
              set_config('schakel.organisation_id', $2, false), o.id, o.name, o.sector, o.address, o.created_at, o.updated_at
         FROM (SELECT 1) one LEFT JOIN organisation o ON o.id = $3::uuid`,
      [principal.memberId, principal.organisationId, principal.organisationId],
    );
    if (row?.id) {
      organisation = Object.assign(new OrganisationEntity(), {
        id: row.id, name: row.name, sector: row.sector, address: row.address, createdAt: row.created_at, updatedAt: row.updated_at,
      });
    }
  } catch (e) {
    await qr.release();
    throw e;
  }
  let released = false;
  return {
    db: qr.manager,
    organisation,
    release: async () => {
      if (released) return;
      released = true;
      try {
        // A transaction left open (an error between its statements) is rolled back before the reset.
        if (qr.isTransactionActive) await qr.rollbackTransaction();
        await qr.query(RESET_SESSION);
        await qr.release();
      } catch (e) {
        // The connection cannot be reset: it is closed (pg-pool drops a client released with an error), never
        // handed to the next request in this state.
        await (qr as unknown as { releasePostgresConnection(err?: Error): Promise<void> }).releasePostgresConnection(e as Error);
      }
    },
  };
}

/**
 * The context of one request (or one CLI run) of this principal: its own database session, loaders,
 * access decisions, trace, log. Call `release` when the response is sent.
 */
export async function createContext(
  ds: DataSource,
  principal: Principal,
  policies: PolicyRegistry,
  opts: { purpose?: string | null; traceparent?: string; now?: Date; egress?: EgressRules } = {},
): Promise<Context & { release: () => Promise<void> }> {
  const now = opts.now ?? new Date();
  const { db, release, organisation } = await openSession(ds, principal);
  const loaders = createLoaders(db);
  if (organisation) loaders.organisation.prime(organisation.id, organisation);
  const participation = participationLoader(db, principal, now);
  return {
    release,
    principal,
    db,
    system: ds,
    loaders,
    participation,
    access: new RequestAccess(db, principal, policies, loaders, participation, opts.purpose ?? null, now),
    now,
    requestId: randomUUID(),
    trace: traceFrom(opts.traceparent),
    disclosures: new DisclosureRecorder(),
    policies,
    egress: opts.egress ?? { allowedHosts: config().webhooks.allowedHosts, production: config().env === 'production' },
  };
}
