import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { config } from '../config/config.js';
import { isScope, SCOPES, type Scope } from './scopes.js';

/**
 * Trusted token issuers: each partner's OpenID Connect identity provider is one entry of
 * SCHAKEL_ISSUERS_FILE, bound to its organisation; outside production the built-in development issuer
 * signs tokens for the demo members (`npm run token`).
 */
export interface TrustedIssuer {
  issuer: string;
  audience: string;
  /** Algorithm allow-list: asymmetric only — never `none`, never HS* (HS/RS confusion). */
  algorithms: string[];
  keys: JWTVerifyGetKey;
  /** The claim that names the member's login. */
  loginClaim: string;
  /**
   * The organisation (by name) whose members this issuer may authenticate: a token of organisation A's
   * identity provider never authenticates a member of B. Unset only for the development issuer.
   */
  organisation?: string;
  /**
   * A claim listing roles (array or space-separated). When set, the member's roles are those stored in
   * Schakel AND named in the claim: the identity provider can narrow roles, never widen them.
   */
  rolesClaim?: string;
  /** Service accounts (client id → the scopes it may ever get), for `client_credentials` tokens. */
  serviceAccounts: Map<string, Scope[]>;
}

/** The only algorithms an issuer may allow (asymmetric signatures). */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export const DEV_ISSUER = 'urn:schakel:dev';
export const AUDIENCE = 'schakel';
const DEV_ALG = 'ES256';

interface DevKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

function devKeyFile(): string {
  return path.join(config().dataDir, 'dev-signing-key.json');
}

/**
 * The development signing key, made on first use and kept in SCHAKEL_DATA_DIR. Made once even when several processes
 * (or calls) ask for it at the same time on a fresh data directory: the first key written is the key, and every other
 * maker reads it instead of its own (before, the last one written replaced the others, so a server could be verifying
 * with a key no longer used to sign).
 */
export async function devKeys(): Promise<DevKeys> {
  const file = devKeyFile();
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as DevKeys;
  const { privateKey, publicKey } = await generateKeyPair(DEV_ALG, { extractable: true });
  const keys: DevKeys = {
    privateJwk: { ...(await exportJWK(privateKey)), alg: DEV_ALG, kid: 'dev-1' },
    publicJwk: { ...(await exportJWK(publicKey)), alg: DEV_ALG, kid: 'dev-1', use: 'sig' },
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole, readable by this user only, and put in place only if no key is there yet (link fails if it exists).
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(keys), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DevKeys;
}

interface IssuerFileEntry {
  issuer: string;
  audience: string;
  organisation: string;
  algorithms?: string[];
  jwksFile?: string;
  jwksUrl?: string;
  loginClaim?: string;
  rolesClaim?: string;
  serviceAccounts?: Record<string, string[]>;
}

/** Validate one entry of the issuers file; every problem names the entry. */
function issuerFrom(e: IssuerFileEntry, i: number, file: string): TrustedIssuer {
  const fail = (problem: string) => new Error(`${file}: issuer ${i + 1}${e?.issuer ? ` (${e.issuer})` : ''}: ${problem}`);
  const text = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  if (!text(e?.issuer) || !text(e.audience)) throw fail('needs issuer and audience');
  if (!text(e.organisation)) throw fail('needs organisation (the name of the organisation whose members it authenticates)');
  if (Boolean(e.jwksFile) === Boolean(e.jwksUrl)) throw fail('needs exactly one of jwksFile and jwksUrl');
  const algorithms = e.algorithms ?? ['RS256', 'ES256', 'PS256'];
  const bad = algorithms.filter((a) => !ASYMMETRIC_ALGORITHMS.includes(a));
  if (!algorithms.length || bad.length) throw fail(`algorithms must be asymmetric (${ASYMMETRIC_ALGORITHMS.join(', ')}), not ${bad.join(', ') || 'empty'}`);
  let keys: JWTVerifyGetKey;
  if (e.jwksFile) {
    keys = createLocalJWKSet(JSON.parse(fs.readFileSync(path.resolve(path.dirname(file), e.jwksFile), 'utf8')));
  } else {
    const url = new URL(e.jwksUrl!);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw fail('jwksUrl must be https');
    // Keys are cached; an unknown kid refetches at most every 30 s (jose's cooldown).
    keys = createRemoteJWKSet(url, { timeoutDuration: 5000 });
  }
  const serviceAccounts = new Map<string, Scope[]>();
  for (const [clientId, scopes] of Object.entries(e.serviceAccounts ?? {})) {
    const unknown = Array.isArray(scopes) ? scopes.filter((sc) => !isScope(sc)) : ['(not a list)'];
    if (unknown.length) throw fail(`service account ${clientId}: unknown scopes ${unknown.join(', ')} (known: ${SCOPES.join(', ')})`);
    serviceAccounts.set(clientId, scopes as Scope[]);
  }
  return {
    issuer: e.issuer,
    audience: e.audience,
    organisation: e.organisation,
    algorithms,
    keys,
    loginClaim: e.loginClaim ?? 'sub',
    rolesClaim: e.rolesClaim,
    serviceAccounts,
  };
}

/** The issuers this server trusts: the issuers file's entries, plus the dev issuer outside production. */
export async function loadTrustedIssuers(
  opts: { file?: string; production?: boolean } = {},
): Promise<TrustedIssuer[]> {
  const c = config();
  const file = opts.file ?? c.issuersFile;
  const issuers: TrustedIssuer[] = [];
  if (file) {
    const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as IssuerFileEntry[];
    if (!Array.isArray(entries)) throw new Error(`${file}: must be a JSON list of issuers`);
    issuers.push(...entries.map((e, i) => issuerFrom(e, i, file)));
  }
  if (!(opts.production ?? c.env === 'production')) {
    const { publicJwk } = await devKeys();
    issuers.push({
      issuer: DEV_ISSUER,
      audience: AUDIENCE,
      algorithms: [DEV_ALG],
      keys: createLocalJWKSet({ keys: [publicJwk] }),
      loginClaim: 'sub',
      serviceAccounts: new Map(),
    });
  }
  return issuers;
}

/** Sign a development token for a member login (valid `ttlSeconds`, default 8 hours). */
export async function signDevToken(login: string, opts: { ttlSeconds?: number; notBefore?: number } = {}): Promise<string> {
  const { privateJwk } = await devKeys();
  const key = await importJWK(privateJwk, DEV_ALG);
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: DEV_ALG, kid: privateJwk.kid, typ: 'JWT' })
    .setSubject(login)
    .setIssuer(DEV_ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (opts.ttlSeconds ?? 8 * 3600));
  if (opts.notBefore) jwt.setNotBefore(opts.notBefore);
  return jwt.sign(key);
}
