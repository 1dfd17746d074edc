import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/authenticate.js';
import type { Loaders } from './loaders.js';
import type DataLoader from 'dataloader';
import type { ParticipantRole } from '../domain/case/case.entity.js';
import type { DisclosureRecorder } from '../audit/disclosure-recorder.js';
import type { TraceContext } from '../audit/trace.js';
import type { RequestAccess } from '../policy/request-access.js';

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
}
