/** The template every test file clones: migrated and seeded once per run by global-setup. */
export const TEMPLATE_DB = 'schakel_test_template';

/** The same server URL with another database name. */
export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
