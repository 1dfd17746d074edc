/**
 * The benchmark's synthetic data set: N extra Zeist cases on top of the demo data, reproducible from a
 * seed (a seeded PRNG, never Math.random; ids and timestamps included), inserted in bulk
 * (`INSERT … SELECT FROM unnest(…)`, one statement per table and chunk, never row by row).
 *
 * Every case has Woongoed Zeist and Politie Midden-Nederland as PARTNER (plus the municipal units and
 * MeanderOmnium, who provide the other categories), 1–3 subjects, and per subject items in most of the
 * 16 categories, each from the party that would provide it: police categories by the wijkagent with the
 * art. 20 ground, housing and contact by the corporation, finance, care and special data by the Sociaal
 * Team with consent and ground, youth by the CJG, participation and safety by welfare, criminal data by
 * the municipality. A minority of items carry a sharing restriction, a missing notice or no consent, so
 * the item conditions of the policy are exercised as in real data. Everything about people is fictional.
 */
import type { EntityManager } from 'typeorm';
import { CATEGORIES, type CategoryKey } from '../domain/information/categories.js';

export interface BenchDataOptions {
  /** Number of synthetic Zeist cases. */
  cases: number;
  /** PRNG seed: the same seed gives the same rows (ids included). */
  seed: number;
}

export interface BenchDataSummary {
  cases: number;
  subjects: number;
  items: number;
  participants: number;
  /** Items per category (all 16 present). */
  itemsPerCategory: Record<string, number>;
  millis: number;
}

/** mulberry32: small, fast, good enough for test data; deterministic per seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version-4-shaped UUID drawn from the PRNG (reproducible, unlike gen_random_uuid()). */
function uuidFrom(rand: () => number): string {
  const b = Array.from({ length: 16 }, () => Math.floor(rand() * 256));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

// Who provides what (demo organisations and members of src/seed/demo-data.ts, looked up by name/login).
const ORG_NAMES = {
  politie: 'Politie Midden-Nederland',
  woongoed: 'Woongoed Zeist',
  gemeente: 'Gemeente Zeist',
  sociaalTeam: 'Gemeente Zeist – Sociaal Team',
  cjg: 'Gemeente Zeist – Centrum voor Jeugd en Gezin',
  meander: 'Stichting MeanderOmnium',
} as const;
type OrgRole = keyof typeof ORG_NAMES;
const MEMBER_OF: Partial<Record<OrgRole, string>> = {
  politie: 'wijkagent.zeist',
  woongoed: 'woonconsulent.zeist',
  gemeente: 'wijkmanager.zeist',
  sociaalTeam: 'sociaalteam.zeist',
  meander: 'opbouwwerker.zeist',
};

const ART20 = 'art. 20 Wpg, besluit Zeist 2018 (politiechef eenheid Midden-Nederland)';
const POLICE_LETTER: Partial<Record<CategoryKey, string>> = {
  'police.identity': '§4.1 a', 'police.contact': '§4.1 b', 'police.vehicles': '§4.1 c', 'police.incidents': '§4.1 d',
  'police.priorityGroup': '§4.1 e', 'police.special': '§4.2 (aanvullend, noodzakelijk)',
};

interface CategorySpec {
  provider: OrgRole;
  /** Chance that a subject has items of this category. */
  p: number;
  ground: string | null;
  consent: 'NOT_REQUIRED' | 'GIVEN';
  texts: readonly string[];
}

const CAT: Record<CategoryKey, CategorySpec> = {
  'police.identity': { provider: 'politie', p: 0.7, ground: null, consent: 'NOT_REQUIRED', texts: ['Naam, geboortedatum, adres en geslacht volgens politieregistratie (fictief)'] },
  'police.contact': { provider: 'politie', p: 0.5, ground: null, consent: 'NOT_REQUIRED', texts: ['Telefoon en e-mail volgens politieregistratie (fictief)'] },
  'police.vehicles': { provider: 'politie', p: 0.3, ground: null, consent: 'NOT_REQUIRED', texts: ['Personenauto, kenteken 00-XXX-0 (fictief)', 'Scooter, kenteken F-000-XX (fictief)'] },
  'police.incidents': { provider: 'politie', p: 0.8, ground: null, consent: 'NOT_REQUIRED', texts: ['Meldingen geluidsoverlast in de afgelopen maanden', 'Melding burenruzie, afgehandeld ter plaatse', 'Aangetroffen in een groep jongeren bij het winkelcentrum'] },
  'police.priorityGroup': { provider: 'politie', p: 0.3, ground: null, consent: 'NOT_REQUIRED', texts: ['Behoort niet tot een geprioriteerde doelgroep', 'Behoort tot een geprioriteerde jeugdgroep (hinderlijk)'] },
  'police.special': { provider: 'politie', p: 0.15, ground: null, consent: 'NOT_REQUIRED', texts: ['Foto ter herkenning bij een gezamenlijk huisbezoek (bijzonder politiegegeven)'] },
  'person.identity': { provider: 'gemeente', p: 0.9, ground: null, consent: 'NOT_REQUIRED', texts: ['Naam, geboortedatum en adres (BRP, fictief)'] },
  'person.contact': { provider: 'woongoed', p: 0.7, ground: null, consent: 'NOT_REQUIRED', texts: ['Telefoonnummer uit de huurdersadministratie (fictief)'] },
  housing: { provider: 'woongoed', p: 0.95, ground: null, consent: 'NOT_REQUIRED', texts: ['Huurachterstand van enkele maanden', 'Overlastmeldingen van buren', 'Sociale huur, onbepaalde tijd; geen achterstand'] },
  finance: { provider: 'sociaalTeam', p: 0.6, ground: 'Wmo 2015; toestemming betrokkene (Privacyregeling art. 5 en 9)', consent: 'GIVEN', texts: ['Problematische schulden; aanmelding schuldhulpverlening loopt', 'Budgetbeheer sinds dit jaar'] },
  participation: { provider: 'meander', p: 0.6, ground: null, consent: 'NOT_REQUIRED', texts: ['Doet mee aan een buurtproject; weinig netwerk', 'Bezoekt het jongerencentrum'] },
  care: { provider: 'sociaalTeam', p: 0.5, ground: 'art. 9 lid 2 sub a AVG (uitdrukkelijke toestemming); Wmo 2015', consent: 'GIVEN', texts: ['Indicatie Wmo-begeleiding (ambulant)', 'Vermoeden van geheugenproblemen; afweging vastgelegd'] },
  youth: { provider: 'cjg', p: 0.3, ground: 'Jeugdwet; toestemming jeugdige en ouder (Privacyregeling art. 13)', consent: 'GIVEN', texts: ['Contact met de CJG-jeugdverpleegkundige; schoolverzuim'] },
  safety: { provider: 'meander', p: 0.5, ground: null, consent: 'NOT_REQUIRED', texts: ['Buurtbemiddeling gestart', 'Boa-rapportage: waarschuwingen voor samenscholing'] },
  special: { provider: 'sociaalTeam', p: 0.2, ground: 'art. 9 lid 2 sub a AVG (uitdrukkelijke toestemming betrokkene)', consent: 'GIVEN', texts: ['Lid van een kerkgemeenschap die met maaltijden ondersteunt'] },
  criminal: { provider: 'gemeente', p: 0.2, ground: 'art. 10 AVG jo. art. 172b Gemeentewet (openbare orde); Privacyregeling art. 5', consent: 'NOT_REQUIRED', texts: ['Gedragsaanwijzing van de burgemeester (contactverbod)'] },
};

const PHASES = ['INTAKE', 'TRIAGE', 'CASE_MEETING', 'ACTION_PLAN', 'MONITORING'] as const;
const ROLES = ['hoofdbewoner', 'partner', 'kind', 'buurtbewoner'] as const;
/** Rows per INSERT statement (keeps the parameter arrays of one statement moderate). */
const CHUNK = 20_000;

/** A column: its name, the element type of its parameter array, and optionally a cast to the column type. */
type Col = [name: string, type: string, cast?: string];

/** Insert `rows` with `INSERT INTO t (cols) SELECT … FROM unnest($1::type[], …)`: one statement per chunk. */
async function bulkInsert(em: EntityManager, table: string, cols: Col[], rows: unknown[][]): Promise<void> {
  for (let at = 0; at < rows.length; at += CHUNK) {
    const chunk = rows.slice(at, at + CHUNK);
    const arrays = cols.map((_, j) => chunk.map((r) => r[j]));
    await em.query(
      `INSERT INTO "${table}" (${cols.map(([n]) => `"${n}"`).join(', ')})
       SELECT ${cols.map(([, , cast], j) => (cast ? `u.c${j}::${cast}` : `u.c${j}`)).join(', ')}
         FROM unnest(${cols.map(([, t], j) => `$${j + 1}::${t}[]`).join(', ')}) AS u(${cols.map((_, j) => `c${j}`).join(', ')})`,
      arrays,
    );
  }
}

/**
 * Add the synthetic Zeist cases to a database holding the demo data (after `reseed`). Runs in the
 * caller's transaction manager; returns what it inserted.
 */
export async function seedBenchData(em: EntityManager, opts: BenchDataOptions): Promise<BenchDataSummary> {
  const started = Date.now();
  const rand = prng(opts.seed);
  const [col] = await em.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`);
  if (!col) throw new Error('bench data: the Zeist collaboration is missing (seed the demo data first)');
  const orgRows: { id: string; name: string }[] = await em.query(`SELECT id, name FROM organisation WHERE name = ANY($1)`, [Object.values(ORG_NAMES)]);
  const memberRows: { id: string; login: string }[] = await em.query(`SELECT id, login FROM member WHERE login = ANY($1)`, [Object.values(MEMBER_OF)]);
  const orgId = (r: OrgRole) => {
    const o = orgRows.find((x) => x.name === ORG_NAMES[r]);
    if (!o) throw new Error(`bench data: organisation "${ORG_NAMES[r]}" is missing`);
    return o.id;
  };
  const memberId = (r: OrgRole) => (MEMBER_OF[r] ? memberRows.find((m) => m.login === MEMBER_OF[r])?.id ?? null : null);
  const processDirector = memberId('sociaalTeam');
  const participants: OrgRole[] = ['politie', 'woongoed', 'sociaalTeam', 'meander', 'gemeente', 'cjg'];

  const caseRows: unknown[][] = [];
  const participantRows: unknown[][] = [];
  const subjectRows: unknown[][] = [];
  const caseSubjectRows: unknown[][] = [];
  const itemRows: unknown[][] = [];
  const perCategory: Record<string, number> = Object.fromEntries(CATEGORIES.map((c) => [c.key, 0]));
  // Fixed clock: synthetic cases are dated 2025 (older than the demo cases), one every 10 minutes.
  const t0 = Date.UTC(2025, 0, 1);
  let subjectNo = 0;
  for (let n = 1; n <= opts.cases; n++) {
    const caseId = uuidFrom(rand);
    const createdAt = new Date(t0 + n * 600_000);
    const ref = `ZST-BENCH-${String(n).padStart(6, '0')}`;
    caseRows.push([caseId, createdAt, createdAt, col.id, ref, `Synthetische casus ${n} (benchmark)`, 'INDIVIDUAL', pick(rand, PHASES), ['WONEN', 'VEILIGHEID'], orgId('woongoed'), processDirector]);
    for (const p of participants) participantRows.push([uuidFrom(rand), createdAt, createdAt, caseId, orgId(p), 'PARTNER', processDirector]);
    const nSubjects = 1 + Math.floor(rand() * 3);
    for (let s = 0; s < nSubjects; s++) {
      const subjectId = uuidFrom(rand);
      subjectNo++;
      subjectRows.push([subjectId, createdAt, createdAt, `BENCH-P-${String(subjectNo).padStart(7, '0')}`]);
      caseSubjectRows.push([uuidFrom(rand), createdAt, createdAt, caseId, subjectId, s === 0 ? 'hoofdbewoner' : pick(rand, ROLES)]);
      const cats = CATEGORIES.filter((c) => rand() < CAT[c.key].p).map((c) => c.key);
      // Police special data only in addition to other police data of the same person (O7): keep it realistic.
      const withSpecial = cats.filter((k) => k !== 'police.special' || cats.some((o) => o.startsWith('police.') && o !== 'police.special'));
      for (const key of withSpecial) {
        const spec = CAT[key];
        const nItems = 1 + (rand() < 0.3 ? 1 : 0);
        for (let i = 0; i < nItems; i++) {
          const police = key.startsWith('police.');
          const r = rand();
          const restriction = r < 0.05 ? 'PROVIDER_ONLY' : r < 0.15 ? 'NO_RESHARING' : 'NONE';
          const q = rand();
          const informed = q < 0.1 ? 'EXCEPTION' : q < 0.15 ? 'NOT_INFORMED' : 'INFORMED';
          const consent = spec.consent === 'GIVEN' && rand() < 0.1 ? 'REFUSED' : spec.consent;
          const providedAt = new Date(createdAt.getTime() + (1 + i) * 3_600_000);
          itemRows.push([
            uuidFrom(rand), providedAt, providedAt, caseId, subjectId, key, orgId(spec.provider), memberId(spec.provider),
            pick(rand, spec.texts), rand() < 0.2 ? 'OPINION' : 'FACT',
            police ? `${ART20}, ${POLICE_LETTER[key]}` : spec.ground, restriction, informed, consent, providedAt,
          ]);
          perCategory[key]++;
        }
      }
    }
  }

  // The synthetic rows are a bulk load, not mutations by a member: they are loaded without mutation-audit
  // records (the audit trigger chains one record per row, and the chain head updated ~100,000 times in one
  // transaction makes the load quadratic). Foreign keys and the other triggers stay on. The ALTERs are
  // part of the caller's transaction: the triggers are on again at commit, and after a rollback.
  const audited = ['case', 'case_participant', 'subject', 'case_subject', 'information_item'];
  for (const t of audited) await em.query(`ALTER TABLE "${t}" DISABLE TRIGGER "${t}_audit"`);
  const base: Col[] = [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']];
  await bulkInsert(em, 'case', [...base, ['collaboration_id', 'uuid'], ['reference', 'text'], ['title', 'text'], ['kind', 'case_kind'],
    ['phase', 'case_phase'], ['life_domains', 'text', 'text[]'], ['reporting_organisation_id', 'uuid'], ['process_director_id', 'uuid']],
  // life_domains is text[]: unnest would flatten a 2-D array, so each row passes an array literal, cast back.
  caseRows.map((r) => [...r.slice(0, 8), `{${(r[8] as string[]).join(',')}}`, ...r.slice(9)]));
  await bulkInsert(em, 'case_participant', [...base, ['case_id', 'uuid'], ['organisation_id', 'uuid'], ['role', 'participant_role'], ['invited_by_id', 'uuid']], participantRows);
  await bulkInsert(em, 'subject', [...base, ['pseudonym', 'text']], subjectRows);
  await bulkInsert(em, 'case_subject', [...base, ['case_id', 'uuid'], ['subject_id', 'uuid'], ['role_in_case', 'text']], caseSubjectRows);
  await bulkInsert(em, 'information_item', [...base, ['case_id', 'uuid'], ['subject_id', 'uuid'], ['category', 'text'],
    ['provider_organisation_id', 'uuid'], ['provider_member_id', 'uuid'], ['content', 'text'], ['kind', 'information_kind'],
    ['legal_ground', 'text'], ['sharing_restriction', 'sharing_restriction'], ['informed_status', 'informed_status'],
    ['consent_status', 'consent_status'], ['provided_at', 'timestamptz']], itemRows);
  for (const t of audited) await em.query(`ALTER TABLE "${t}" ENABLE TRIGGER "${t}_audit"`);
  await em.query('ANALYZE');
  return {
    cases: caseRows.length,
    subjects: subjectRows.length,
    items: itemRows.length,
    participants: participantRows.length,
    itemsPerCategory: perCategory,
    millis: Date.now() - started,
  };
}
