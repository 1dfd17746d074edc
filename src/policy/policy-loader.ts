import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { parseDocument, LineCounter, isMap, isSeq, type Node } from 'yaml';
import { CATEGORIES, CATEGORY_KEYS, type CategoryKey } from '../domain/information/categories.js';
import type { LoadedPolicy, PolicyDocument } from './policy.types.js';
import { ITEM_CONDITIONS } from './policy.types.js';

/** The personal-data fields of the API: each must belong to exactly one category of every policy. */
export const PERSONAL_DATA_FIELDS: readonly string[] = CATEGORIES.map((c) => `SubjectInformation.${c.field}`);
const FIELD_OF_CATEGORY = new Map(CATEGORIES.map((c) => [c.key as string, `SubjectInformation.${c.field}`]));

export class PolicyError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid policy file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** policies/ at the project root (this file runs from src/policy or dist/src/policy). */
export const POLICY_DIR = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../../policies' : '../../policies');

let validator: ReturnType<Ajv['compile']> | undefined;
function validateSchema(doc: unknown): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, 'policy.schema.json'), 'utf8'));
    validator = new Ajv({ allErrors: true, strict: true }).compile(schema);
  }
  return validator(doc) ? [] : (validator.errors ?? []);
}

/** "categories/police.identity/grants/0/sectors/1" → `categories."police.identity".grants[0].sectors[1]` */
export function place(pointer: string[]): string {
  if (!pointer.length) return '(top level)';
  return pointer
    .map((seg, i) => (/^\d+$/.test(seg) ? `[${seg}]` : `${i ? '.' : ''}${/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg) ? seg : `"${seg}"`}`))
    .join('');
}

export function lineOf(root: Node | null, pointer: string[], lc: LineCounter): string {
  let node: unknown = root;
  for (const seg of pointer) {
    if (isMap(node)) node = node.get(seg, true);
    else if (isSeq(node)) node = node.get(Number(seg), true);
    else break;
  }
  const range = (node as Node | undefined)?.range;
  if (!range) return '';
  const { line, col } = lc.linePos(range[0]);
  return ` (line ${line}, column ${col})`;
}

export function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'enum') return `${e.message}: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return e.message ?? e.keyword;
}

/**
 * Parse and validate one policy file: schema first, then the rules no schema can say. `checkFileName`
 * (on for the policies/ directory) requires the file to be named after its collaboration; drafts,
 * stored versions and files compared by the CLIs may be named anything.
 */
export function parsePolicy(file: string, text: string, opts: { checkFileName?: boolean } = {}): LoadedPolicy {
  const lc = new LineCounter();
  const ydoc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  if (ydoc.errors.length) throw new PolicyError(file, ydoc.errors.map((e) => `YAML: ${e.message.split('\n')[0]}`));
  const raw = ydoc.toJS() as unknown;
  const schemaErrors = validateSchema(raw);
  if (schemaErrors.length) {
    throw new PolicyError(
      file,
      schemaErrors.map((e) => {
        const ptr = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
        return `${place(ptr)}${lineOf(ydoc.contents, ptr, lc)}: ${describe(e)}`;
      }),
    );
  }
  const doc = raw as PolicyDocument;
  const problems: string[] = [];
  const at = (ptr: string[]) => `${place(ptr)}${lineOf(ydoc.contents, ptr, lc)}`;
  const expectedName = `${doc.collaboration}.policy.yaml`;
  if ((opts.checkFileName ?? true) && path.basename(file) !== expectedName && !file.includes('.draft')) {
    problems.push(`${at(['collaboration'])}: collaboration "${doc.collaboration}" must be in a file named ${expectedName}`);
  }
  const purposeKeys = new Set(doc.purposes.map((p) => p.key));
  if (purposeKeys.size !== doc.purposes.length) problems.push(`${at(['purposes'])}: purpose keys must be unique`);
  for (const key of CATEGORY_KEYS) if (!doc.categories[key]) problems.push(`${at(['categories'])}: category "${key}" is missing (every category needs rules, even if none may read it)`);
  const fieldCategory = new Map<string, CategoryKey>();
  for (const [key, cat] of Object.entries(doc.categories)) {
    if (!(CATEGORY_KEYS as readonly string[]).includes(key)) {
      problems.push(`${at(['categories', key])}: unknown category "${key}" (known: ${CATEGORY_KEYS.join(', ')})`);
      continue;
    }
    cat.fields.forEach((f, i) => {
      if (!PERSONAL_DATA_FIELDS.includes(f)) problems.push(`${at(['categories', key, 'fields', String(i)])}: "${f}" is not a personal-data field of the schema`);
      else if (FIELD_OF_CATEGORY.get(key) !== f) problems.push(`${at(['categories', key, 'fields', String(i)])}: "${f}" carries ${CATEGORIES.find((c) => `SubjectInformation.${c.field}` === f)!.key}, not ${key}`);
      else if (fieldCategory.has(f)) problems.push(`${at(['categories', key, 'fields', String(i)])}: "${f}" already belongs to ${fieldCategory.get(f)}`);
      else fieldCategory.set(f, key as CategoryKey);
    });
    const police = CATEGORIES.find((c) => c.key === key)!.police;
    const names = new Set<string>();
    cat.grants.forEach((g, i) => {
      const gp = ['categories', key, 'grants', String(i)];
      if (names.has(g.name)) problems.push(`${at([...gp, 'name'])}: grant name "${g.name}" is used twice in ${key}`);
      names.add(g.name);
      if (!g.sectors?.length && !g.organisations?.length) problems.push(`${at(gp)}: a grant names sectors or organisations (no grant to everyone)`);
      g.purposes.forEach((p, j) => {
        if (!purposeKeys.has(p)) problems.push(`${at([...gp, 'purposes', String(j)])}: unknown purpose "${p}"`);
        else if (police && doc.purposes.find((x) => x.key === p)!.police !== true) {
          problems.push(`${at([...gp, 'purposes', String(j)])}: purpose "${p}" is not one police data may be used for (O11)`);
        }
      });
      if (police && g.participation.includes('AD_HOC')) problems.push(`${at([...gp, 'participation'])}: police data never goes to AD_HOC participants (O8)`);
      if (police && !(g.sectors?.length === 1 && g.sectors[0] === 'POLITIE' && !g.organisations?.length) && !g.conditions?.includes('ART20_GRANT')) {
        problems.push(`${at([...gp, 'conditions'])}: police data to a non-police recipient requires ART20_GRANT (O5)`);
      }
      if (key === 'police.special' && !g.conditions?.includes('POLICE_SPECIAL_IN_ADDITION')) {
        problems.push(`${at([...gp, 'conditions'])}: police.special requires POLICE_SPECIAL_IN_ADDITION (O7)`);
      }
      if (!g.conditions?.includes('NOT_PROVIDER_RESTRICTED')) {
        problems.push(`${at([...gp, 'conditions'])}: every grant respects the provider's restriction: add NOT_PROVIDER_RESTRICTED (O14)`);
      }
      const special = CATEGORIES.find((c) => c.key === key)!.special;
      if (special && !g.conditions?.includes('LEGAL_GROUND_RECORDED')) {
        problems.push(`${at([...gp, 'conditions'])}: ${key} is a special category and requires LEGAL_GROUND_RECORDED (O17)`);
      }
    });
  }
  for (const f of PERSONAL_DATA_FIELDS) if (!fieldCategory.has(f) && problems.length === 0) problems.push(`${at(['categories'])}: field "${f}" belongs to no category`);
  if (problems.length) throw new PolicyError(file, problems);
  const hash = createHash('sha256').update(text).digest('hex');
  return { file, doc, text, hash, label: `${doc.collaboration}@${doc.version}`, fieldCategory };
}

/** Read and validate every policies/*.policy.yaml (all or nothing). */
export function readPolicyFiles(dir: string = POLICY_DIR): LoadedPolicy[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.policy.yaml')).sort();
  return files.map((f) => {
    const file = path.join(dir, f);
    return parsePolicy(path.relative(process.cwd(), file) || file, fs.readFileSync(file, 'utf8'));
  });
}
