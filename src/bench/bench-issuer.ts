import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { DataSource } from 'typeorm';
import { AUDIENCE } from '../auth/issuers.js';

/**
 * The benchmark's token issuers, configured as partners' identity providers are in production (SCHAKEL_ISSUERS_FILE):
 * one per organisation (an issuer vouches for the members of its own organisation only), all with one key pair made
 * for the run, whose public key is in a JWKS file next to the issuers file in `dir`. So Schakel's servers under load
 * run in production mode (NODE_ENV=production, as PostGraphile's do), which accepts no development token.
 */
export async function benchIssuers(ds: DataSource, dir: string): Promise<{ issuersFile: string; sign: (login: string) => Promise<string> }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const kid = 'schakel-bench';
  fs.writeFileSync(path.join(dir, 'bench-jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }));
  const issuerOf = (organisationId: string) => `urn:schakel:bench:${organisationId}`;
  const organisations: { id: string; name: string }[] = await ds.query(`SELECT id, name FROM organisation ORDER BY name`);
  const issuersFile = path.join(dir, 'bench-issuers.json');
  fs.writeFileSync(
    issuersFile,
    JSON.stringify(organisations.map((o) => ({ issuer: issuerOf(o.id), audience: AUDIENCE, organisation: o.name, algorithms: ['ES256'], jwksFile: 'bench-jwks.json' }))),
  );
  return {
    issuersFile,
    sign: async (login) => {
      const [member]: { organisation_id: string }[] = await ds.query(`SELECT organisation_id FROM member WHERE login = $1`, [login]);
      if (!member) throw new Error(`bench: no member ${login}`);
      return new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setSubject(login)
        .setIssuer(issuerOf(member.organisation_id))
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('8h')
        .sign(privateKey);
    },
  };
}
