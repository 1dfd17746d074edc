import {
  defaultFieldResolver, GraphQLError, isNonNullType, isObjectType, responsePathAsArray,
  type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema,
} from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import type { IMiddlewareFieldMap, IMiddlewareGenerator } from 'graphql-middleware';
import { chain, deny, rule, shield } from 'graphql-shield';
import type { IRule } from 'graphql-shield';
import { answerError, ErrorCode, fieldAnswerError, forbidden } from '../common/errors.js';
import { MemberRole } from '../domain/member/member.entity.js';
import { categoryByField } from '../domain/information/categories.js';
import type { SubjectInformation } from '../domain/information/information.type.js';
import type { Context } from '../server/context.js';
import { CASE_ID_OF, RULE_MAP, SCOPE_OF, type RuleName } from './rule-map.js';
import { fieldLocations } from './withheld-fields.js';

/**
 * The only file that imports graphql-shield: it turns the rule map (data) into shield rules and
 * applies them to the built schema. Deny by default; resolver errors pass through unchanged.
 *
 * graphql-shield runs every rule as an async middleware, so each guarded field becomes a promise
 * (maticzav/graphql-shield#416, #812, #1522): on a case list of 50 cases that is tens of thousands of
 * promises for checks that are lookups. So the shield guards the root fields, the role rules and every
 * field the rule map does not name (fallback deny), and the lookup rules of nested fields (LOOKUP_RULES)
 * are applied by `lookupGuard` as plain synchronous wrappers around the field's resolver, which consult
 * what the request has already decided (participation per case, category decisions per subject).
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

/** A lookup rule's verdict: allowed, the denial to answer (null: withheld, see withhold), or (only when nothing is known yet) later. */
type Denied = GraphQLError | null;
type Verdict = true | Denied | Promise<true | Denied>;
type LookupCheck = (parent: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) => Verdict;

/** Rules that are lookups in what the request already decided: applied by `lookupGuard`, not as shield middleware. */
const LOOKUP_RULES: ReadonlySet<RuleName> = new Set(['authenticated', 'withinVisibleCase', 'withinOfficerTool', 'caseParticipant', 'categoryPolicy']);

/**
 * A denial of this field. A field that may be null is withheld: null now, its FORBIDDEN_FIELD error added to the
 * answer by the operation's WithheldFields. A non-null field (or an operation without them) gets the error as
 * graphql-js reports a field error (message, locations, path, extensions), which nulls its parent object.
 * `key` tells apart the denials of one field by their message and extensions.
 */
function withhold(ctx: Context, info: GraphQLResolveInfo, code: ErrorCode, key: string, message: string, extensions: () => Record<string, unknown>): Denied {
  if (ctx.withheld && !isNonNullType(info.returnType)) return ctx.withheld.add(info, code, key, message, extensions);
  return fieldAnswerError(code, message, extensions(), { path: responsePathAsArray(info.path), locations: fieldLocations(info.fieldNodes[0]) });
}

const UNAUTHENTICATED = () => ({ reason: 'UNAUTHENTICATED' });
const NOT_PARTICIPANT = () => ({ reason: 'NOT_PARTICIPANT' });

function lookupCheck(typeName: string, field: string, name: RuleName): LookupCheck {
  switch (name) {
    case 'authenticated':
    case 'withinVisibleCase':
    case 'withinOfficerTool':
      // Nested objects are reached only through a root field that passed its own rule; this re-checks the principal.
      return (_p, ctx, info) => (ctx.principal?.memberId ? true : withhold(ctx, info, ErrorCode.FORBIDDEN_FIELD, 'UNAUTHENTICATED', 'You may not see this field', UNAUTHENTICATED));
    case 'caseParticipant': {
      const caseIdOf = CASE_ID_OF[typeName];
      if (!caseIdOf) throw new Error(`rule-map: caseParticipant on ${typeName}, which has no case id`);
      const verdict = (role: unknown, ctx: Context, info: GraphQLResolveInfo): true | Denied =>
        role ? true : withhold(ctx, info, ErrorCode.FORBIDDEN_FIELD, 'NOT_PARTICIPANT', 'You may not see this field', NOT_PARTICIPANT);
      return (parent, ctx, info) => {
        const caseId = caseIdOf(parent);
        if (typeof caseId !== 'string') return verdict(null, ctx, info);
        // Once per case per request (one batched statement); after that a lookup.
        if (ctx.participation.known.has(caseId)) return verdict(ctx.participation.known.get(caseId), ctx, info);
        return ctx.participation.load(caseId).then((role) => verdict(role, ctx, info));
      };
    }
    case 'categoryPolicy': {
      const category = categoryByField(field);
      if (!category) throw new Error(`rule-map: categoryPolicy on ${field}, which is no category field`);
      // The field's category as the policy decided it for this request: a lookup in the decisions the resolver
      // already made (once per case per request). A denial carries the category, the reason and the policy
      // version, and nulls only this field.
      const message = `Not allowed to see ${category.key}`;
      return (parent, ctx, info) => {
        const info_ = parent as SubjectInformation;
        const d = info_.decisions?.get(category.key);
        ctx.disclosures.note(info_, category.key, field, d, info_[category.field]);
        if (d?.allowed) return true;
        const reason = d?.reason ?? 'NO_POLICY';
        return withhold(ctx, info, ErrorCode.FORBIDDEN_FIELD, `${reason} ${d?.policy}`, message, () => ({ category: category.key, reason, policyVersion: d?.policy }));
      };
    }
    default:
      throw new Error(`rule-map: ${name} is not a lookup rule`);
  }
}

/** Wrap a field's resolver so it runs only when the lookup allows; a denial is the field's error. */
function lookupGuard(resolve: GraphQLFieldResolver<unknown, Context>, check: LookupCheck): GraphQLFieldResolver<unknown, Context> {
  return (parent, args, ctx, info) => {
    const v = check(parent as Record<string, unknown>, ctx, info);
    if (v === true) return resolve(parent, args, ctx, info);
    if (v === null || v instanceof GraphQLError) return v;
    return v.then((r) => (r === true ? resolve(parent, args, ctx, info) : r));
  };
}

/** The shield rule of a root field or a role rule; the lookup rules of nested fields are in lookupCheck. */
function toShieldRule(typeName: string, field: string, name: RuleName): IRule {
  switch (name) {
    case 'authenticated':
    case 'withinVisibleCase':
    case 'withinOfficerTool':
      return authenticated;
    case 'privacyOfficer':
      return privacyOfficer;
    case 'governanceRole':
      return governanceRole;
    case 'caseParticipant':
    case 'categoryPolicy':
      throw new Error(`rule-map: ${typeName}.${field} has ${name}, which only applies to fields of case-scoped objects`);
  }
}

export function applyFieldRules(schema: GraphQLSchema): GraphQLSchema {
  const tree: Record<string, Record<string, IRule | ReturnType<typeof chain>>> = {};
  const lookups: { typeName: string; field: string; check: LookupCheck }[] = [];
  for (const [typeName, fields] of Object.entries(RULE_MAP)) {
    const perType = new Map<RuleName, IRule>();
    const root = typeName === 'Query' || typeName === 'Mutation';
    tree[typeName] = {};
    for (const [field, ruleName] of Object.entries(fields)) {
      if (!root && LOOKUP_RULES.has(ruleName)) {
        lookups.push({ typeName, field, check: lookupCheck(typeName, field, ruleName) });
        continue;
      }
      if (!perType.has(ruleName)) perType.set(ruleName, toShieldRule(typeName, field, ruleName));
      tree[typeName][field] = root ? chain(scoped(typeName, field), perType.get(ruleName)!) : perType.get(ruleName)!;
    }
  }
  const permissions = shield(tree, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: forbiddenField('NO_RULE'),
    debug: false,
  }) as unknown as IMiddlewareGenerator<unknown, Context, unknown>;
  // Every field of the schema gets the shield's middleware (its rule, or the fallback deny) except the lookup
  // fields the rule map names, whose rule lookupGuard applies instead of the fallback.
  const middleware = permissions.generate(schema) as IMiddlewareFieldMap;
  for (const { typeName, field } of lookups) delete (middleware[typeName] as Record<string, unknown> | undefined)?.[field];
  const guarded = applyMiddleware(schema, middleware);
  for (const { typeName, field, check } of lookups) {
    const type = guarded.getType(typeName);
    const f = type && isObjectType(type) ? type.getFields()[field] : undefined;
    if (!f) continue; // shield has already refused a rule map naming a field the schema lacks
    f.resolve = lookupGuard((f.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Context>, check);
  }
  return guarded;
}

/**
 * The benchmark's "field policy off" (issue 11): no rule is applied, but each category field still notes what it
 * discloses, so the response writes the same disclosure log as with the policy on and the on/off ratio is what
 * the field rules cost, not the log's cost as well. Never served.
 */
export function applyDisclosureNotesOnly(schema: GraphQLSchema): GraphQLSchema {
  const notes: Record<string, (resolve: GraphQLFieldResolver<unknown, Context>, ...a: Parameters<GraphQLFieldResolver<unknown, Context>>) => unknown> = {};
  for (const [field, ruleName] of Object.entries(RULE_MAP.SubjectInformation)) {
    if (ruleName !== 'categoryPolicy') continue;
    const category = categoryByField(field)!;
    notes[field] = (resolve, parent, args, ctx, info) => {
      const p = parent as SubjectInformation;
      const d = p.decisions?.get(category.key);
      ctx.disclosures.note(p, category.key, field, d, p[category.field]);
      return resolve(parent, args, ctx, info);
    };
  }
  return applyMiddleware(schema, { SubjectInformation: notes } as IMiddlewareFieldMap);
}
