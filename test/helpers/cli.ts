import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/**
 * Run a built CLI (dist/src/cli/<name>.js, built once per test run by the global setup) as an operator
 * would, optionally against a test database (DATABASE_URL).
 */
export function runCli(name: string, args: string[], opts: { databaseUrl?: string } = {}) {
  return spawnSync(process.execPath, [path.join(ROOT, 'dist/src/cli', `${name}.js`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: opts.databaseUrl ? { ...process.env, DATABASE_URL: opts.databaseUrl } : process.env,
  });
}
