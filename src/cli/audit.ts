import 'reflect-metadata';
import { describeReport, purgeLogs, verifyLogs } from '../audit/verify.js';
import { config } from '../config/config.js';
import { purgeChangeFeed } from '../domain/webhook/webhook-worker.js';
import { withDatabase } from './run.js';

/**
 * npm run audit:verify — check the hash chains of the disclosure log and the audit trail; exit 1 naming
 * the first broken record. npm run audit:purge — remove records older than SCHAKEL_LOG_RETENTION, and
 * change-feed events older than SCHAKEL_OUTBOX_RETENTION with no delivery pending.
 */
const command = process.argv[2];
void withDatabase(async (ds) => {
  if (command === 'verify') {
    const reports = await verifyLogs(ds);
    for (const r of reports) process.stdout.write(`${describeReport(r)}\n`);
    if (reports.some((r) => r.broken)) process.exitCode = 1;
  } else if (command === 'purge') {
    const n = await purgeLogs(ds, config().logRetention);
    process.stdout.write(`removed ${n} log records older than ${config().logRetention}\n`);
    const events = await purgeChangeFeed(ds, config().webhooks.retention);
    process.stdout.write(`removed ${events} change-feed events older than ${config().webhooks.retention} with no delivery pending\n`);
  } else {
    throw new Error('usage: audit.js verify | purge');
  }
});
