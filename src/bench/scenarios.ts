import { CATEGORIES } from '../domain/information/categories.js';

/**
 * The servers a scenario can run on: Schakel with or without its field policy, Schakel with its policy but without writing
 * the disclosure log (what the log costs; never served), or PostGraphile 5 with RLS.
 */
export type Variant = 'policy on' | 'policy off' | 'log off' | 'postgraphile';

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
  /** Where it runs (the first is the reference). */
  variants: Variant[];
  /** PostGraphile's equivalent query, when the scenario runs there. */
  postgraphileQuery?: string;
  /**
   * What must be the same on every variant (e.g. the references of the cases on the page): the runner
   * refuses to compare variants that answer about different rows.
   */
  signature?: (variant: Variant, data: unknown) => string;
}

/** The ids the scenarios need, looked up in the bench database. */
export interface ScenarioIds {
  /** A case of the persona shown in full (the demo case with meetings, plan and every category). */
  fullCaseId: string;
  /** A case and subject of the persona that receives the added items: not on the first page of the list. */
  writeCaseId: string;
  writeSubjectId: string;
}

const ITEM_FIELDS = 'id category content kind providedAt legalGround sharingRestriction informedStatus consentStatus viewableBeforeMeeting provider { name } providedBy { name }';
/** Every category field of SubjectInformation with its content (the list) or every field (the case page). */
const everyCategory = CATEGORIES.map((c) => `${c.field} { content }`).join(' ');
const everyCategoryInFull = CATEGORIES.map((c) => `${c.field} { ${ITEM_FIELDS} }`).join(' ');

/** A case list page of `first` cases: what the load runs with 50, and the statement count with 10 and 50. */
export const caseListQuery = (first: number) =>
  `{ cases(first: ${first}) { edges { node { id reference subjects { pseudonym information { ${everyCategory} } } } } } }`;

/** The same page in PostGraphile: the 50 newest cases RLS lets through, their subjects and items. */
export const postgraphileCaseListQuery = (first: number) =>
  `{ allCases(first: ${first}, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC]) { nodes { id reference ` +
  `caseSubjectsByCaseId { nodes { subjectBySubjectId { pseudonym } } } ` +
  `informationItemsByCaseId { nodes { subjectId category content } } } } }`;

const refsOf = (variant: Variant, data: unknown): string => {
  const d = data as { cases?: { edges: { node: { reference: string } }[] }; allCases?: { nodes: { reference: string }[] } };
  const refs = variant === 'postgraphile' ? d.allCases?.nodes.map((n) => n.reference) : d.cases?.edges.map((e) => e.node.reference);
  return JSON.stringify(refs ?? null);
};

/** The scenarios, in report order. */
export function scenarios(ids: ScenarioIds): Scenario[] {
  return [
    {
      name: 'case list',
      description:
        'The corporation’s case list: the first 50 cases with every subject and every data category (woonconsulent.zeist, ENDING_NUISANCE). ' +
        'Without `totalCount`: its cost is measured separately (see the notes), so that the load measures the page.',
      login: 'woonconsulent.zeist',
      purpose: 'ENDING_NUISANCE',
      query: caseListQuery(50),
      variants: ['policy on', 'policy off', 'log off', 'postgraphile'],
      postgraphileQuery: postgraphileCaseListQuery(50),
      signature: refsOf,
    },
    {
      name: 'case in full',
      description:
        'One case as the partner frontend’s case page shows it: phase and next phases, history, participants, meetings with action items, ' +
        'the action plan, and every subject with consents, informing records and every category with every item field (woonconsulent.zeist, ENDING_NUISANCE).',
      login: 'woonconsulent.zeist',
      purpose: 'ENDING_NUISANCE',
      query: `query($id: ID!) { case(id: $id) { id reference title kind phase nextPhases lifeDomains createdAt updatedAt
        collaboration { name } reportingOrganisation { name } processDirector { name } caseDirector { name }
        participants { id role organisation { name sector } member { name } }
        phaseHistory { at fromPhase toPhase reason by { name } }
        meetings { id scheduledAt heldAt agenda decisions attendees { name } actionItems { id description dueDate assignee { name } } }
        actionPlan { id goals interventions { id description organisation { name } } }
        subjects { id pseudonym roleInCase consents { status provider { name } recordedAt } informing { status provider { name } recordedAt }
          information { ${everyCategoryInFull} } } } }`,
      variables: { id: ids.fullCaseId },
      variants: ['policy on'],
    },
    {
      name: 'add item',
      description:
        'The corporation adds a housing item to a subject of one of its cases (mutation: one item and its mutation-audit record in one transaction; the disclosure records it writes are counted in the table).',
      login: 'woonconsulent.zeist',
      purpose: 'ENDING_NUISANCE',
      query: `mutation($input: AddInformationItemInput!) { addInformationItem(input: $input) { id category content provider { name } } }`,
      variables: {
        input: { caseId: ids.writeCaseId, subjectId: ids.writeSubjectId, category: 'HOUSING', content: 'Huurachterstand opgelopen (benchmark)', kind: 'FACT' },
      },
      variants: ['policy on'],
    },
  ];
}
