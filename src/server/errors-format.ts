import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/errors.js';

const KNOWN = new Set<string>([...Object.values(ErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

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
  const code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
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
  return { ...formatted, extensions: ext };
}
