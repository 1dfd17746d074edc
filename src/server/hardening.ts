import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import {
  getNamedType,
  getVariableValues,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../auth/authenticate.js';
import { appError, ErrorCode } from '../common/errors.js';
import { BAD_STRING_MESSAGE, badString } from '../common/strings.js';
import type { Limits } from '../config/config.js';
import { MemberRole } from '../domain/member/member.entity.js';
import type { Context } from './context.js';

/**
 * Defences against hostile requests (issue 9, item 2), in the order a request meets them:
 * body size and batch size (express), authentication, rate limits (context), token count (parser),
 * depth / aliases / directives (validation, graphql-armor), cost (once the operation and its variables are
 * known: costLimit), introspection (per principal).
 */

/** The error of a request over one of the limits; `limit` names which. */
export const limitExceeded = (limit: string, message: string, status?: number) =>
  appError(ErrorCode.QUERY_LIMIT_EXCEEDED, message, { limit, ...(status ? { http: { status } } : {}) });

/**
 * graphql-armor's validation rules, reporting (not throwing) a coded error: a thrown error would
 * escape graphql's validate() and become a 500. The cost is not among them: a validation rule does not see the
 * variables, so `cases(first: $n)` would cost as one case (costLimit instead).
 */
export function limitRules(limits: Limits): ValidationRule[] {
  const report = (limit: string) => ({
    propagateOnRejection: false,
    onReject: [
      (ctx: ValidationContext | null, err: GraphQLError) =>
        ctx?.reportError(new GraphQLError(err.message.replace(/^Syntax Error: /, ''), { extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit } })),
    ],
  });
  return [
    maxDepthRule({ n: limits.depth, ...report('depth') }),
    maxAliasesRule({ n: limits.aliases, ...report('aliases') }),
    maxDirectivesRule({ n: limits.directives, ...report('directives') }),
  ] as unknown as ValidationRule[];
}

/** How an operation's cost is counted (graphql-armor cost-limit's defaults, which this limit had before). */
const COST = { objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 };

/**
 * The cost of the operation that runs, counted as graphql-armor's cost-limit counts it (a field with a
 * selection: 2 plus 1.5 × its selections' cost, a leaf 1, `__schema` 0; a fragment spread 1 plus 1.5 × the
 * fragment's cost, counted once per name), but with the page size `first` (or `last`) of a field as it runs:
 * written in the query, from a variable (its value, or the variable's default), or the argument's default when
 * left out. graphql-armor multiplied only by a number written in the query, so `first: $n` cost as one.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const visited = new Map<string, number>();
  const typeNamed = (name: string | undefined, fallback: GraphQLNamedType | undefined) => (name ? schema.getType(name) ?? undefined : fallback);
  const fieldDef = (parent: GraphQLNamedType | undefined, name: string) =>
    parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;

  /** The page size a field runs with (1 if it has none). */
  const pageSize = (node: SelectionNode & { kind: Kind.FIELD }, parent: GraphQLNamedType | undefined): number => {
    const def = fieldDef(parent, node.name.value);
    const given = node.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
    let value: unknown;
    if (given?.value.kind === Kind.INT) value = parseInt(given.value.value, 10);
    else if (given?.value.kind === Kind.VARIABLE) value = variables[given.value.name.value];
    if (value === undefined) {
      // Left out, or a variable without a value: the argument's default.
      const arg = def?.args.find((a) => a.name === (given?.name.value ?? 'first')) ?? (given ? undefined : def?.args.find((a) => a.name === 'last'));
      value = arg?.defaultValue;
    }
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(value, 1) : 1;
  };

  const selectionsCost = (selections: readonly SelectionNode[], parent: GraphQLNamedType | undefined): number =>
    selections.reduce((sum, child) => sum + COST.depthCostFactor * cost(child, parent), 0);

  const cost = (node: SelectionNode, parent: GraphQLNamedType | undefined): number => {
    if (node.kind === Kind.FIELD) {
      if (node.name.value === '__schema') return 0;
      if (!node.selectionSet) return COST.scalarCost;
      const def = fieldDef(parent, node.name.value);
      const own = COST.objectCost + selectionsCost(node.selectionSet.selections, def ? getNamedType(def.type) : undefined);
      return own * pageSize(node, parent);
    }
    if (node.kind === Kind.INLINE_FRAGMENT) {
      return COST.objectCost + selectionsCost(node.selectionSet.selections, typeNamed(node.typeCondition?.name.value, parent));
    }
    // A fragment spread: its fragment counted once per name (a spread met while it is counted adds -1, as in graphql-armor).
    const name = node.name.value;
    if (visited.has(name)) return COST.scalarCost + COST.depthCostFactor * visited.get(name)!;
    visited.set(name, -1);
    const fragment = fragments.get(name);
    if (!fragment) return COST.scalarCost;
    const fragmentCost = COST.objectCost + selectionsCost(fragment.selectionSet.selections, typeNamed(fragment.typeCondition.name.value, undefined));
    if (visited.get(name) === -1) visited.set(name, fragmentCost);
    return COST.scalarCost + COST.depthCostFactor * fragmentCost;
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  return operation.selectionSet.selections.reduce((sum, child) => sum + cost(child, root), 0);
}

/**
 * The cost limit, checked once the operation to run and its variables are known (a validation rule sees neither
 * the variables nor which operation runs): QUERY_LIMIT_EXCEEDED (limit: cost), HTTP 400, before anything runs.
 * Variables that do not fit their types are left to execution, which refuses them before any resolver runs.
 */
export function costLimit(maxCost: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return;
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors) return;
          const found = operationCost(schema, document, operation, coerced.coerced);
          if (found > maxCost) {
            throw appError(ErrorCode.QUERY_LIMIT_EXCEEDED, `Query Cost limit of ${maxCost} exceeded, found ${found}.`, {
              limit: 'cost',
              http: { status: 400 },
            });
          }
        },
      };
    },
  };
}

/**
 * An operation type the schema does not have (a `subscription` here) is a validation error; graphql 16
 * only notices it while executing, and reports it as an internal error.
 */
export const knownOperationTypes: ValidationRule = (ctx) => ({
  OperationDefinition(node) {
    if (!ctx.getSchema().getRootType(node.operation)) {
      ctx.reportError(new GraphQLError(`This API has no ${node.operation} operations`, { nodes: node }));
    }
  },
});

/** Does the document ask for the schema (`__schema` or `__type`, also inside fragments)? */
function asksForSchema(document: Parameters<typeof visit>[0]): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/**
 * Introspection off in production except for privacy officers, who review the schema (Apollo's own
 * `introspection` flag is global, so this is decided per principal once the operation is known).
 * `__typename` stays available to everyone.
 */
export function introspectionGuard(production: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      if (!production) return;
      return {
        async didResolveOperation({ document, contextValue }) {
          if (contextValue.principal.roles.includes(MemberRole.PRIVACY_OFFICER)) return;
          if (asksForSchema(document)) {
            throw appError(ErrorCode.FORBIDDEN, 'Introspection is disabled', { reason: 'INTROSPECTION_DISABLED', http: { status: 403 } });
          }
        },
      };
    },
  };
}

/**
 * Strings with a NUL character or a lone surrogate are refused as BAD_USER_INPUT before anything
 * runs: PostgreSQL cannot store the first (a 500 otherwise), and the second would be silently altered.
 */
export function wellFormedStrings(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let field = badString(request.variables ?? {}, 'variables');
          if (!field) {
            visit(document, {
              [Kind.STRING](node, _key, parent) {
                const p = parent as { name?: { value: string } } | undefined;
                field ??= badString(node.value, p?.name?.value ?? 'query');
              },
            });
          }
          if (field) {
            throw appError(ErrorCode.BAD_USER_INPUT, `${field}: ${BAD_STRING_MESSAGE}`, { field, http: { status: 400 } });
          }
        },
      };
    },
  };
}

/** Batched HTTP requests (a JSON array of operations): refused above `max` operations. */
export function batchCap(max: number): RequestHandler {
  return (req, res, next) => {
    if (Array.isArray(req.body) && req.body.length > Math.max(max, 1)) {
      res.status(400).json({
        errors: [{ message: `At most ${Math.max(max, 1)} operations per request`, extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: 'batch' } }],
      });
      return;
    }
    next();
  };
}

/**
 * Requests per minute per member (a service account is a member row) and per client application,
 * counted in this process. A batched request counts each of its operations.
 */
export function rateLimiter(limits: Limits): (principal: Principal, operations: number) => Promise<void> {
  const perMember = limits.perMemberPerMinute ? new RateLimiterMemory({ points: limits.perMemberPerMinute, duration: 60 }) : null;
  const perClient = limits.perClientPerMinute ? new RateLimiterMemory({ points: limits.perClientPerMinute, duration: 60 }) : null;
  return async (principal, operations) => {
    try {
      await perMember?.consume(principal.memberId, operations);
      if (principal.client) await perClient?.consume(principal.client, operations);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      const seconds = String(Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
      throw appError(ErrorCode.RATE_LIMITED, 'Too many requests; try again later', {
        http: { status: 429, headers: new HeaderMap([['retry-after', seconds]]) },
      });
    }
  };
}

/**
 * The express paths that never reach GraphQL (malformed JSON, a body too large, an unsupported
 * encoding, anything thrown): one JSON error in the same vocabulary, never a stack or internal name.
 */
export function jsonErrors(opts: { dev: boolean }): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const e = err as { type?: string; status?: number; message?: string; stack?: string };
    let status = 500;
    let body: { message: string; extensions: Record<string, unknown> };
    if (e.type === 'entity.too.large') {
      status = 413;
      body = { message: 'Request body too large', extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: 'body' } };
    } else if (e.type === 'entity.parse.failed') {
      status = 400;
      body = { message: 'Malformed JSON body', extensions: { code: 'BAD_REQUEST' } };
    } else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      status = e.status;
      body = { message: 'Bad request', extensions: { code: 'BAD_REQUEST' } };
    } else {
      process.stderr.write(`[schakel] internal error: ${e.stack ?? String(err)}\n`);
      body = { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(opts.dev ? { detail: e.message } : {}) } };
    }
    res.status(status).json({ errors: [body] });
  };
}
