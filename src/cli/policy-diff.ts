import { policyDiff } from '../policy/policy-tables.js';
import { processIo, readPolicyArg, runPolicyCli, UsageError, type CliIo } from './policy-file-arg.js';

const USAGE = 'npm run policy:diff -- <old.policy.yaml> <new.policy.yaml>';

/**
 * npm run policy:diff -- <old> <new>: every decision that changes between two policy files, one sentence
 * per line (nothing when they decide alike). Exit 0 done, 1 an invalid policy, 2 usage.
 */
export function policyDiffCli(args: string[], io: CliIo = processIo): number {
  return runPolicyCli(USAGE, io, () => {
    const files = args.filter((a) => !a.startsWith('--'));
    if (files.length !== 2) throw new UsageError('name two policy files');
    const [from, to] = files.map(readPolicyArg);
    if (from.doc.collaboration !== to.doc.collaboration) throw new UsageError(`${from.label} and ${to.label} are policies of different collaborations`);
    const changes = policyDiff(from, to);
    io.err(`${changes.length} change${changes.length === 1 ? '' : 's'} from ${from.label} to ${to.label}\n`);
    for (const c of changes) io.out(`${c.sentence}\n`);
  });
}

if (require.main === module) process.exitCode = policyDiffCli(process.argv.slice(2));
