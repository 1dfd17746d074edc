import { SignJWT, generateKeyPair } from 'jose';
import { AUDIENCE, DEV_ISSUER, signDevToken } from '../../src/auth/issuers';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ME = { query: '{ me { login organisation { name } } }' };

describe('authentication', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.stop());

  test('no token → UNAUTHENTICATED (401), no data', async () => {
    const res = await s.post(ME);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
  });

  test('garbage, forged-key, expired and unknown-member tokens → UNAUTHENTICATED', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setSubject('wijkagent.zeist')
      .setIssuer(DEV_ISSUER).setAudience(AUDIENCE).setExpirationTime('1h').sign(privateKey);
    const expired = await signDevToken('wijkagent.zeist', { ttlSeconds: -3600 });
    const unknown = await signDevToken('nobody.zeist');
    for (const token of ['garbage', forged, expired, unknown]) {
      const res = await s.post(ME, { authorization: `Bearer ${token}` });
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
    }
  });

  test('a valid token names the member, its organisation and roles', async () => {
    const res = await s.as('wijkagent.zeist').gql('{ me { login function roles organisation { sector } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.me).toMatchObject({ login: 'wijkagent.zeist', organisation: { sector: 'POLITIE' } });
    expect(res.data!.me.roles).toContain('POLICE_OFFICER');
  });
});
