import { CATEGORIES } from '../domain/information/categories.js';

/** One GraphQL request the benchmark sends over and over, as one persona with one purpose. */
export interface Scenario {
  /** Short name (the report's row label). */
  name: string;
  description: string;
  /** The demo member whose development token every request carries. */
  login: string;
  /** The x-schakel-purpose header. */
  purpose: string;
  query: string;
  variables?: Record<string, unknown>;
}

/** Every category field of SubjectInformation with its content. */
const everyCategory = CATEGORIES.map((c) => `${c.field} { content }`).join(' ');

/**
 * The scenarios, in report order. Later issues add more (one case in full, policy on/off, a
 * privacy officer's query, …): append here; the runner and the report take them as they are.
 */
export const SCENARIOS: Scenario[] = [
  {
    name: 'case list',
    description:
      'The corporation’s case list: the first 50 cases with every subject and every data category (woonconsulent.zeist, ENDING_NUISANCE).',
    login: 'woonconsulent.zeist',
    purpose: 'ENDING_NUISANCE',
    query: `{ cases(first: 50) { totalCount edges { node { reference subjects { pseudonym information { ${everyCategory} } } } } } }`,
  },
];
