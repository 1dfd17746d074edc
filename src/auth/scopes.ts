/**
 * What a service account (a partner's registration system) may do. Its token's `scope` claim,
 * intersected with the allow-list of its issuer in SCHAKEL_ISSUERS_FILE, gives its scopes; each root
 * field names the scope it needs (`SCOPE_OF` in src/policy/rule-map.ts). People are not scope-limited:
 * their roles and the policy files decide.
 */
export const SCOPES = ['cases:read', 'cases:write', 'subjects:write', 'information:write', 'webhooks:manage', 'import'] as const;
export type Scope = (typeof SCOPES)[number];

export const isScope = (s: unknown): s is Scope => typeof s === 'string' && (SCOPES as readonly string[]).includes(s);
