import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import pLimit from 'p-limit';
import type { DataSource } from 'typeorm';
import { disclosureLogPlugin, stringifyAnswer } from '../audit/disclosure-plugin.js';
import { authenticate } from '../auth/authenticate.js';
import { loadTrustedIssuers, type TrustedIssuer } from '../auth/issuers.js';
import { systemClock, type Clock } from '../common/clock.js';
import { ErrorCode } from '../common/errors.js';
import { config, type Limits, type WebhookSettings } from '../config/config.js';
import { startWebhookWorker, type WebhookWorker } from '../domain/webhook/webhook-worker.js';
import { checkEgressRules, type EgressRules } from '../domain/webhook/webhook-egress.js';
import { OrganisationEntity } from '../domain/organisation/organisation.entity.js';
import { loadPolicies } from '../policy/policy-store.js';
import { withheldFieldsPlugin } from '../policy/withheld-fields.js';
import { createContext, type Context } from './context.js';
import { formatError } from './errors-format.js';
import { explorerRouter } from './explorer-page.js';
import { graphiqlRouter } from './graphiql-page.js';
import { importRoute } from './import-route.js';
import { batchCap, costLimit, introspectionGuard, knownOperationTypes, jsonErrors, limitRules, rateLimiter, wellFormedStrings } from './hardening.js';
import { buildGuardedSchema } from './schema.js';

/** The header in which a request states its purpose (a purpose key of the collaboration's policy). */
export const PURPOSE_HEADER = 'x-schakel-purpose';

export interface RunningApp {
  url: string;
  stop: () => Promise<void>;
  /** The change feed's delivery worker of this process (issue 10), when it runs one. */
  webhooks?: WebhookWorker;
}

/** Every issuer bound to an organisation must name one that exists (a typo would lock its members out). */
async function checkIssuerOrganisations(ds: DataSource, issuers: TrustedIssuer[]): Promise<void> {
  const names = new Set(
    (await ds.getRepository(OrganisationEntity).find({ select: { name: true } })).map((o) => o.name),
  );
  const unknown = issuers.filter((i) => i.organisation !== undefined && !names.has(i.organisation));
  if (unknown.length) {
    throw new Error(`Trusted issuers: unknown organisation ${unknown.map((i) => `"${i.organisation}" (${i.issuer})`).join(', ')}`);
  }
}

/** Start Schakel's HTTP server on an initialised DataSource. Port 0 picks a free port (tests). */
export async function startApp(
  ds: DataSource,
  opts: {
    port?: number;
    host?: string;
    issuers?: TrustedIssuer[];
    policyDir?: string;
    /** Only the benchmark turns this off, to measure what the disclosure log costs; never configurable. */
    disclosureLog?: boolean;
    /**
     * Only the benchmark turns this off, to measure what the field rules (graphql-shield) cost: without them
     * no field rule is applied; row scope and row-level security stay on. Never configurable.
     */
    fieldPolicy?: boolean;
    /** Where each request's moment comes from (tests pass a fixed or advancing clock). */
    clock?: Clock;
    /** Behave as in production (no dev issuer, no error details, introspection only for privacy officers); default from NODE_ENV. */
    production?: boolean;
    /** Override some of the configured limits (tests). */
    limits?: Partial<Limits>;
    /** Override the delivery worker's settings (tests: a fast poll; `pollMs: 0` runs no worker). */
    webhooks?: Partial<WebhookSettings>;
  } = {},
): Promise<RunningApp> {
  const c = config();
  // The server never runs on a half-loaded or invalid policy: this throws before anything listens.
  const policies = await loadPolicies(ds, opts.policyDir ?? c.policyDir);
  const production = opts.production ?? c.env === 'production';
  const dev = !production && c.env === 'development';
  const limits: Limits = { ...c.limits, ...opts.limits };
  const clock = opts.clock ?? systemClock;
  const issuers = opts.issuers ?? (await loadTrustedIssuers({ production }));
  await checkIssuerOrganisations(ds, issuers);
  const rateLimit = rateLimiter(limits);
  const webhookSettings: WebhookSettings = { ...c.webhooks, ...opts.webhooks };
  const egress: EgressRules = { allowedHosts: webhookSettings.allowedHosts, production };
  checkEgressRules(egress);
  const admit: <T>(work: () => Promise<T>) => Promise<T> = limits.concurrent > 0 ? pLimit(limits.concurrent) : (work) => work();
  const app = express();
  app.disable('x-powered-by');
  // No ETag: a GraphQL answer is POSTed and never revalidated, and hashing every answer (a case list is 200 KiB) costs CPU.
  app.set('etag', false);
  const httpServer = http.createServer(app);
  // A streamed import (POST /import) may take many minutes to send: no limit on a whole request's duration;
  // a connection idle for two minutes is closed instead (headers must still arrive within headersTimeout).
  httpServer.requestTimeout = 0;
  httpServer.timeout = 120_000;
  const apollo = new ApolloServer<Context>({
    schema: await buildGuardedSchema({ fieldPolicy: opts.fieldPolicy }),
    includeStacktraceInErrorResponses: false,
    // Compact JSON: Apollo's default indents every response, a third more bytes to build and send on a case list.
    // An answer the disclosure log plugin serialized already is sent as it is.
    stringifyResult: stringifyAnswer,
    formatError: (formatted, original) => formatError(formatted, original, dev),
    // Introspection is decided per principal (introspectionGuard); Apollo's flag is global.
    introspection: true,
    parseOptions: { maxTokens: limits.tokens },
    validationRules: [knownOperationTypes, ...limitRules(limits)],
    allowBatchedHttpRequests: limits.batch > 1,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Personal data is never cached by HTTP caches, so no cache hints; and without the plugin's per-field
      // hook Apollo does not wrap every field resolver (issue 11).
      ApolloServerPluginCacheControlDisabled(),
      // First of the checks once the operation is known: with the variables' values, the cost is what was a validation rule.
      costLimit(limits.cost),
      introspectionGuard(production),
      wellFormedStrings(),
      // Before the disclosure log's plugin, which serializes the answer: the withheld fields' errors must be in it.
      withheldFieldsPlugin(),
      disclosureLogPlugin({ write: opts.disclosureLog !== false }),
    ],
  });
  await apollo.start();
  app.use(graphiqlRouter());
  app.use(explorerRouter());
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  const sessions = new WeakMap<express.Response, (Context & { release: () => Promise<void> })[]>();
  const graphql = expressMiddleware(apollo, {
    context: async ({ req, res }): Promise<Context> => {
      const now = clock();
      const principal = await authenticate(req.headers.authorization, issuers, ds);
      await rateLimit(principal, Array.isArray(req.body) ? req.body.length : 1);
      // O11: every request states its purpose; without one no personal-data category is given.
      const ctx = await createContext(ds, principal, policies, {
        purpose: req.header(PURPOSE_HEADER)?.trim() || null,
        traceparent: req.header('traceparent'),
        now,
        egress,
      });
      sessions.set(res, [...(sessions.get(res) ?? []), ctx]);
      return ctx;
    },
  });
  app.post(
    '/import',
    importRoute({ ds, issuers, policies, clock, purposeHeader: PURPOSE_HEADER, rateLimit }),
  );
  app.use(
    '/graphql',
    express.json({ limit: limits.bodyBytes }),
    batchCap(limits.batch),
    // The request's database session lives until Apollo is done with the request (the disclosure log is
    // written on it just before the response goes), whether or not the caller is still there: released
    // after the handler, never while a resolver or a transaction may still use it.
    // At most `limits.concurrent` requests at work (from taking a session to giving it back); the rest wait in turn.
    async (req: express.Request, res: express.Response) =>
      admit(async () => {
        try {
          await graphql(req, res, () => undefined);
        } finally {
          await Promise.all((sessions.get(res) ?? []).map((ctx) => ctx.release()));
        }
      }),
  );
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: ErrorCode.NOT_FOUND } }] });
  });
  app.use(jsonErrors({ dev }));
  await new Promise<void>((resolve) => httpServer.listen(opts.port ?? c.port, opts.host ?? c.host, resolve));
  const addr = httpServer.address() as AddressInfo;
  // The change feed: this process delivers webhooks too (several processes may; they never claim the same delivery).
  const webhooks = webhookSettings.pollMs > 0 ? startWebhookWorker(ds, policies, webhookSettings, { clock, production }) : undefined;
  return {
    url: `http://${addr.address}:${addr.port}`,
    webhooks,
    stop: async () => {
      await webhooks?.stop();
      await apollo.stop();
    },
  };
}
