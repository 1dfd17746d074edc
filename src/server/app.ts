import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { DataSource } from 'typeorm';
import { disclosureLogPlugin } from '../audit/disclosure-plugin.js';
import { authenticate } from '../auth/authenticate.js';
import { loadTrustedIssuers, type TrustedIssuer } from '../auth/issuers.js';
import { systemClock, type Clock } from '../common/clock.js';
import { ErrorCode } from '../common/errors.js';
import { config, type Limits } from '../config/config.js';
import { OrganisationEntity } from '../domain/organisation/organisation.entity.js';
import { loadPolicies } from '../policy/policy-store.js';
import { createContext, type Context } from './context.js';
import { formatError } from './errors-format.js';
import { explorerRouter } from './explorer-page.js';
import { graphiqlRouter } from './graphiql-page.js';
import { importRoute } from './import-route.js';
import { batchCap, introspectionGuard, knownOperationTypes, jsonErrors, limitRules, rateLimiter, wellFormedStrings } from './hardening.js';
import { buildGuardedSchema } from './schema.js';

/** The header in which a request states its purpose (a purpose key of the collaboration's policy). */
export const PURPOSE_HEADER = 'x-schakel-purpose';

export interface RunningApp {
  url: string;
  stop: () => Promise<void>;
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
    /** Where each request's moment comes from (tests pass a fixed or advancing clock). */
    clock?: Clock;
    /** Behave as in production (no dev issuer, no error details, introspection only for privacy officers); default from NODE_ENV. */
    production?: boolean;
    /** Override some of the configured limits (tests). */
    limits?: Partial<Limits>;
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
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // A streamed import (POST /import) may take many minutes to send: no limit on a whole request's duration;
  // a connection idle for two minutes is closed instead (headers must still arrive within headersTimeout).
  httpServer.requestTimeout = 0;
  httpServer.timeout = 120_000;
  const apollo = new ApolloServer<Context>({
    schema: await buildGuardedSchema(),
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, original) => formatError(formatted, original, dev),
    // Introspection is decided per principal (introspectionGuard); Apollo's flag is global.
    introspection: true,
    parseOptions: { maxTokens: limits.tokens },
    validationRules: [knownOperationTypes, ...limitRules(limits)],
    allowBatchedHttpRequests: limits.batch > 1,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      introspectionGuard(production),
      wellFormedStrings(),
      disclosureLogPlugin({ write: opts.disclosureLog !== false }),
    ],
  });
  await apollo.start();
  app.use(graphiqlRouter());
  app.use(explorerRouter());
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.post(
    '/import',
    importRoute({ ds, issuers, policies, clock, purposeHeader: PURPOSE_HEADER, rateLimit }),
  );
  app.use(
    '/graphql',
    express.json({ limit: limits.bodyBytes }),
    batchCap(limits.batch),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        const now = clock();
        const principal = await authenticate(req.headers.authorization, issuers, ds);
        await rateLimit(principal, Array.isArray(req.body) ? req.body.length : 1);
        // O11: every request states its purpose; without one no personal-data category is given.
        const ctx = await createContext(ds, principal, policies, {
          purpose: req.header(PURPOSE_HEADER)?.trim() || null,
          traceparent: req.header('traceparent'),
          now,
        });
        // The request's database session lives until its work is done (the disclosure log is written on it
        // just before the response goes) and the response has gone — also when the caller hangs up early.
        // A request Apollo rejected before its pipeline started (a malformed body) releases it at once; one
        // that never reaches its end, after a minute at the latest.
        res.once('close', () => {
          if (!ctx.started) return void ctx.release();
          const stuck = new Promise<void>((resolve) => setTimeout(resolve, 60_000).unref());
          void Promise.race([ctx.settled, stuck]).then(ctx.release);
        });
        return ctx;
      },
    }),
  );
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: ErrorCode.NOT_FOUND } }] });
  });
  app.use(jsonErrors({ dev }));
  await new Promise<void>((resolve) => httpServer.listen(opts.port ?? c.port, opts.host ?? c.host, resolve));
  const addr = httpServer.address() as AddressInfo;
  return {
    url: `http://${addr.address}:${addr.port}`,
    stop: async () => {
      await apollo.stop();
    },
  };
}
