import fs from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { config } from '../config/config.js';

/**
 * Trusted token issuers. Each partner's identity provider will be one entry (issuer, audience, keys);
 * for now the built-in development issuer signs tokens for the demo members (`npm run token`).
 */
export interface TrustedIssuer {
  issuer: string;
  audience: string;
  /** Algorithm allow-list: never `none`, never a symmetric algorithm for a public-key issuer. */
  algorithms: string[];
  keys: JWTVerifyGetKey;
  /** The claim that names the member's login. */
  loginClaim: string;
}

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

/** The development signing key, made on first use and kept in SCHAKEL_DATA_DIR. */
export async function devKeys(): Promise<DevKeys> {
  const file = devKeyFile();
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as DevKeys;
  const { privateKey, publicKey } = await generateKeyPair(DEV_ALG, { extractable: true });
  const keys: DevKeys = {
    privateJwk: { ...(await exportJWK(privateKey)), alg: DEV_ALG, kid: 'dev-1' },
    publicJwk: { ...(await exportJWK(publicKey)), alg: DEV_ALG, kid: 'dev-1', use: 'sig' },
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written atomically, readable by this user only.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(keys), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DevKeys;
}

interface IssuerFileEntry {
  issuer: string;
  audience: string;
  algorithms?: string[];
  jwksFile?: string;
  jwksUrl?: string;
  loginClaim?: string;
}

/** The issuers this server trusts: SCHAKEL_ISSUERS_FILE entries, plus the dev issuer outside production. */
export async function loadTrustedIssuers(): Promise<TrustedIssuer[]> {
  const c = config();
  const issuers: TrustedIssuer[] = [];
  if (c.issuersFile) {
    const entries = JSON.parse(fs.readFileSync(c.issuersFile, 'utf8')) as IssuerFileEntry[];
    for (const e of entries) {
      if (!e.issuer || !e.audience || (!e.jwksFile && !e.jwksUrl)) {
        throw new Error(`${c.issuersFile}: every issuer needs issuer, audience and jwksFile or jwksUrl`);
      }
      const keys = e.jwksFile
        ? createLocalJWKSet(JSON.parse(fs.readFileSync(path.resolve(path.dirname(c.issuersFile), e.jwksFile), 'utf8')))
        : createRemoteJWKSet(new URL(e.jwksUrl!));
      issuers.push({
        issuer: e.issuer,
        audience: e.audience,
        algorithms: e.algorithms ?? ['RS256', 'ES256', 'PS256'],
        keys,
        loginClaim: e.loginClaim ?? 'sub',
      });
    }
  }
  if (c.env !== 'production') {
    const { publicJwk } = await devKeys();
    issuers.push({
      issuer: DEV_ISSUER,
      audience: AUDIENCE,
      algorithms: [DEV_ALG],
      keys: createLocalJWKSet({ keys: [publicJwk] }),
      loginClaim: 'sub',
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
