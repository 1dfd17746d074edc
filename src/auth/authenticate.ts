import { decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import type { DataSource } from 'typeorm';
import { unauthenticated } from '../common/errors.js';
import { MemberEntity, MemberRole } from '../domain/member/member.entity.js';
import { OrganisationEntity } from '../domain/organisation/organisation.entity.js';
import { Sector } from '../domain/organisation/sector.js';
import type { TrustedIssuer } from './issuers.js';
import type { Scope } from './scopes.js';

/** Who is asking: a member of a partner organisation, resolved from a verified token. */
export interface Principal {
  memberId: string;
  login: string;
  name: string;
  organisationId: string;
  sector: Sector;
  roles: MemberRole[];
  /**
   * Service accounts only: what the token may do (its `scope` ∩ the issuer's allow-list for the
   * account). Undefined for people, who are not scope-limited.
   */
  scopes?: Scope[];
  /** The client application the token was issued to (`client_id`, else `azp`), for rate limits. */
  client?: string;
}

const CLOCK_SKEW_SECONDS = 30;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** A claim holding a list: a JSON array of strings or one space-separated string (OAuth `scope`). */
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? v.split(' ').filter(Boolean) : [];

/**
 * Verify a bearer token against the trusted issuers and resolve its member. Any failure is
 * UNAUTHENTICATED, without saying which check failed (that would help a forger).
 *
 * - signature with the issuer's keys, algorithm from its allow-list, issuer, audience, `exp` required,
 *   `exp` and `nbf` with 30 s clock skew;
 * - the member must belong to the issuer's organisation;
 * - a service account (the login names one of the issuer's `serviceAccounts`) must be named by
 *   `client_id` (or `azp`) as well, and its member row must carry SERVICE_ACCOUNT; a person's token can
 *   never log in as a service account and a service account never as a person;
 * - a person's roles: the stored roles, narrowed to those in the issuer's `rolesClaim` when it has one
 *   (absent claim: no roles); a service account keeps its stored roles (never PRIVACY_OFFICER) and is
 *   limited by its scopes: the token's `scope`/`scp` ∩ the issuer's allow-list for the account.
 */
export async function authenticate(
  authorization: string | undefined,
  issuers: TrustedIssuer[],
  ds: DataSource,
): Promise<Principal> {
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/.exec(authorization?.trim() ?? '');
  if (!match) throw unauthenticated();
  const token = match[1];
  let iss: string | undefined;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    throw unauthenticated();
  }
  const issuer = issuers.find((i) => i.issuer === iss);
  if (!issuer) throw unauthenticated();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, issuer.keys, {
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: issuer.algorithms,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp', issuer.loginClaim],
    }));
  } catch {
    throw unauthenticated();
  }
  const login = str(payload[issuer.loginClaim]);
  if (!login) throw unauthenticated();
  const client = str(payload.client_id) ?? str(payload.azp);
  const allowedScopes = issuer.serviceAccounts.get(login);
  if (allowedScopes && client !== login) throw unauthenticated();
  const found = await memberByLogin(ds, login);
  if (!found) throw unauthenticated();
  const { principal, organisationName } = found;
  if (issuer.organisation !== undefined && issuer.organisation !== organisationName) throw unauthenticated();
  const isServiceAccount = principal.roles.includes(MemberRole.SERVICE_ACCOUNT);
  if (Boolean(allowedScopes) !== isServiceAccount) throw unauthenticated();
  if (issuer.rolesClaim && !allowedScopes) {
    const claimed = list(payload[issuer.rolesClaim]);
    principal.roles = principal.roles.filter((r) => claimed.includes(r));
  }
  if (allowedScopes) {
    const requested = new Set([...list(payload.scope), ...list(payload.scp)]);
    principal.scopes = allowedScopes.filter((sc) => requested.has(sc));
    // A registration system is never a privacy officer: the officers' tools are for people.
    principal.roles = principal.roles.filter((r) => r !== MemberRole.PRIVACY_OFFICER);
  }
  if (client) principal.client = `${issuer.issuer} ${client}`;
  return principal;
}

/** The member with this login as a principal (organisation, sector, roles), or null. */
export async function principalByLogin(ds: DataSource, login: string): Promise<Principal | null> {
  return (await memberByLogin(ds, login))?.principal ?? null;
}

async function memberByLogin(ds: DataSource, login: string): Promise<{ principal: Principal; organisationName: string } | null> {
  const row = await ds
    .getRepository(MemberEntity)
    .createQueryBuilder('m')
    .innerJoin(OrganisationEntity, 'o', 'o.id = m.organisation_id')
    .select(['m.id AS id', 'm.login AS login', 'm.name AS name', 'm.organisation_id AS organisation_id', 'm.roles AS roles', 'o.sector AS sector', 'o.name AS organisation_name'])
    .where('m.login = :login', { login })
    .getRawOne<{ id: string; login: string; name: string; organisation_id: string; roles: MemberRole[]; sector: Sector; organisation_name: string }>();
  if (!row) return null;
  const principal: Principal = {
    memberId: row.id,
    login: row.login,
    name: row.name,
    organisationId: row.organisation_id,
    sector: row.sector,
    roles: row.roles,
  };
  return { principal, organisationName: row.organisation_name };
}
