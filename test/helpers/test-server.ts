import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import { signDevToken } from '../../src/auth/issuers';
import type { Clock } from '../../src/common/clock';
import { PURPOSE_HEADER, startApp } from '../../src/server/app';
import { TEMPLATE_DB, withDatabase } from './db-names';

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface PersonaClient {
  login: string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
}

export interface TestServer {
  url: string;
  ds: DataSource;
  dbUrl: string;
  /**
   * A client that sends a token of this demo member (wijkagent.zeist, huisarts.zeist, …) and, when
   * given, the purpose of its requests (x-schakel-purpose).
   */
  as(login: string, purpose?: string | null): PersonaClient;
  /** `Bearer <token>` of a demo member, for raw requests. */
  tokenFor(login: string): Promise<string>;
  /** Send a raw request (for token and header tests). */
  post(body: unknown, headers?: Record<string, string>): Promise<GqlResponse & { raw: Response }>;
  stop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.SCHAKEL_TEST_ADMIN_URL;
  if (!url) throw new Error('SCHAKEL_TEST_ADMIN_URL not set: run tests through jest (global-setup)');
  return url;
}

/** An empty database of its own (for migration tests). Returns its URL and a drop function. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `schakel_t_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl(), name),
    drop: async () => {
      const a = new Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/**
 * A clock a test sets and advances: every request takes its moment from it, so time-dependent rules are
 * tested at any date without waiting.
 */
export interface TestClock {
  clock: Clock;
  set(at: string | Date): void;
  /** Move on by whole days (negative: back). */
  advanceDays(days: number): void;
  now(): Date;
}

export function testClock(start: string | Date): TestClock {
  let t = new Date(start);
  return {
    clock: () => new Date(t),
    set(at) {
      t = new Date(at);
    },
    advanceDays(days) {
      t = new Date(t.getTime() + days * 86_400_000);
    },
    now: () => new Date(t),
  };
}

/**
 * A real Schakel server over real HTTP (options as startApp's: clock, issuers, production-like mode, limits),
 * on a database of this test file's own, cloned from the seeded template (so tests in one file share state,
 * files do not).
 */
export async function startTestServer(
  opts: Omit<Parameters<typeof startApp>[1] & {}, 'port' | 'host'> & {
    /** Serve an existing test database (a restart) instead of a fresh clone. */
    dbUrl?: string;
    /** Leave the database when stopping (to start another server on it: restart tests). */
    keepDatabase?: boolean;
  } = {},
): Promise<TestServer> {
  const { dbUrl: existing, keepDatabase, ...appOpts } = opts;
  const name = existing ? new URL(existing).pathname.slice(1) : `schakel_t_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  // Two files cloning at the same moment can find the template "being accessed by other users" (55006,
  // PostgreSQL's own copy in progress): try again shortly.
  for (let attempt = 1; !existing; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== '55006' || attempt >= 10) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  await admin.end();
  const dbUrl = withDatabase(adminUrl(), name);
  const ds = await createDataSource(dbUrl).initialize();
  // Rate limits are off unless a test sets them: a test file's personas send many requests quickly.
  const app = await startApp(ds, {
    ...appOpts,
    port: 0,
    host: '127.0.0.1',
    limits: { perMemberPerMinute: 0, perClientPerMinute: 0, ...appOpts.limits },
  });
  const endpoint = `${app.url}/graphql`;
  const tokens = new Map<string, string>();
  const tokenFor = async (login: string) => {
    if (!tokens.has(login)) tokens.set(login, await signDevToken(login));
    return `Bearer ${tokens.get(login)}`;
  };

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const raw = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = (await raw.json().catch(() => ({}))) as GqlResponse;
    return { ...json, status: raw.status, raw };
  };

  return {
    url: app.url,
    ds,
    dbUrl,
    post,
    tokenFor,
    as(login: string, purpose?: string | null): PersonaClient {
      return {
        login,
        async gql(query, variables) {
          const headers: Record<string, string> = { authorization: await tokenFor(login) };
          if (purpose) headers[PURPOSE_HEADER] = purpose;
          const { raw: _raw, ...res } = await post({ query, variables }, headers);
          return res as GqlResponse<any>;
        },
      };
    },
    async stop() {
      await app.stop();
      await ds.destroy();
      if (keepDatabase) return;
      const a = new Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
