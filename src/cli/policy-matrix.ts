import { accessMatrix, matrixCsv, matrixText } from '../policy/policy-tables.js';
import { processIo, readPolicyArg, runPolicyCli, UsageError, type CliIo } from './policy-file-arg.js';

const USAGE = 'npm run policy:matrix -- <policy file or slug> [--csv]';

/**
 * npm run policy:matrix -- <policy file or slug> [--csv]: which category each sector gets, as partner and
 * as ad-hoc participant (ALLOW / CONDITIONAL / DENY). Exit 0 done, 1 invalid policy, 2 usage.
 */
export function policyMatrixCli(args: string[], io: CliIo = processIo): number {
  return runPolicyCli(USAGE, io, () => {
    const files = args.filter((a) => !a.startsWith('--'));
    if (files.length !== 1) throw new UsageError('name one policy');
    const m = accessMatrix(readPolicyArg(files[0]));
    io.out(args.includes('--csv') ? matrixCsv(m) : matrixText(m));
  });
}

if (require.main === module) process.exitCode = policyMatrixCli(process.argv.slice(2));
