import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/errors.js';

const KNOWN = new Set<string>([...Object.values(ErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/** graphql-js's refusals of an argument value at execution (graphql/execution/values.js, getArgumentValues). */
const ARGUMENT_REFUSED = /^Argument "([^"]+)" (?:of non-null type "[^"]+" must not be null|of required type "[^"]+" was (?:not provided|provided the variable "\$[^"]+" which was not provided a runtime value)|has invalid value .*)\.$/s;
const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof GraphQLError;

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

function flatten(issues: ValidationIssue[], prefix = ''): { field: string; problem: string }[] {
  return issues.flatMap((i) => {
    const field = prefix ? `${prefix}.${i.property}` : i.property;
    const own = Object.values(i.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...flatten(i.children ?? [], field)];
  });
}

/**
 * One error vocabulary on the wire. Validation errors name the field; anything unexpected becomes
 * INTERNAL_SERVER_ERROR without message, stack, SQL or internal names (logged server-side instead).
 */
export function formatError(formatted: GraphQLFormattedError, original: unknown, dev: boolean): GraphQLFormattedError {
  let code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  // A withheld field (a page can carry hundreds): made by the field rules in its final form, nothing to rewrite.
  if (code === ErrorCode.FORBIDDEN_FIELD && !('stacktrace' in (formatted.extensions ?? {}))) return formatted;
  // Field suggestions ("Did you mean …?") would name fields the caller may not know of.
  formatted = { ...formatted, message: formatted.message.replace(/ ?Did you mean [^?]*\?/g, '') };
  // A limit is refused during parsing (tokens) or validation (graphql-armor): say so with one code.
  if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof formatted.extensions?.limit === 'string') code = ErrorCode.QUERY_LIMIT_EXCEEDED;
  if (code === 'GRAPHQL_PARSE_FAILED' && /Document contains more tha[nt] \d+ tokens/.test(formatted.message)) {
    return { message: formatted.message, extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: 'tokens' } };
  }
  // graphql-js refusing an argument while executing (e.g. an explicit null for `first: Int! = 20`): the caller's input.
  const argument = code === ErrorCode.INTERNAL_SERVER_ERROR ? ARGUMENT_REFUSED.exec(formatted.message) : null;
  // (graphql-js made it, not a resolver: no thrown error underneath.)
  const cause = isGraphQLError(original) ? (original.originalError ?? original) : null;
  if (argument && isGraphQLError(cause) && !cause.originalError) {
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT, field: argument[1] } };
  }
  const validationErrors = formatted.extensions?.validationErrors as ValidationIssue[] | undefined;
  if (code === ErrorCode.BAD_USER_INPUT && validationErrors) {
    const problems = flatten(validationErrors);
    const first = problems[0];
    return {
      message: problems.map((p) => `${p.field}: ${p.problem}`).join('; ') || 'Invalid input',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code, field: first?.field, problems },
    };
  }
  if (!KNOWN.has(code) || code === ErrorCode.INTERNAL_SERVER_ERROR) {
    process.stderr.write(`[schakel] internal error: ${(original as Error)?.stack ?? String(original)}\n`);
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: dev ? { code: ErrorCode.INTERNAL_SERVER_ERROR, detail: formatted.message } : { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
  const { stacktrace: _s, ...ext } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return { ...formatted, extensions: { ...ext, code } };
}
