import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importJWK, jwtVerify } from 'jose';

type Issuers = typeof import('../../src/auth/issuers');

/** The issuers module afresh, reading SCHAKEL_DATA_DIR anew (its configuration is read once per module load). */
function freshIssuers(): Issuers {
  let m: Issuers | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    m = require('../../src/auth/issuers') as Issuers;
  });
  return m!;
}

/**
 * The development signing key on a fresh data directory, asked for by several at once (the test workers of a
 * fresh clone, `npm start` beside `npm run token`): one key for all, or a server verifies with a key nobody signs with.
 */
describe('development signing key', () => {
  const saved = process.env.SCHAKEL_DATA_DIR;
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-devkeys-'));
    process.env.SCHAKEL_DATA_DIR = dir;
  });
  afterEach(() => {
    process.env.SCHAKEL_DATA_DIR = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('made once: callers at the same time all get the key that was written, and it stays', async () => {
    const { devKeys } = freshIssuers();
    const all = await Promise.all(Array.from({ length: 4 }, () => devKeys()));
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'dev-signing-key.json'), 'utf8'));
    for (const k of all) expect(k).toEqual(written);
    expect(await devKeys()).toEqual(written);
    // No leftovers of the makers that lost.
    expect(fs.readdirSync(dir)).toEqual(['dev-signing-key.json']);
  });

  test('a token signed by one caller verifies with the key another caller got', async () => {
    const { devKeys, signDevToken } = freshIssuers();
    const [, token] = await Promise.all([devKeys(), signDevToken('wijkagent.zeist'), devKeys()]);
    const { publicJwk } = await devKeys();
    const { payload } = await jwtVerify(token, await importJWK(publicJwk, 'ES256'));
    expect(payload.sub).toBe('wijkagent.zeist');
  });
});
