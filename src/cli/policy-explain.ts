import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { principalByLogin } from '../auth/authenticate.js';
import { config } from '../config/config.js';
import { MemberRole } from '../domain/member/member.entity.js';
import type { AccessExplanation } from '../domain/policy/policy-tools.type.js';
import { explainAccess } from '../domain/policy/policy-tools.service.js';
import { loadPolicies } from '../policy/policy-store.js';
import { createContext } from '../server/context.js';
import { withDatabase } from './run.js';

const USAGE = `npm run policy:explain -- --as <privacy officer> --member <login> --case <reference|id>
  (--field <field> | --category <category>) [--purpose <purpose>] [--subject <pseudonym|id>] [--version <v>]`;

/** The explanation in a privacy officer's words: decision, every check with its article, the items. */
export function explanationText(e: AccessExplanation): string {
  const lines = [
    `${e.decision}${e.reason ? ` (${e.reason})` : ''}: ${e.member} (${e.organisation}, ${e.sector}, ${e.participation ?? 'not taking part'})` +
      ` reading ${e.field} [${e.category}] in ${e.caseReference}${e.subject ? `, subject ${e.subject}` : ''}, purpose ${e.purpose ?? '(none)'}`,
    `policy ${e.policyVersion}${e.draft ? ' (draft)' : ''}${e.grant ? `, grant ${e.grant}` : ''}${e.art20DecisionId ? `, art. 20 decision ${e.art20DecisionId}` : ''}`,
    ...e.checks.map((c) => `  ${c.passed ? '✓' : '✗'} ${c.check}: ${c.detail}\n      ${c.article}`),
  ];
  if (e.itemConditions.length) lines.push(`  items of another organisation must pass: ${e.itemConditions.join(' or ')}`);
  for (const i of e.items) lines.push(`  item ${i.id} of ${i.provider}: ${i.visible ? 'shown' : 'withheld'} (${i.reason})`);
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  const { values: v } = parseArgs({
    options: {
      as: { type: 'string' }, member: { type: 'string' }, case: { type: 'string' }, field: { type: 'string' },
      category: { type: 'string' }, purpose: { type: 'string' }, subject: { type: 'string' }, version: { type: 'string' },
    },
  });
  if (!v.as || !v.member || !v.case || (!v.field && !v.category)) {
    process.stderr.write(`usage: ${USAGE}\n`);
    process.exit(2);
  }
  void withDatabase(async (ds) => {
    const officer = await principalByLogin(ds, v.as!);
    if (!officer?.roles.includes(MemberRole.PRIVACY_OFFICER)) throw new Error(`FORBIDDEN: ${v.as} is not a privacy officer`);
    const ctx = await createContext(ds, officer, await loadPolicies(ds, config().policyDir));
    const e = await explainAccess(ctx, {
      member: v.member!, case: v.case!, field: v.field ?? null, category: (v.category ?? null) as never,
      purpose: v.purpose ?? null, subject: v.subject ?? null, version: v.version ?? null, draftPolicy: null,
    });
    await ctx.release();
    process.stdout.write(explanationText(e));
  });
}
