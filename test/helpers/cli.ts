import { spawn, spawnSync } from 'node:child_process';
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

/**
 * Run a built CLI without blocking this process (for a CLI that talks to a test server in this process):
 * resolves with its exit status and output.
 */
export function runCliAsync(name: string, args: string[], opts: { databaseUrl?: string } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/cli', `${name}.js`), ...args], {
      cwd: ROOT,
      env: opts.databaseUrl ? { ...process.env, DATABASE_URL: opts.databaseUrl } : process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
