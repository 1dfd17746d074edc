import { GraphQLError, type SourceLocation } from 'graphql';

/**
 * The one vocabulary of error codes (house style principle 6). Tests assert these codes, never messages.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  FORBIDDEN_FIELD = 'FORBIDDEN_FIELD',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** The disclosure log could not be written, so no personal data was sent (fail closed). */
  DISCLOSURE_LOG_UNAVAILABLE = 'DISCLOSURE_LOG_UNAVAILABLE',
  /** The request exceeds a limit (`limit`: depth, cost, aliases, directives, tokens, batch, body; line: a line of POST /import). */
  QUERY_LIMIT_EXCEEDED = 'QUERY_LIMIT_EXCEEDED',
  /** Too many requests of this member or client application (HTTP 429, Retry-After). */
  RATE_LIMITED = 'RATE_LIMITED',
}

export function appError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/**
 * An expected error that is part of an answer, not a fault (a field the policy withholds): made without
 * capturing a stack trace, since a page may carry hundreds of them and none is ever printed. graphql-js
 * reuses this (empty) stack when it adds the path.
 */
export function answerError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return appError(code, message, extensions);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * A field error that is part of an answer (a field the policy withholds), made complete with its path and
 * locations as graphql-js would report it. It is a GraphQLError (its prototype) built without running the
 * Error constructor: a page can carry hundreds of them, and the constructor's work (a stack capture, property
 * descriptors, locations from the query text) was a tenth of such a request (issue 11). graphql-js takes an
 * error that has a path as it is, and Apollo reads it through `toJSON`, which uses only these properties.
 */
export function fieldAnswerError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown>,
  at: { path: ReadonlyArray<string | number>; locations: ReadonlyArray<SourceLocation> },
): GraphQLError {
  const e = Object.create(GraphQLError.prototype) as GraphQLError;
  return Object.assign(e, { message, path: at.path, locations: at.locations, extensions: { code, ...extensions } });
}

export const unauthenticated = (message = 'A valid bearer token is required') =>
  appError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
export const forbidden = (message = 'Not allowed', ext: Record<string, unknown> = {}) =>
  appError(ErrorCode.FORBIDDEN, message, ext);
export const notFound = (what: string) => appError(ErrorCode.NOT_FOUND, `${what} not found`);
/** Bad input, naming the offending field (`extensions.field`). */
export const badInput = (field: string, message: string) =>
  appError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
export const conflict = (message: string, ext: Record<string, unknown> = {}) =>
  appError(ErrorCode.CONFLICT, message, ext);
