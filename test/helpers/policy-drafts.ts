import fs from 'node:fs';
import path from 'node:path';

export const ZEIST_POLICY_FILE = path.join(__dirname, '../../policies/zeist.policy.yaml');

/**
 * The Zeist policy with `housing` withdrawn from WONINGCORPORATIE (its only grant names the four partner
 * sectors; the corporation is taken out) and the version raised: exactly one decision change per purpose.
 */
export function zeistWithoutHousingForCorporations(version = '1.1.0'): string {
  const text = fs.readFileSync(ZEIST_POLICY_FILE, 'utf8');
  const at = text.indexOf('\n  housing:\n');
  const sectors = 'sectors: [GEMEENTE, POLITIE, WONINGCORPORATIE, WELZIJN]';
  const i = text.indexOf(sectors, at);
  if (at < 0 || i < 0) throw new Error('zeist.policy.yaml changed: update test/helpers/policy-drafts.ts');
  return (text.slice(0, i) + 'sectors: [GEMEENTE, POLITIE, WELZIJN]' + text.slice(i + sectors.length)).replace('version: "1.0.0"', `version: "${version}"`);
}
