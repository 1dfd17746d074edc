import { runSuites, suiteFiles } from '../policy/policy-tests.js';

/**
 * npm run policy:test [file…]: run policy test suites (default: every policies/*.tests.yaml) through the
 * access engine; print each test (✓/✗), the engine's trace for each failure, the combinations no test
 * touches, and last "N passed, N failed". Exit 1 on any failed test or invalid suite.
 */
function main() {
  const outcome = runSuites(suiteFiles(process.argv.slice(2)));
  process.stdout.write(`${outcome.lines.join('\n')}\n`);
  process.exitCode = outcome.failed || outcome.invalid || outcome.suites.length + outcome.invalid === 0 ? 1 : 0;
}
main();
