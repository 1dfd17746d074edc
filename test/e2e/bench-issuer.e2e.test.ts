/**
 * The benchmark runs Schakel's servers under load in production mode, as PostGraphile's (issue 11): their tokens come
 * from issuers configured as partners' identity providers are, one per organisation.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTrustedIssuers, signDevToken } from '../../src/auth/issuers';
import { benchIssuers } from '../../src/bench/bench-issuer';
import { startApp } from '../../src/server/app';
import { startTestServer } from '../helpers/test-server';

test('the benchmark’s tokens are accepted by Schakel in production mode, each from its organisation’s issuer; a development token is not', async () => {
  const s = await startTestServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-bench-issuer-'));
  try {
    const bench = await benchIssuers(s.ds, dir);
    const issuers = await loadTrustedIssuers({ file: bench.issuersFile, production: true });
    const app = await startApp(s.ds, { port: 0, host: '127.0.0.1', production: true, issuers, webhooks: { pollMs: 0 } });
    try {
      const ask = async (token: string) => {
        const res = await fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ me { login organisation { name } } }' }),
        });
        return { status: res.status, ...((await res.json()) as { data?: { me: { login: string } }; errors?: { extensions?: { code?: string } }[] }) };
      };
      for (const login of ['woonconsulent.zeist', 'politie.zvhd', 'consulent.walcheren']) {
        expect((await ask(await bench.sign(login))).data?.me.login).toBe(login);
      }
      const dev = await ask(await signDevToken('woonconsulent.zeist'));
      expect([dev.status, dev.errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    } finally {
      await app.stop();
    }
  } finally {
    await s.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
