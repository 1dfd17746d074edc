import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/authenticate.js';
import { createLoaders, type Loaders } from './loaders.js';
import type DataLoader from 'dataloader';
import type { ParticipantRole } from '../domain/case/case.entity.js';
import { DisclosureRecorder } from '../audit/disclosure-recorder.js';
import { traceFrom, type TraceContext } from '../audit/trace.js';
import { participationLoader } from '../domain/case/case-scope.js';
import { RequestAccess } from '../policy/request-access.js';
import type { PolicyRegistry } from '../policy/policy-store.js';

/** Everything a resolver, service or rule may use for one request. Services take it first. */
export interface Context {
  principal: Principal;
  ds: DataSource;
  loaders: Loaders;
  requestId: string;
  /** The request's moment, taken once from the server's clock: every time-dependent rule uses it. */
  now: Date;
  /** How the principal takes part in a case (row scope, O6), once per case per request. */
  participation: DataLoader<string, ParticipantRole | null>;
  /** The field policy's decisions for this request (purpose, clock, per-case grants). */
  access: RequestAccess;
  /** W3C trace context of this request (continues an incoming `traceparent`). */
  trace: TraceContext;
  /** What this response discloses per data subject; written to the disclosure log before sending. */
  disclosures: DisclosureRecorder;
  /** The active policy of each collaboration. */
  policies: PolicyRegistry;
}

/** The context of one request (or one CLI run) of this principal: loaders, access decisions, trace, log. */
export function createContext(
  ds: DataSource,
  principal: Principal,
  policies: PolicyRegistry,
  opts: { purpose?: string | null; traceparent?: string; now?: Date } = {},
): Context {
  const now = opts.now ?? new Date();
  const loaders = createLoaders(ds);
  const participation = participationLoader(ds, principal, now);
  return {
    principal,
    ds,
    loaders,
    participation,
    access: new RequestAccess(ds, principal, policies, loaders, participation, opts.purpose ?? null, now),
    now,
    requestId: randomUUID(),
    trace: traceFrom(opts.traceparent),
    disclosures: new DisclosureRecorder(),
    policies,
  };
}
