import 'reflect-metadata';
import { signDevToken } from '../auth/issuers.js';

/**
 * npm run token -- <login> [--ttl seconds]: a development token for a demo member, on the last line.
 * Signed with the development key in SCHAKEL_DATA_DIR (the server trusts it outside production).
 */
async function main() {
  const args = process.argv.slice(2);
  const login = args.find((a) => !a.startsWith('--'));
  const ttlIdx = args.indexOf('--ttl');
  if (!login) {
    process.stderr.write('usage: npm run token -- <login> [--ttl seconds]   (e.g. wijkagent.zeist)\n');
    process.exitCode = 2;
    return;
  }
  const ttl = ttlIdx >= 0 ? Number(args[ttlIdx + 1]) : undefined;
  const token = await signDevToken(login, { ttlSeconds: ttl });
  process.stderr.write(`token for ${login} (use as: Authorization: Bearer <token>)\n`);
  process.stdout.write(`${token}\n`);
}
void main();
