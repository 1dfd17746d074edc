import { CATEGORIES, type CategoryKey } from '../domain/information/categories.js';
import { Sector } from '../domain/organisation/sector.js';
import { decideCategory, type AccessFacts } from './engine.js';
import type { Condition, LoadedPolicy, Participation } from './policy.types.js';

/**
 * A policy's decision table, and the matrix and diff read from it. The table is not a second engine:
 * every row is `decideCategory` on facts that differ only in sector, participation and purpose, with the
 * facts no policy text can know taken as favourable (an art. 20 decision in force, another police
 * category given), so that what those depend on shows up as the grant's conditions.
 */

export const PARTICIPATIONS: readonly Participation[] = ['PARTNER', 'AD_HOC'];
const SECTORS = Object.values(Sector);

/** A way to be allowed: one grant, with everything that still has to hold. */
export interface GrantPath {
  grant: string;
  article: string;
  /** The grant's conditions, plus `ORGANISATION:<name>` / `ROLE:<role>` when the grant names organisations or roles. */
  conditions: string[];
}

export interface TableRow {
  category: CategoryKey;
  sector: Sector;
  participation: Participation;
  purpose: string;
  allowed: boolean;
  paths: GrantPath[];
}

const ANY_ORGANISATION_ID = '00000000-0000-0000-0000-000000000000';

/** Every row of the decision table: category × sector × participation × purpose (purposes default to the policy's). */
export function decisionTable(policy: LoadedPolicy, purposes: string[] = policy.doc.purposes.map((p) => p.key)): TableRow[] {
  const cats = Object.values(policy.doc.categories);
  const namedOrgs = [...new Set(cats.flatMap((c) => c.grants.flatMap((g) => g.organisations ?? [])))];
  const namedRoles = [...new Set(cats.flatMap((c) => c.grants.flatMap((g) => g.roles ?? [])))];
  const rows: TableRow[] = [];
  for (const { key: category } of CATEGORIES) {
    for (const sector of SECTORS) {
      for (const participation of PARTICIPATIONS) {
        for (const purpose of purposes) {
          const paths = new Map<string, GrantPath>();
          // An anonymous organisation of the sector, then each organisation a grant names (rarely any).
          for (const organisationName of ['', ...namedOrgs]) {
            const facts: AccessFacts = {
              organisationId: ANY_ORGANISATION_ID,
              organisationName,
              sector,
              roles: namedRoles,
              participation,
              purpose,
              art20: [{ id: 'any', categoriesGranted: [category], recipientOrganisationIds: [ANY_ORGANISATION_ID], validFrom: '0000-01-01', validUntil: '9999-12-31', revokedAt: null }],
              now: new Date(),
            };
            const d = decideCategory(policy, facts, category, () => true);
            for (const g of d.allowingGrants ?? []) {
              paths.set(g.name, {
                grant: g.name,
                article: g.article,
                conditions: [
                  ...(g.conditions ?? []),
                  ...(g.organisations?.length ? [`ORGANISATION:${g.organisations.join('|')}`] : []),
                  ...(g.roles?.length ? [`ROLE:${g.roles.join('|')}`] : []),
                ].sort(),
              });
            }
          }
          rows.push({ category, sector, participation, purpose, allowed: paths.size > 0, paths: [...paths.values()] });
        }
      }
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// Matrix

export type MatrixStatus = 'ALLOW' | 'CONDITIONAL' | 'DENY';

export interface MatrixCell {
  category: CategoryKey;
  field: string;
  sector: Sector;
  participation: Participation;
  /** ALLOW: granted with no condition beyond the purpose; CONDITIONAL: granted under conditions; DENY: no grant. */
  status: MatrixStatus;
  /** The purposes for which it is granted (in the policy's order). */
  purposes: string[];
  /** Every condition of any granting grant (sorted). */
  conditions: string[];
  /** The granting grants, each with its own purposes and conditions. */
  grants: (GrantPath & { purposes: string[] })[];
}

export interface Matrix {
  policy: LoadedPolicy;
  /** The sectors the policy names in any grant (all others are DENY everywhere), in the order of the Sector enum. */
  sectors: Sector[];
  cells: MatrixCell[];
}

export function accessMatrix(policy: LoadedPolicy): Matrix {
  const named = new Set(Object.values(policy.doc.categories).flatMap((c) => c.grants.flatMap((g) => g.sectors ?? [])));
  const sectors = SECTORS.filter((s) => named.has(s));
  const cells = new Map<string, MatrixCell>();
  for (const r of decisionTable(policy)) {
    if (!named.has(r.sector)) continue;
    const k = `${r.category}|${r.sector}|${r.participation}`;
    const cell = cells.get(k) ?? {
      category: r.category,
      field: CATEGORIES.find((c) => c.key === r.category)!.field,
      sector: r.sector,
      participation: r.participation,
      status: 'DENY' as MatrixStatus,
      purposes: [],
      conditions: [],
      grants: [],
    };
    cells.set(k, cell);
    if (!r.allowed) continue;
    cell.purposes.push(r.purpose);
    for (const p of r.paths) {
      const g = cell.grants.find((x) => x.grant === p.grant) ?? cell.grants[cell.grants.push({ ...p, purposes: [] }) - 1];
      g.purposes.push(r.purpose);
    }
  }
  for (const cell of cells.values()) {
    cell.conditions = [...new Set(cell.grants.flatMap((g) => g.conditions))].sort();
    if (cell.purposes.length) {
      const unconditional = (purpose: string) => cell.grants.some((g) => g.purposes.includes(purpose) && g.conditions.length === 0);
      cell.status = cell.purposes.every(unconditional) ? 'ALLOW' : 'CONDITIONAL';
    }
  }
  return { policy, sectors, cells: [...cells.values()] };
}

const csvField = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One line per cell: category, field, sector, participation, status, purposes, conditions (lists joined with `;`). */
export function matrixCsv(m: Matrix): string {
  const lines = [['category', 'field', 'sector', 'participation', 'status', 'purposes', 'conditions', 'grants', 'policyVersion']];
  for (const c of m.cells) {
    lines.push([c.category, c.field, c.sector, c.participation, c.status, c.purposes.join(';'), c.conditions.join(';'), c.grants.map((g) => g.grant).join(';'), m.policy.label]);
  }
  return `${lines.map((l) => l.map(csvField).join(',')).join('\n')}\n`;
}

/** A plain-text table for the terminal: categories down, sector/participation across. */
export function matrixText(m: Matrix): string {
  const cols = m.sectors.flatMap((s) => PARTICIPATIONS.map((p) => ({ s, p })));
  const mark: Record<MatrixStatus, string> = { ALLOW: 'ALLOW', CONDITIONAL: 'COND', DENY: '-' };
  const head = ['category', ...cols.map((c) => `${c.s}/${c.p === 'PARTNER' ? 'P' : 'AH'}`)];
  const rows = CATEGORIES.map((cat) => [cat.key, ...cols.map((c) => mark[m.cells.find((x) => x.category === cat.key && x.sector === c.s && x.participation === c.p)!.status])]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((v, i) => v.padEnd(width[i])).join('  ').trimEnd();
  return [
    `Access matrix of ${m.policy.label} (P = partner, AH = ad-hoc participant; COND = under conditions, see --csv)`,
    fmt(head),
    ...rows.map(fmt),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Diff

export type ChangeKind = 'GAINED' | 'LOST' | 'CONDITIONS_CHANGED';

export interface PolicyChange {
  kind: ChangeKind;
  category: CategoryKey;
  field: string;
  sector: Sector;
  participation: Participation;
  purposes: string[];
  /** Alternatives before/after, each `grant: COND+COND` ([] when not allowed). */
  before: GrantPath[];
  after: GrantPath[];
  sentence: string;
}

/** What each condition means, in a privacy officer's words. */
export const CONDITION_WORDS: Record<Condition, string> = {
  ART20_GRANT: 'an art. 20 decision in force grants this category to the party',
  POLICE_SPECIAL_IN_ADDITION: 'only in addition to other police data of the same person',
  NOT_PROVIDER_RESTRICTED: 'the provider has not restricted the item',
  INFORMED_OR_EXCEPTION: 'the resident was informed, or an exception is recorded',
  CONSENT_OR_WEIGHING: 'the resident consented, or a weighing of interests is recorded',
  LEGAL_GROUND_RECORDED: 'a legal ground is recorded with the item',
};
const conditionWords = (c: string) =>
  CONDITION_WORDS[c as Condition] ?? (c.startsWith('ORGANISATION:') ? `the organisation is ${c.slice(13).split('|').join(' or ')}` : `the member has role ${c.slice(5).split('|').join(' or ')}`);

const signature = (paths: GrantPath[]) => paths.map((p) => p.conditions.join('+')).sort().join(' | ');

function describePaths(paths: GrantPath[]): string {
  return paths
    .map((p) => `grant "${p.grant}" (${p.article})${p.conditions.length ? `, provided that ${p.conditions.map(conditionWords).join('; ')}` : ', without conditions'}`)
    .join(', or ');
}

function sentence(c: Omit<PolicyChange, 'sentence'>, from: LoadedPolicy, to: LoadedPolicy): string {
  const who = `${c.sector} as ${c.participation === 'PARTNER' ? 'partner' : 'ad-hoc participant'}`;
  const what = `${c.category} (${CATEGORIES.find((x) => x.key === c.category)!.label})`;
  const why = `for ${c.purposes.join(', ')}`;
  if (c.kind === 'GAINED') return `${who} gains ${what} ${why} in ${to.label}: ${describePaths(c.after)}.`;
  if (c.kind === 'LOST') return `${who} loses ${what} ${why} in ${to.label}; in ${from.label} it had ${describePaths(c.before)}.`;
  return `${who} keeps ${what} ${why} under other conditions in ${to.label}: now ${describePaths(c.after)}; in ${from.label} ${describePaths(c.before)}.`;
}

/**
 * Every decision that changes from one policy version to another, computed from their decision tables
 * (never from the YAML text): changes of one category for one sector and participation, of one kind and
 * with the same conditions before and after, are one change listing its purposes.
 */
export function policyDiff(from: LoadedPolicy, to: LoadedPolicy): PolicyChange[] {
  if (from.doc.collaboration !== to.doc.collaboration) {
    throw new Error(`cannot compare policies of different collaborations (${from.label} and ${to.label})`);
  }
  const purposes = [...new Set([...from.doc.purposes, ...to.doc.purposes].map((p) => p.key))];
  const before = decisionTable(from, purposes);
  const after = decisionTable(to, purposes);
  const changes = new Map<string, Omit<PolicyChange, 'sentence'>>();
  before.forEach((b, i) => {
    const a = after[i];
    let kind: ChangeKind | undefined;
    if (b.allowed && !a.allowed) kind = 'LOST';
    else if (!b.allowed && a.allowed) kind = 'GAINED';
    else if (b.allowed && signature(b.paths) !== signature(a.paths)) kind = 'CONDITIONS_CHANGED';
    if (!kind) return;
    const k = [b.category, b.sector, b.participation, kind, signature(b.paths), signature(a.paths)].join('|');
    const c = changes.get(k);
    if (c) c.purposes.push(b.purpose);
    else {
      changes.set(k, {
        kind,
        category: b.category,
        field: CATEGORIES.find((x) => x.key === b.category)!.field,
        sector: b.sector,
        participation: b.participation,
        purposes: [b.purpose],
        before: b.paths,
        after: a.paths,
      });
    }
  });
  return [...changes.values()].map((c) => ({ ...c, sentence: sentence(c, from, to) }));
}
