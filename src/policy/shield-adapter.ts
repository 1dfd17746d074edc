import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { chain, deny, rule, shield } from 'graphql-shield';
import type { IRule } from 'graphql-shield';
import { answerError, ErrorCode, forbidden } from '../common/errors.js';
import { MemberRole } from '../domain/member/member.entity.js';
import { categoryByField } from '../domain/information/categories.js';
import type { SubjectInformation } from '../domain/information/information.type.js';
import type { Context } from '../server/context.js';
import type { CategoryDecision } from './engine.js';
import { CASE_ID_OF, RULE_MAP, SCOPE_OF, type RuleName } from './rule-map.js';

/**
 * The only file that imports graphql-shield: it turns the rule map (data) into shield rules and
 * applies them to the built schema. Deny by default; resolver errors pass through unchanged.
 */
const forbiddenField = (reason: string) =>
  answerError(ErrorCode.FORBIDDEN_FIELD, 'You may not see this field', { reason });

const authenticated = rule({ cache: 'contextual' })((_p, _a, ctx: Context) => Boolean(ctx.principal?.memberId));

/** Only privacy officers use the policy tools and the logs; anyone else: FORBIDDEN. */
const privacyOfficer = rule({ cache: 'contextual' })((_p, _a, ctx: Context) =>
  ctx.principal?.roles?.includes(MemberRole.PRIVACY_OFFICER) ? true : forbidden('Only a privacy officer may do this', { reason: 'NOT_PRIVACY_OFFICER' }),
);

/** Roles the covenants let see signatures, internal notes and decisions on agreements (issue 7, item 7). */
const GOVERNANCE_ROLES: readonly MemberRole[] = [MemberRole.STEERING_GROUP, MemberRole.POLICE_CHIEF, MemberRole.COORDINATOR, MemberRole.PRIVACY_OFFICER];

const governanceRole = rule({ cache: 'contextual' })((_p, _a, ctx: Context) =>
  ctx.principal?.roles.some((r) => GOVERNANCE_ROLES.includes(r)) ? true : forbiddenField('NO_GOVERNANCE_ROLE'),
);

/** A service account needs the root field's scope (SCOPE_OF); people pass. */
function scoped(typeName: 'Query' | 'Mutation', field: string): IRule {
  const needed = SCOPE_OF[typeName][field];
  return rule({ cache: 'contextual' })((_p, _a, ctx: Context) => {
    const scopes = ctx.principal?.scopes;
    if (!scopes || needed === null) return true;
    if (needed !== undefined && scopes.includes(needed)) return true;
    return forbidden('This service account lacks the scope for this field', { reason: 'MISSING_SCOPE', scope: needed ?? null });
  });
}

function caseParticipant(typeName: string) {
  const caseIdOf = CASE_ID_OF[typeName];
  if (!caseIdOf) throw new Error(`rule-map: caseParticipant on ${typeName}, which has no case id`);
  // No shield cache: the decision is a per-request DataLoader lookup (once per case per request).
  return rule({ cache: 'no_cache' })(async (parent: Record<string, unknown>, _a, ctx: Context) => {
    const caseId = caseIdOf(parent);
    if (typeof caseId !== 'string') return forbiddenField('NOT_PARTICIPANT');
    return (await ctx.participation.load(caseId)) ? true : forbiddenField('NOT_PARTICIPANT');
  });
}

/**
 * The field's category as the policy decided it for this request: a lookup in the decisions the
 * resolver already made (once per case per request). A denial carries the category, the reason and
 * the policy version, and nulls only this field.
 */
function categoryPolicy(field: string): IRule {
  const category = categoryByField(field);
  if (!category) throw new Error(`rule-map: categoryPolicy on ${field}, which is no category field`);
  return rule({ cache: 'no_cache' })((parent: SubjectInformation, _a, ctx: Context) => {
    const d = parent.decisions?.get(category.key);
    ctx.disclosures.note(parent, category.key, field, d, parent[category.field]);
    if (d?.allowed) return true;
    return answerError(ErrorCode.FORBIDDEN_FIELD, `Not allowed to see ${category.key}`, {
      category: category.key,
      reason: d?.reason ?? 'NO_POLICY',
      policyVersion: d?.policy,
    });
  });
}

function toShieldRule(typeName: string, field: string, name: RuleName): IRule {
  switch (name) {
    case 'categoryPolicy':
      return categoryPolicy(field);
    case 'authenticated':
    case 'withinVisibleCase':
    case 'withinOfficerTool':
      return authenticated;
    case 'privacyOfficer':
      return privacyOfficer;
    case 'caseParticipant':
      return caseParticipant(typeName);
    case 'privacyOfficer':
      return privacyOfficer;
    case 'governanceRole':
      return governanceRole;
  }
}

export function applyFieldRules(schema: GraphQLSchema): GraphQLSchema {
  const tree: Record<string, Record<string, IRule | ReturnType<typeof chain>>> = {};
  for (const [typeName, fields] of Object.entries(RULE_MAP)) {
    const perType = new Map<RuleName, IRule>();
    tree[typeName] = {};
    for (const [field, ruleName] of Object.entries(fields)) {
      if (ruleName === 'categoryPolicy') {
        tree[typeName][field] = toShieldRule(typeName, field, ruleName);
        continue;
      }
      if (!perType.has(ruleName)) perType.set(ruleName, toShieldRule(typeName, field, ruleName));
      tree[typeName][field] = typeName === 'Query' || typeName === 'Mutation'
        ? chain(scoped(typeName, field), perType.get(ruleName)!)
        : perType.get(ruleName)!;
    }
  }
  const permissions = shield(tree, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: forbiddenField('NO_RULE'),
    debug: false,
  });
  return applyMiddleware(schema, permissions);
}
