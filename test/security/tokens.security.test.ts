import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { loadTrustedIssuers } from '../../src/auth/issuers';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Issue 9, items 1 and 5: tokens of partners' own identity providers. Every bad token is
 * UNAUTHENTICATED (401) with no data and no hint which check failed.
 */
const ME = { query: '{ me { login roles organisation { name } } }' };
const ISS = 'https://idp.politie.example';
const AUD = 'schakel-api';
const POLICE_ZEIST = 'Politie Midden-Nederland';

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

describe('tokens of partner identity providers', () => {
  let s: TestServer;
  let dir: string;
  let key: { privateKey: KeyLike; publicKey: KeyLike };
  let jwksServer: http.Server;
  let jwksKey: { privateKey: KeyLike; publicKey: KeyLike };
  let jwksHits = 0;

  /** A token of the police identity provider (RS256), with claims to override. */
  const police = (claims: Record<string, unknown> = {}, opts: { exp?: number | string; nbf?: number; iss?: string; aud?: string; k?: KeyLike } = {}) => {
    const jwt = new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'politie-1' })
      .setIssuer(opts.iss ?? ISS)
      .setAudience(opts.aud ?? AUD)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '10m');
    if (!('sub' in claims)) jwt.setSubject('wijkagent.zeist');
    if (opts.nbf !== undefined) jwt.setNotBefore(opts.nbf);
    return jwt.sign(opts.k ?? key.privateKey);
  };
  const call = (token: string, body: unknown = ME) => s.post(body, { authorization: `Bearer ${token}` });
  const expectUnauthenticated = async (token: string) => {
    const res = await call(token);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
    expect(JSON.stringify(res.errors)).not.toMatch(/stack|signature|audience|expired|jwt|jose/i);
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-issuers-'));
    key = await generateKeyPair('RS256', { extractable: true });
    jwksKey = await generateKeyPair('ES256', { extractable: true });
    const jwk = (k: JWK, kid: string, alg: string) => ({ ...k, kid, alg, use: 'sig' });
    fs.writeFileSync(path.join(dir, 'politie.jwks.json'), JSON.stringify({ keys: [jwk(await exportJWK(key.publicKey), 'politie-1', 'RS256')] }));
    // The corporation's identity provider publishes its keys over HTTP (jwksUrl).
    const jwks = JSON.stringify({ keys: [jwk(await exportJWK(jwksKey.publicKey), 'woongoed-1', 'ES256')] });
    jwksServer = http.createServer((_req, res) => {
      jwksHits += 1;
      res.setHeader('content-type', 'application/json');
      res.end(jwks);
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`;
    const file = path.join(dir, 'issuers.json');
    fs.writeFileSync(file, JSON.stringify([
      {
        issuer: ISS, audience: AUD, organisation: POLICE_ZEIST, jwksFile: 'politie.jwks.json', algorithms: ['RS256'],
        rolesClaim: 'schakel_roles', serviceAccounts: { 'bvh-koppeling': ['cases:read', 'information:write'] },
      },
      { issuer: 'https://idp.woongoed.example', audience: AUD, organisation: 'Woongoed Zeist', jwksUrl, algorithms: ['ES256'] },
    ]));
    s = await startTestServer({ issuers: await loadTrustedIssuers({ file, production: false }) });
    const [org] = await s.ds.query(`SELECT organisation_id AS id FROM member WHERE login = 'wijkagent.zeist'`);
    await s.ds.query(
      `INSERT INTO member (login, name, organisation_id, function, roles) VALUES
        ('bvh-koppeling', 'BVH-koppeling politie', $1, 'registratiesysteem', '{SERVICE_ACCOUNT,POLICE_OFFICER}'),
        ('spoofed-client', 'Geen serviceaccount', $1, 'registratiesysteem', '{SERVICE_ACCOUNT}')`,
      [org.id],
    );
  });
  afterAll(async () => {
    await s.stop();
    await new Promise((r) => jwksServer.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a valid token of the police identity provider names its member; the roles claim narrows roles', async () => {
    const res = await call(await police({ schakel_roles: ['POLICE_OFFICER'] }));
    expect(res.errors).toBeUndefined();
    expect(res.data!.me).toMatchObject({ login: 'wijkagent.zeist', roles: ['POLICE_OFFICER'], organisation: { name: POLICE_ZEIST } });
    const narrowed = await call(await police({ schakel_roles: 'MEMBER' }));
    expect(narrowed.data!.me.roles).toEqual(['MEMBER']);
    const none = await call(await police({}));
    expect(none.data!.me.roles).toEqual([]);
  });

  test('the roles claim never widens: a role not stored in Schakel is ignored', async () => {
    const res = await call(await police({ schakel_roles: ['POLICE_OFFICER', 'PRIVACY_OFFICER', 'PROCESS_DIRECTOR'] }));
    expect(res.data!.me.roles).toEqual(['POLICE_OFFICER']);
    // privacy.zeist's organisation is not the police: use a police member that is no officer.
    const officerTool = await call(await police({ schakel_roles: ['PRIVACY_OFFICER'] }), { query: '{ policyVersions(collaboration: "zeist") { version } }' });
    expect(officerTool.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  test('forged (other key), expired, not-yet-valid, wrong issuer, wrong audience → UNAUTHENTICATED', async () => {
    const other = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    await expectUnauthenticated(await police({}, { k: other.privateKey }));
    await expectUnauthenticated(await police({}, { exp: now - 120 }));
    await expectUnauthenticated(await police({}, { nbf: now + 300 }));
    await expectUnauthenticated(await police({}, { iss: 'https://idp.evil.example' }));
    await expectUnauthenticated(await police({}, { aud: 'another-api' }));
    // Within the 30 s clock skew a token is still (or already) good.
    expect((await call(await police({}, { exp: now - 10 }))).status).toBe(200);
    expect((await call(await police({}, { nbf: now + 10 }))).status).toBe(200);
  });

  test('alg "none" and HS256 signed with the public key (HS/RS confusion) → UNAUTHENTICATED', async () => {
    const claims = { iss: ISS, aud: AUD, sub: 'wijkagent.zeist', exp: Math.floor(Date.now() / 1000) + 600 };
    const none = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.`;
    await expectUnauthenticated(none);
    const pem = await exportSPKI(key.publicKey);
    const signingInput = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'politie-1' }))}.${b64url(JSON.stringify(claims))}`;
    for (const secret of [pem, JSON.stringify(await exportJWK(key.publicKey))]) {
      await expectUnauthenticated(`${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`);
    }
  });

  test('an issuer authenticates only members of its own organisation', async () => {
    // The police identity provider vouching for a corporation's member is refused.
    await expectUnauthenticated(await police({ sub: 'woonconsulent.zeist' }));
  });

  test('keys fetched from the jwksUrl over HTTP; a token of that issuer for its own member only', async () => {
    const woongoed = (sub: string) =>
      new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'woongoed-1' }).setIssuer('https://idp.woongoed.example')
        .setAudience(AUD).setSubject(sub).setExpirationTime('5m').sign(jwksKey.privateKey);
    const res = await call(await woongoed('woonconsulent.zeist'));
    expect(res.errors).toBeUndefined();
    expect(res.data!.me.login).toBe('woonconsulent.zeist');
    expect(jwksHits).toBeGreaterThan(0);
    await expectUnauthenticated(await woongoed('wijkagent.zeist'));
  });

  describe('service accounts (client_credentials)', () => {
    const sa = (scope: string, claims: Record<string, unknown> = {}) =>
      police({ sub: 'bvh-koppeling', client_id: 'bvh-koppeling', scope, ...claims });

    test('a registration system reads cases with scope cases:read', async () => {
      const res = await call(await sa('cases:read'), { query: '{ me { login roles } cases(first: 2) { totalCount } }' });
      expect(res.errors).toBeUndefined();
      expect(res.data!.me).toEqual({ login: 'bvh-koppeling', roles: ['SERVICE_ACCOUNT', 'POLICE_OFFICER'] });
      expect(res.data!.cases.totalCount).toBeGreaterThan(0);
    });

    test('with information:write it adds police information to a case the police takes part in, as its provider', async () => {
      const token = await sa('cases:read information:write');
      const read = await call(token, { query: '{ cases(first: 1) { edges { node { id subjects { id } } } } }' });
      const node = read.data!.cases.edges[0].node;
      const before = await s.ds.query(`SELECT count(*)::int AS n FROM information_item`);
      const res = await call(token, {
        query: 'mutation($input: AddInformationItemInput!) { addInformationItem(input: $input) { id providedBy { login } } }',
        variables: { input: { caseId: node.id, subjectId: node.subjects[0].id, category: 'POLICE_INCIDENTS', content: 'Melding geluidsoverlast 12-09', legalGround: 'Besluit art. 20 Wpg Zeist',
          policeJustification: 'Geen andere bron dan de politie; juist, actueel en niet bovenmatig' } },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.addInformationItem.providedBy.login).toBe('bvh-koppeling');
      const after = await s.ds.query(`SELECT count(*)::int AS n FROM information_item`);
      expect(after[0].n).toBe(before[0].n + 1);
    });

    test('without the scope: FORBIDDEN (MISSING_SCOPE); a scope outside the allow-list is never granted', async () => {
      const noRead = await call(await sa('information:write'), { query: '{ cases(first: 1) { totalCount } }' });
      expect(noRead.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MISSING_SCOPE', scope: 'cases:read' });
      // cases:write is asked for but not in the issuers file's allow-list for this account.
      const write = await call(await sa('cases:read cases:write'), {
        query: 'mutation { registerCase(input: { collaborationId: "00000000-0000-4000-8000-000000000000", reference: "BVH-1", kind: INDIVIDUAL }) { id } }',
      });
      expect(write.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MISSING_SCOPE' });
      const officer = await call(await sa('cases:read'), { query: '{ disclosures(first: 1) { totalCount } }' });
      expect(officer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    test('a service account must be named by client_id too; a person never logs in as one, nor one as a person', async () => {
      await expectUnauthenticated(await sa('cases:read', { client_id: 'schakel-frontend' }));
      await expectUnauthenticated(await sa('cases:read', { client_id: undefined }));
      // A member row marked SERVICE_ACCOUNT that the issuers file does not list.
      await expectUnauthenticated(await police({ sub: 'spoofed-client', client_id: 'spoofed-client' }));
    });
  });

  test('the issuers file refuses symmetric or "none" algorithms, unknown scopes and a missing organisation', async () => {
    const bad = async (entry: Record<string, unknown>, message: RegExp) => {
      const file = path.join(dir, 'bad.json');
      fs.writeFileSync(file, JSON.stringify([{ issuer: 'https://x', audience: AUD, organisation: POLICE_ZEIST, jwksFile: 'politie.jwks.json', ...entry }]));
      await expect(loadTrustedIssuers({ file, production: true })).rejects.toThrow(message);
    };
    await bad({ algorithms: ['HS256'] }, /asymmetric/);
    await bad({ algorithms: ['none'] }, /asymmetric/);
    await bad({ serviceAccounts: { x: ['cases:delete'] } }, /unknown scopes cases:delete/);
    await bad({ organisation: undefined }, /needs organisation/);
    await bad({ jwksFile: undefined, jwksUrl: 'http://idp.example/jwks' }, /https/);
  });
});
