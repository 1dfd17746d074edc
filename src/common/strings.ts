const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first string (by the name of the field that holds it) that PostgreSQL cannot store as text (a NUL
 * character) or that is no valid Unicode (an unpaired surrogate, which would be stored altered, as U+FFFD);
 * null if there is none. `key` names a string given on its own. Used for GraphQL requests (wellFormedStrings)
 * and for import rows (normaliseRecord).
 */
export function badString(value: unknown, key: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value) ? key : null;
  if (Array.isArray(value)) return value.reduce<string | null>((found, v) => found ?? badString(v, key), null);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = badString(v, k);
      if (found) return found;
    }
  }
  return null;
}

/** What a refused string is told: the field, and why. */
export const BAD_STRING_MESSAGE = 'no NUL characters or unpaired surrogates';
