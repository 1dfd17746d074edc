import { decodeJwt, jwtVerify } from 'jose';
import type { DataSource } from 'typeorm';
import { unauthenticated } from '../common/errors.js';
import { MemberEntity, MemberRole } from '../domain/member/member.entity.js';
import { OrganisationEntity } from '../domain/organisation/organisation.entity.js';
import { Sector } from '../domain/organisation/sector.js';
import type { TrustedIssuer } from './issuers.js';

/** Who is asking: a member of a partner organisation, resolved from a verified token. */
export interface Principal {
  memberId: string;
  login: string;
  name: string;
  organisationId: string;
  sector: Sector;
  roles: MemberRole[];
}

const CLOCK_SKEW_SECONDS = 30;

/**
 * Verify a bearer token against the trusted issuers and resolve its member. Any failure is
 * UNAUTHENTICATED, without saying which check failed (that would help a forger).
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
  let login: unknown;
  try {
    const { payload } = await jwtVerify(token, issuer.keys, {
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: issuer.algorithms,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp', issuer.loginClaim],
    });
    login = payload[issuer.loginClaim];
  } catch {
    throw unauthenticated();
  }
  if (typeof login !== 'string') throw unauthenticated();
  const principal = await principalByLogin(ds, login);
  if (!principal) throw unauthenticated('Unknown member');
  return principal;
}

/** The member with this login as a principal (organisation, sector, roles), or null. */
export async function principalByLogin(ds: DataSource, login: string): Promise<Principal | null> {
  const row = await ds
    .getRepository(MemberEntity)
    .createQueryBuilder('m')
    .innerJoin(OrganisationEntity, 'o', 'o.id = m.organisation_id')
    .select(['m.id AS id', 'm.login AS login', 'm.name AS name', 'm.organisation_id AS organisation_id', 'm.roles AS roles', 'o.sector AS sector'])
    .where('m.login = :login', { login })
    .getRawOne<{ id: string; login: string; name: string; organisation_id: string; roles: MemberRole[]; sector: Sector }>();
  if (!row) return null;
  return {
    memberId: row.id,
    login: row.login,
    name: row.name,
    organisationId: row.organisation_id,
    sector: row.sector,
    roles: row.roles,
  };
}
