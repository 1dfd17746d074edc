import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { CATEGORY_KEYS, isCategoryKey, type CategoryKey } from '../domain/information/categories.js';
import { Sector } from '../domain/organisation/sector.js';
import { decideSubject, itemFailure, type AccessFacts, type Art20Fact, type CategoryDecision, type ConditionOutcome, type ItemFacts } from './engine.js';
import { describe, lineOf, parsePolicy, place, POLICY_DIR } from './policy-loader.js';
import type { Condition, LoadedPolicy, Participation } from './policy.types.js';

/**
 * Policy test suites (policies/<collaboration>.tests.yaml): a privacy officer's statements about a policy
 * ("the woonconsulent sees no police incidents once the art. 20 decision is revoked"), run through the
 * same engine the API uses (decideSubject, itemFailure). Nothing here decides access itself: it builds
 * the engine's facts from the fixtures and compares the engine's answer with the expectation.
 */

// ---------------------------------------------------------------------------------------------- format

export interface SuitePrincipal { sector: Sector; organisation: string; roles?: string[] }
export interface SuiteItem {
  id: string; category: CategoryKey; provider: string;
  restriction?: string; informed?: string; consent?: string; legalGround?: string; restricted?: boolean;
}
export interface SuiteCase {
  participants: Record<string, Participation>;
  art20?: { id: string; categories: CategoryKey[]; recipients: string[]; validFrom: string; validUntil: string; revokedAt?: string }[];
  subjects?: Record<string, SuiteItem[]>;
}
export interface SuiteTest {
  name: string; principal: string; case: string; subject?: string; item?: string;
  field?: string | string[]; category?: string | string[]; purpose?: string; at?: string;
  expect: 'ALLOW' | 'DENY'; reason?: string;
}
export interface SuiteDocument {
  policy: string; at?: string;
  principals: Record<string, SuitePrincipal>;
  cases: Record<string, SuiteCase>;
  tests: SuiteTest[];
}

/** A validated suite with the policy it tests. */
export interface LoadedSuite { file: string; doc: SuiteDocument; policy: LoadedPolicy; lines: string[] }

export class SuiteError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`Invalid policy test suite ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validateSchema(doc: unknown): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, 'policy-tests.schema.json'), 'utf8'));
    validator = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
  }
  return validator(doc) ? [] : (validator.errors ?? []);
}

const ITEM_REASONS = ['PROVIDER_RESTRICTED', 'NOT_INFORMED', 'NO_CONSENT', 'NO_LEGAL_GROUND', 'RESTRICTED'];
const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Parse and validate one suite (schema, then references), and load the policy it names. */
export function parseSuite(file: string, text: string): LoadedSuite {
  const lc = new LineCounter();
  const ydoc: Document = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  if (ydoc.errors.length) throw new SuiteError(file, ydoc.errors.map((e) => `YAML: ${e.message.split('\n')[0]}`));
  const at = (ptr: (string | number)[]) => {
    const p = ptr.map(String);
    return `${place(p)}${lineOf(ydoc.contents, p, lc)}`;
  };
  const raw = ydoc.toJS() as unknown;
  const schemaErrors = validateSchema(raw);
  if (schemaErrors.length) {
    throw new SuiteError(file, schemaErrors.map((e) => {
      const ptr = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      return `${at(ptr)}: ${describe(e)}`;
    }));
  }
  const doc = raw as SuiteDocument;
  const problems: string[] = [];
  const policyFile = path.join(path.dirname(file), doc.policy);
  let policy: LoadedPolicy | undefined;
  if (!fs.existsSync(policyFile)) problems.push(`${at(['policy'])}: policy file ${policyFile} does not exist`);
  else {
    try {
      policy = parsePolicy(path.relative(process.cwd(), policyFile) || policyFile, fs.readFileSync(policyFile, 'utf8'));
    } catch (e) {
      problems.push(`${at(['policy'])}: ${(e as Error).message}`);
    }
  }
  const orgs = new Set(Object.values(doc.principals).map((p) => p.organisation));
  const isParty = (n: string) => Boolean(doc.principals[n]) || orgs.has(n);
  for (const [cn, c] of Object.entries(doc.cases)) {
    for (const pn of Object.keys(c.participants)) if (!doc.principals[pn]) problems.push(`${at(['cases', cn, 'participants', pn])}: unknown principal "${pn}"`);
    c.art20?.forEach((d, i) => {
      d.recipients.forEach((r, j) => { if (!isParty(r)) problems.push(`${at(['cases', cn, 'art20', i, 'recipients', j])}: "${r}" is neither a principal nor a principal's organisation`); });
      if (d.validUntil <= d.validFrom) problems.push(`${at(['cases', cn, 'art20', i, 'validUntil'])}: validUntil must be after validFrom`);
    });
    const ids = new Set<string>();
    for (const [sn, items] of Object.entries(c.subjects ?? {})) {
      items.forEach((it, i) => {
        if (!isParty(it.provider)) problems.push(`${at(['cases', cn, 'subjects', sn, i, 'provider'])}: "${it.provider}" is neither a principal nor a principal's organisation`);
        if (ids.has(it.id)) problems.push(`${at(['cases', cn, 'subjects', sn, i, 'id'])}: item id "${it.id}" is used twice in case ${cn}`);
        ids.add(it.id);
      });
    }
  }
  const names = new Set<string>();
  doc.tests.forEach((t, i) => {
    const tp = ['tests', i];
    if (names.has(t.name)) problems.push(`${at([...tp, 'name'])}: test name "${t.name}" is used twice`);
    names.add(t.name);
    if (!doc.principals[t.principal]) problems.push(`${at([...tp, 'principal'])}: unknown principal "${t.principal}"`);
    const c = doc.cases[t.case];
    if (!c) problems.push(`${at([...tp, 'case'])}: unknown case "${t.case}"`);
    if (t.subject && c && !c.subjects?.[t.subject]) problems.push(`${at([...tp, 'subject'])}: case ${t.case} has no subject "${t.subject}"`);
    const targets = [t.item, t.field, t.category].filter((x) => x !== undefined).length;
    if (targets !== 1) problems.push(`${at(tp)}: name exactly one of item, field or category`);
    if (t.item) {
      if (!t.subject) problems.push(`${at([...tp, 'item'])}: an item test names its subject`);
      else if (c?.subjects?.[t.subject] && !c.subjects[t.subject].some((it) => it.id === t.item)) problems.push(`${at([...tp, 'item'])}: subject ${t.subject} has no item "${t.item}"`);
    } else if (t.reason && ITEM_REASONS.includes(t.reason)) {
      problems.push(`${at([...tp, 'reason'])}: ${t.reason} is a reason for one item: name the item`);
    }
    asList(t.category).forEach((k, j) => {
      if (!isCategoryKey(k)) problems.push(`${at(Array.isArray(t.category) ? [...tp, 'category', j] : [...tp, 'category'])}: unknown category "${k}" (known: ${CATEGORY_KEYS.join(', ')})`);
    });
    asList(t.field).forEach((f, j) => {
      if (policy && !policy.fieldCategory.has(f.includes('.') ? f : `SubjectInformation.${f}`)) {
        problems.push(`${at(Array.isArray(t.field) ? [...tp, 'field', j] : [...tp, 'field'])}: "${f}" is not a field of any category of ${policy.label}`);
      }
    });
  });
  if (problems.length || !policy) throw new SuiteError(file, problems);
  return { file, doc, policy, lines: text.split('\n') };
}

// ----------------------------------------------------------------------------------------------- running

export interface TestResult {
  name: string;
  passed: boolean;
  /** "expected DENY NO_ART20_GRANT, got ALLOW (grant partners-art20)" — when failed. */
  message?: string;
  /** The engine's explanation of the checked categories/items that failed (or all, if passed). */
  explanation: string[];
}

/** A combination of the policy that tests should touch. `condition` undefined: the sector itself. */
export interface Combination { category: CategoryKey; sector: string; condition?: Condition; granted: boolean }

export interface SuiteResult {
  file: string;
  policy: string;
  results: TestResult[];
  combinations: Combination[];
  untouched: Combination[];
}

/** "(any sector named nowhere: OM, …)" stands for every sector no grant of the policy names. */
export const NAMED_NOWHERE = 'NAMED_NOWHERE';

/**
 * The category × sector × condition combinations of a policy: per category, every sector some grant of the
 * policy names (granted here or denied here), and one for the sectors no grant names (all must be denied);
 * for each sector granted here, every condition of the grants that name it.
 */
export function combinations(policy: LoadedPolicy): Combination[] {
  const named = new Set(Object.values(policy.doc.categories).flatMap((c) => c.grants.flatMap((g) => g.sectors ?? [])));
  const out: Combination[] = [];
  for (const key of CATEGORY_KEYS) {
    const grants = policy.doc.categories[key].grants;
    for (const s of Object.values(Sector).filter((x) => named.has(x))) {
      const naming = grants.filter((g) => g.sectors?.includes(s));
      out.push({ category: key, sector: s, granted: naming.length > 0 });
      for (const c of new Set(naming.flatMap((g) => g.conditions ?? []))) out.push({ category: key, sector: s, condition: c, granted: true });
    }
    if (named.size < Object.values(Sector).length) out.push({ category: key, sector: NAMED_NOWHERE, granted: false });
  }
  return out;
}

export function combinationLabel(c: Combination, policy?: LoadedPolicy): string {
  let sector = c.sector;
  if (c.sector === NAMED_NOWHERE) {
    const named = new Set(Object.values(policy?.doc.categories ?? {}).flatMap((x) => x.grants.flatMap((g) => g.sectors ?? [])));
    sector = `(a sector named nowhere: ${Object.values(Sector).filter((s) => !named.has(s)).join(', ')})`;
  }
  return [c.category, sector, c.condition ?? (c.granted ? 'granted' : 'denied')].join(' × ');
}

const orgOf = (doc: SuiteDocument, n: string) => doc.principals[n]?.organisation ?? n;

function toItemFacts(doc: SuiteDocument, it: SuiteItem): ItemFacts & { category: string; id: string } {
  return {
    id: it.id,
    category: it.category,
    providerOrganisationId: orgOf(doc, it.provider),
    sharingRestriction: it.restriction ?? 'NONE',
    informedStatus: it.informed ?? 'INFORMED',
    consentStatus: it.consent ?? 'GIVEN',
    legalGround: it.legalGround ?? null,
    restrictedAt: it.restricted ? 'restricted' : null,
  };
}

/** The engine's facts for a test: the organisation's name doubles as its id. */
function toFacts(s: LoadedSuite, t: SuiteTest): AccessFacts {
  const p = s.doc.principals[t.principal];
  const c = s.doc.cases[t.case];
  const art20: Art20Fact[] = (c.art20 ?? []).map((d) => ({
    id: d.id,
    categoriesGranted: d.categories,
    recipientOrganisationIds: d.recipients.map((r) => orgOf(s.doc, r)),
    validFrom: d.validFrom,
    validUntil: d.validUntil,
    revokedAt: d.revokedAt ? new Date(`${d.revokedAt}T00:00:00Z`) : null,
  }));
  return {
    organisationId: p.organisation,
    organisationName: p.organisation,
    sector: p.sector,
    roles: p.roles ?? [],
    participation: c.participants[t.principal] ?? null,
    purpose: t.purpose ?? null,
    art20,
    now: new Date(`${t.at ?? s.doc.at ?? s.policy.doc.effectiveDate}T12:00:00Z`),
  };
}

/** Item checks, one trace line per item condition of each allowing grant (the engine's itemFailure per condition). */
function itemTrace(policy: LoadedPolicy, d: CategoryDecision, item: ItemFacts & { id: string }): ConditionOutcome[] {
  const names = (d.grant ?? '').split(', ');
  return d.itemConditions.flatMap((conds, i) => {
    const article = policy.doc.categories[d.category].grants.find((g) => g.name === names[i])?.article ?? d.article ?? '';
    return conds.map((c) => {
      const failure = itemFailure([c], item);
      return { check: c, passed: failure === null, article,
        detail: `item ${item.id} (grant ${names[i]}): ${failure ?? 'passes'} — restriction ${item.sharingRestriction}, informed ${item.informedStatus}, consent ${item.consentStatus}, legal ground ${item.legalGround ?? 'none'}` };
    });
  });
}

function explain(trace: ConditionOutcome[], header: string): string[] {
  return [header, ...trace.map((o) => `  ${o.passed ? '✓' : '✗'} ${o.check}: ${o.detail} [${o.article}]`)];
}

/** Run one test through the engine; `touch` records the combinations it evaluated. */
export function runTest(s: LoadedSuite, t: SuiteTest, touch: (category: CategoryKey, check?: string) => void): TestResult {
  const facts = toFacts(s, t);
  const items = (t.subject ? s.doc.cases[t.case].subjects?.[t.subject] ?? [] : []).map((it) => toItemFacts(s.doc, it));
  const view = decideSubject(s.policy, facts, items);
  const who = `${t.principal} (${facts.sector}, ${facts.organisationName}) as ${facts.participation ?? 'non-participant'}, purpose ${facts.purpose ?? '(none)'}, at ${facts.now.toISOString().slice(0, 10)}`;
  const item = t.item ? items.find((i) => i.id === t.item)! : undefined;
  const categories: CategoryKey[] = item
    ? [item.category as CategoryKey]
    : [...asList(t.category) as CategoryKey[], ...asList(t.field).map((f) => s.policy.fieldCategory.get(f.includes('.') ? f : `SubjectInformation.${f}`)!)];
  const failures: string[] = [];
  const explanation: string[] = [];
  for (const cat of categories) {
    const d = view.decisions.get(cat)!;
    const trace = [...d.trace];
    let allowed = d.allowed;
    let reason: string | undefined = d.reason;
    let got = d.allowed ? `ALLOW (grant ${d.grant})` : `DENY ${d.reason}`;
    const checked = item ? [item] : items.filter((i) => i.category === cat);
    if (d.allowed) {
      for (const i of checked) if (i.providerOrganisationId !== facts.organisationId) trace.push(...itemTrace(s.policy, d, i));
    }
    if (item) {
      allowed = view.visible.get(cat)!.includes(item);
      if (d.allowed && !allowed) reason = itemFailure(d.itemConditions[0], item) ?? undefined;
      if (d.allowed) got = allowed ? `ALLOW (item ${item.id} visible${item.providerOrganisationId === facts.organisationId ? ', own item' : ''})` : `DENY ${reason}`;
    }
    touch(cat);
    for (const o of trace) touch(cat, o.check);
    const ok = t.expect === 'ALLOW' ? allowed : !allowed && reason === t.reason;
    const header = `${item ? `item ${item.id} (${cat})` : cat} for ${who}: ${got}`;
    if (!ok) {
      failures.push(`${cat}: expected ${t.expect}${t.reason ? ` ${t.reason}` : ''}, got ${got}`);
      explanation.push(...explain(trace, header));
    }
  }
  return { name: t.name, passed: failures.length === 0, message: failures.join('; ') || undefined, explanation };
}

/** Run every test of a suite and work out which combinations of the policy no test touches. */
export function runSuite(s: LoadedSuite): SuiteResult {
  const touched = new Set<string>();
  const results = s.doc.tests.map((t) => {
    const sector = s.doc.principals[t.principal].sector;
    return runTest(s, t, (category, check) => touched.add(`${category}|${sector}|${check ?? ''}`));
  });
  const all = combinations(s.policy);
  const named = new Set(all.map((c) => c.sector));
  const isTouched = (c: Combination) =>
    c.sector === NAMED_NOWHERE
      ? Object.values(Sector).some((x) => !named.has(x) && touched.has(`${c.category}|${x}|`))
      : touched.has(`${c.category}|${c.sector}|${c.condition ?? ''}`);
  return { file: s.file, policy: s.policy.label, results, combinations: all, untouched: all.filter((c) => !isTouched(c)) };
}

/** Suites given, or every policies/*.tests.yaml. */
export function suiteFiles(args: string[] = [], dir: string = POLICY_DIR): string[] {
  if (args.length) return args;
  return fs.readdirSync(dir).filter((f) => f.endsWith('.tests.yaml')).sort().map((f) => path.relative(process.cwd(), path.join(dir, f)) || f);
}

export interface RunOutcome { lines: string[]; passed: number; failed: number; invalid: number; suites: SuiteResult[] }

/** Load and run the suites; the report's lines end with exactly "N passed, N failed". */
export function runSuites(files: string[]): RunOutcome {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  let invalid = 0;
  const suites: SuiteResult[] = [];
  for (const file of files) {
    let suite: LoadedSuite;
    try {
      suite = parseSuite(file, fs.readFileSync(file, 'utf8'));
    } catch (e) {
      invalid++;
      lines.push(e instanceof SuiteError ? e.message : `Invalid policy test suite ${file}: ${(e as Error).message}`);
      continue;
    }
    const r = runSuite(suite);
    suites.push(r);
    lines.push(`${file} (${r.policy})`);
    for (const t of r.results) {
      lines.push(`  ${t.passed ? '✓' : '✗'} ${t.name}`);
      if (!t.passed) lines.push(`      ${t.message}`, ...t.explanation.map((l) => `        ${l}`));
      if (t.passed) passed++;
      else failed++;
    }
    const sectors = r.combinations.filter((c) => !c.condition);
    const untouchedSectors = r.untouched.filter((c) => !c.condition);
    lines.push(`  coverage: ${sectors.length - untouchedSectors.length}/${sectors.length} category × sector, ${r.combinations.length - r.untouched.length}/${r.combinations.length} category × sector × condition combinations touched`);
    for (const c of r.untouched) lines.push(`    not touched: ${combinationLabel(c, suite.policy)}`);
  }
  if (invalid) lines.push(`${invalid} invalid suite${invalid > 1 ? 's' : ''}`);
  lines.push(`${passed} passed, ${failed} failed`);
  return { lines, passed, failed, invalid, suites };
}
