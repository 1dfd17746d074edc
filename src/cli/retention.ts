import 'reflect-metadata';
import { config } from '../config/config.js';
import { applyRetention } from '../domain/case/retention.js';
import { withDatabase } from './run.js';

/**
 * npm run retention:apply — remove for real every case finished (de-escalated, referred, closed) longer
 * than SCHAKEL_CASE_RETENTION ago, with its subjects no other case refers to (O30, O38). Run it daily.
 */
void withDatabase(async (ds) => {
  const r = await applyRetention(ds, new Date(), config().caseRetention);
  process.stdout.write(`removed ${r.removedCases.length} case(s) finished longer than ${config().caseRetention} ago` +
    `${r.removedCases.length ? `: ${r.removedCases.join(', ')}` : ''}; ${r.removedSubjects} subject(s)\n`);
});
