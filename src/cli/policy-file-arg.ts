import fs from 'node:fs';
import path from 'node:path';
import { parsePolicy, POLICY_DIR } from '../policy/policy-loader.js';
import type { LoadedPolicy } from '../policy/policy.types.js';

/** What a policy CLI writes and how it ends: 0 done, 1 an invalid policy file, 2 wrong usage or no such file. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}
export const processIo: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export class UsageError extends Error {}

/**
 * A policy named on the command line: a file path, or the slug of a file in policies/ (`zeist`). Validated by
 * the same loader as at start; the file may be named anything (a draft, an old copy).
 */
export function readPolicyArg(arg: string): LoadedPolicy {
  const file = fs.existsSync(arg) ? arg : path.join(POLICY_DIR, `${arg}.policy.yaml`);
  if (!fs.existsSync(file)) throw new UsageError(`no policy file ${arg} (give a file, or a slug of policies/: ${fs.readdirSync(POLICY_DIR).filter((f) => f.endsWith('.policy.yaml')).map((f) => f.replace('.policy.yaml', '')).join(', ')})`);
  return parsePolicy(path.relative(process.cwd(), path.resolve(file)) || file, fs.readFileSync(file, 'utf8'), { checkFileName: false });
}

/** Run a policy CLI: usage errors exit 2, an invalid policy (the loader's messages) exits 1. */
export function runPolicyCli(usage: string, io: CliIo, task: () => void): number {
  try {
    task();
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nusage: ${usage}\n`);
      return 2;
    }
    io.err(`${(e as Error).message}\n`);
    return 1;
  }
}
