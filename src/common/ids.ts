/**
 * Whether a string is a UUID as PostgreSQL's uuid type reads it (8-4-4-4-12 hex digits): checked before an id from a
 * request reaches a query, so that a malformed one is NOT_FOUND or BAD_USER_INPUT, not a database error.
 */
export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
