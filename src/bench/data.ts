/**
 * The benchmark's synthetic data set, reproducible from a seed (a seeded PRNG, never Math.random; ids and
 * timestamps included), inserted in bulk (`INSERT … SELECT FROM unnest(…)`, one statement per table and
 * chunk, never row by row), on top of the demo data of the four collaborations.
 *
 * The cases are spread over the four collaborations (Zeist 40 %, ZVHD Drenthe 25 %, De Wolden 20 %,
 * Walcheren 15 %). Each case takes the collaboration's lead organisation (the process director's) and, each
 * with its own chance, one organisation per kind of party (police, housing corporation, municipality, care,
 * welfare, youth) from that collaboration's parties, so a partner sees its share and not all cases: with
 * 100,000 cases Woongoed Zeist (one of two Zeist corporations) takes part in about 15,000. A case has 1–3
 * subjects and per subject items in most of the 16 categories, each from the party that would provide it
 * (police categories by the police with the art. 20 ground and the officer's justification (O10), housing and contact by the corporation, finance,
 * care and special data by the care party with consent and ground, youth by the youth party, participation
 * and safety by welfare, identity and criminal data by the municipality); a category whose provider does
 * not take part in the case is absent. A minority of items carry a sharing restriction, a missing notice
 * or no consent, so the item conditions of the policy are exercised as in real data. Everything about
 * people is fictional.
 */
import type { EntityManager } from 'typeorm';
import { CATEGORIES, type CategoryKey } from '../domain/information/categories.js';
import { ART20, POLICE_JUSTIFICATION } from '../seed/demo-data.js';

export interface BenchDataOptions {
  /** Number of synthetic cases (over all four collaborations). */
  cases: number;
  /** PRNG seed: the same seed gives the same rows (ids included). */
  seed: number;
}

export interface BenchDataSummary {
  cases: number;
  subjects: number;
  items: number;
  participants: number;
  /** Cases per collaboration slug. */
  casesPerCollaboration: Record<string, number>;
  /** Items per category (all 16 present). */
  itemsPerCategory: Record<string, number>;
  millis: number;
}

/** Bump when the generator changes what it makes: a stored data set of another version is regenerated. */
export const GENERATOR_VERSION = 3;

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

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A version-4-shaped UUID drawn from the PRNG (reproducible, unlike gen_random_uuid()). */
function uuidFrom(rand: () => number): string {
  const b = Array.from({ length: 16 }, () => Math.floor(rand() * 256));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.map((x) => HEX[x]).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

/** The kinds of party a case draws its participants from; every category has one as its provider. */
type OrgRole = 'politie' | 'woning' | 'gemeente' | 'zorg' | 'welzijn' | 'jeugd';
const ORG_ROLES: OrgRole[] = ['politie', 'woning', 'gemeente', 'zorg', 'welzijn', 'jeugd'];
/** Chance that a case has a participant of this kind (besides the lead). */
const ROLE_CHANCE: Record<OrgRole, number> = { politie: 0.8, woning: 0.75, gemeente: 0.9, zorg: 0.8, welzijn: 0.6, jeugd: 0.3 };

interface CollaborationSpec {
  slug: string;
  prefix: string;
  share: number;
  /** The organisation that always takes part (the process director's). */
  lead: string;
  processDirector: string;
  /** Per kind of party: candidate organisations (demo names) and, where the demo has one, a member login. */
  roles: Partial<Record<OrgRole, [org: string, login: string | null][]>>;
}

/** Demo organisations and members of src/seed/demo-data.ts, by name and login. */
export const COLLABORATION_SPECS: CollaborationSpec[] = [
  {
    slug: 'zeist', prefix: 'ZST', share: 0.4, lead: 'Gemeente Zeist – Sociaal Team', processDirector: 'sociaalteam.zeist',
    roles: {
      politie: [['Politie Midden-Nederland', 'wijkagent.zeist']],
      woning: [['Woongoed Zeist', 'woonconsulent.zeist'], ['RK Woningbouwvereniging Zeist', null]],
      gemeente: [['Gemeente Zeist', 'wijkmanager.zeist'], ['Gemeente Zeist – Toezicht en Handhaving', null]],
      zorg: [['Gemeente Zeist – Sociaal Team', 'sociaalteam.zeist']],
      welzijn: [['Stichting MeanderOmnium', 'opbouwwerker.zeist']],
      jeugd: [['Gemeente Zeist – Centrum voor Jeugd en Gezin', null]],
    },
  },
  {
    slug: 'zvhd', prefix: 'ZVHD', share: 0.25, lead: 'Zorg- en Veiligheidshuis Drenthe', processDirector: 'procesregisseur.zvhd',
    roles: {
      politie: [['Nationale Politie, Regionale Eenheid Noord-Nederland', 'politie.zvhd']],
      woning: [['Gemeente Assen', null], ['Gemeente Emmen', null]],
      gemeente: [['Gemeente Assen', null], ['Gemeente Emmen', null], ['Gemeente Meppel', null], ['Gemeente Hoogeveen', null]],
      zorg: [['St. GGZ Drenthe', 'ggz.zvhd'], ['Cosis', null], ['St. Leger des Heils Welzijns- en Gezondheidszorg Noord', null]],
      welzijn: [['Reclassering Nederland, regio Midden-Noord', 'reclassering.zvhd'], ['Stichting MEE Drenthe', null]],
      jeugd: [['Jeugdbescherming Noord & Veilig Thuis Groningen', null]],
    },
  },
  {
    slug: 'dewolden', prefix: 'DWL', share: 0.2, lead: 'Welzijn De Wolden', processDirector: 'dorpencontact.dewolden',
    roles: {
      politie: [['Politie basisteam Zuidwest Drenthe', 'wijkagent.dewolden']],
      woning: [['Woningcorporatie Actium', 'woonconsulent.dewolden']],
      gemeente: [['Gemeente De Wolden', null]],
      zorg: [['Thuiszorg De Wolden (fictief)', 'wijkverpleegkundige.dewolden'], ['Welzijn De Wolden', 'dorpencontact.dewolden']],
      welzijn: [['Welzijn De Wolden', 'opbouwwerker.dewolden']],
      jeugd: [['Gemeente De Wolden', null]],
    },
  },
  {
    slug: 'walcheren', prefix: 'WTW', share: 0.15, lead: 'Gemeente Middelburg', processDirector: 'consulent.walcheren',
    roles: {
      woning: [["L'Escaut Woonservice", null], ['Woongoed Middelburg', 'corporatie.walcheren'], ['Zeeuwland', null], ['WBV Arnemuiden', null]],
      gemeente: [['Gemeente Middelburg', 'consulent.walcheren'], ['Gemeente Vlissingen', null], ['Gemeente Veere', null]],
      zorg: [['Zorgaanbieder Beschermd Wonen Walcheren (fictief)', 'begeleider.walcheren'], ['Zorgaanbieder Maatschappelijke Opvang Walcheren (fictief)', null]],
    },
  },
];

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
  'person.contact': { provider: 'woning', p: 0.7, ground: null, consent: 'NOT_REQUIRED', texts: ['Telefoonnummer uit de huurdersadministratie (fictief)'] },
  housing: { provider: 'woning', p: 0.95, ground: null, consent: 'NOT_REQUIRED', texts: ['Huurachterstand van enkele maanden', 'Overlastmeldingen van buren', 'Sociale huur, onbepaalde tijd; geen achterstand'] },
  finance: { provider: 'zorg', p: 0.6, ground: 'Wmo 2015; toestemming betrokkene (Privacyregeling art. 5 en 9)', consent: 'GIVEN', texts: ['Problematische schulden; aanmelding schuldhulpverlening loopt', 'Budgetbeheer sinds dit jaar'] },
  participation: { provider: 'welzijn', p: 0.6, ground: null, consent: 'NOT_REQUIRED', texts: ['Doet mee aan een buurtproject; weinig netwerk', 'Bezoekt het jongerencentrum'] },
  care: { provider: 'zorg', p: 0.5, ground: 'art. 9 lid 2 sub a AVG (uitdrukkelijke toestemming); Wmo 2015', consent: 'GIVEN', texts: ['Indicatie Wmo-begeleiding (ambulant)', 'Vermoeden van geheugenproblemen; afweging vastgelegd'] },
  youth: { provider: 'jeugd', p: 0.3, ground: 'Jeugdwet; toestemming jeugdige en ouder (Privacyregeling art. 13)', consent: 'GIVEN', texts: ['Contact met de CJG-jeugdverpleegkundige; schoolverzuim'] },
  safety: { provider: 'welzijn', p: 0.5, ground: null, consent: 'NOT_REQUIRED', texts: ['Buurtbemiddeling gestart', 'Boa-rapportage: waarschuwingen voor samenscholing'] },
  special: { provider: 'zorg', p: 0.2, ground: 'art. 9 lid 2 sub a AVG (uitdrukkelijke toestemming betrokkene)', consent: 'GIVEN', texts: ['Lid van een kerkgemeenschap die met maaltijden ondersteunt'] },
  criminal: { provider: 'gemeente', p: 0.2, ground: 'art. 10 AVG jo. art. 172b Gemeentewet (openbare orde); Privacyregeling art. 5', consent: 'NOT_REQUIRED', texts: ['Gedragsaanwijzing van de burgemeester (contactverbod)'] },
};

const PHASES = ['INTAKE', 'TRIAGE', 'CASE_MEETING', 'ACTION_PLAN', 'MONITORING'] as const;
const ROLES = ['hoofdbewoner', 'partner', 'kind', 'buurtbewoner'] as const;
const DOMAINS = ['WONEN', 'VEILIGHEID', 'FINANCIEN', 'GEZONDHEID', 'MEEDOEN', 'ZELFREDZAAMHEID'] as const;
/** Cases generated and inserted per round (bounds the memory: about 20 items per case). */
const CASES_PER_CHUNK = 2_500;

/** The demo rows the generator refers to, by id (looked up in the database, or made up in a unit test). */
export interface World {
  collaborations: {
    slug: string;
    prefix: string;
    share: number;
    id: string;
    lead: { orgId: string; memberId: string | null };
    processDirectorId: string | null;
    roles: Partial<Record<OrgRole, { orgId: string; memberId: string | null }[]>>;
  }[];
}

/** The rows of one chunk of cases, as parameter rows in column order of the bulk inserts below. */
export interface Chunk {
  cases: unknown[][];
  participants: unknown[][];
  subjects: unknown[][];
  caseSubjects: unknown[][];
  items: unknown[][];
}

/**
 * Generate the data set chunk by chunk: pure (no database), the same rows for the same world, seed and
 * count. `perCategory` and `perCollaboration` are counted as the rows are made.
 */
export function* generate(world: World, opts: BenchDataOptions, counts?: { perCategory: Record<string, number>; perCollaboration: Record<string, number> }): Generator<Chunk> {
  const rand = prng(opts.seed);
  const cumulative: number[] = [];
  let acc = 0;
  for (const c of world.collaborations) cumulative.push((acc += c.share));
  // Fixed clock: synthetic cases are dated from 2025-01-01, one every 5 minutes (100,000 within the year).
  const t0 = Date.UTC(2025, 0, 1);
  let subjectNo = 0;
  let chunk: Chunk = { cases: [], participants: [], subjects: [], caseSubjects: [], items: [] };
  for (let n = 1; n <= opts.cases; n++) {
    const r0 = rand() * acc;
    const col = world.collaborations[Math.max(0, cumulative.findIndex((x) => r0 < x))];
    const caseId = uuidFrom(rand);
    const createdAt = new Date(t0 + n * 300_000);
    const ref = `${col.prefix}-BENCH-${String(n).padStart(6, '0')}`;
    // Who takes part: the lead always, and per kind of party one of the collaboration's candidates, by chance.
    const present = new Map<OrgRole, { orgId: string; memberId: string | null }>();
    for (const role of ORG_ROLES) {
      const candidates = col.roles[role];
      if (candidates?.length && rand() < ROLE_CHANCE[role]) present.set(role, pick(rand, candidates));
    }
    const orgs = [...new Set([col.lead.orgId, ...[...present.values()].map((p) => p.orgId)])];
    const domains = DOMAINS.filter((_, i) => i < 2 || rand() < 0.3);
    const reporter = present.get('woning')?.orgId ?? col.lead.orgId;
    chunk.cases.push([caseId, createdAt, createdAt, col.id, ref, `Synthetische casus ${n} (benchmark)`, 'INDIVIDUAL', pick(rand, PHASES), `{${domains.join(',')}}`, reporter, col.processDirectorId]);
    for (const orgId of orgs) chunk.participants.push([uuidFrom(rand), createdAt, createdAt, caseId, orgId, 'PARTNER', col.processDirectorId]);
    if (counts) counts.perCollaboration[col.slug] = (counts.perCollaboration[col.slug] ?? 0) + 1;
    const nSubjects = 1 + Math.floor(rand() * 3);
    for (let s = 0; s < nSubjects; s++) {
      const subjectId = uuidFrom(rand);
      subjectNo++;
      chunk.subjects.push([subjectId, createdAt, createdAt, `BENCH-P-${String(subjectNo).padStart(7, '0')}`]);
      chunk.caseSubjects.push([uuidFrom(rand), createdAt, createdAt, caseId, subjectId, s === 0 ? 'hoofdbewoner' : pick(rand, ROLES)]);
      const cats = CATEGORIES.filter((c) => rand() < CAT[c.key].p && present.has(CAT[c.key].provider)).map((c) => c.key);
      // Police special data only in addition to other police data of the same person (O7): keep it realistic.
      const withSpecial = cats.filter((k) => k !== 'police.special' || cats.some((o) => o.startsWith('police.') && o !== 'police.special'));
      for (const key of withSpecial) {
        const spec = CAT[key];
        const provider = present.get(spec.provider)!;
        const nItems = 1 + (rand() < 0.3 ? 1 : 0);
        for (let i = 0; i < nItems; i++) {
          const police = key.startsWith('police.');
          const r = rand();
          const restriction = r < 0.05 ? 'PROVIDER_ONLY' : r < 0.15 ? 'NO_RESHARING' : 'NONE';
          const q = rand();
          const informed = q < 0.1 ? 'EXCEPTION' : q < 0.15 ? 'NOT_INFORMED' : 'INFORMED';
          const consent = spec.consent === 'GIVEN' && rand() < 0.1 ? 'REFUSED' : spec.consent;
          const providedAt = new Date(createdAt.getTime() + (1 + i) * 60_000);
          chunk.items.push([
            uuidFrom(rand), providedAt, providedAt, caseId, subjectId, key, provider.orgId, provider.memberId,
            pick(rand, spec.texts), rand() < 0.2 ? 'OPINION' : 'FACT',
            police ? `${ART20}, ${POLICE_LETTER[key]}` : spec.ground, police ? POLICE_JUSTIFICATION : null, restriction, informed, consent, providedAt,
          ]);
          if (counts) counts.perCategory[key] = (counts.perCategory[key] ?? 0) + 1;
        }
      }
    }
    if (n % CASES_PER_CHUNK === 0 || n === opts.cases) {
      yield chunk;
      chunk = { cases: [], participants: [], subjects: [], caseSubjects: [], items: [] };
    }
  }
}

/** A column: its name, the element type of its parameter array, and optionally a cast to the column type. */
type Col = [name: string, type: string, cast?: string];

/** Insert `rows` with `INSERT INTO t (cols) SELECT … FROM unnest($1::type[], …)`: one statement. */
async function bulkInsert(em: EntityManager, table: string, cols: Col[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const arrays = cols.map((_, j) => rows.map((r) => r[j]));
  await em.query(
    `INSERT INTO "${table}" (${cols.map(([n]) => `"${n}"`).join(', ')})
     SELECT ${cols.map(([, , cast], j) => (cast ? `u.c${j}::${cast}` : `u.c${j}`)).join(', ')}
       FROM unnest(${cols.map(([, t], j) => `$${j + 1}::${t}[]`).join(', ')}) AS u(${cols.map((_, j) => `c${j}`).join(', ')})`,
    arrays,
  );
}

/** Look the demo collaborations, organisations and members up (only parties of a collaboration are used). */
export async function worldOf(em: EntityManager): Promise<World> {
  const cols: { id: string; slug: string }[] = await em.query(`SELECT id, slug FROM collaboration`);
  const orgs: { id: string; name: string }[] = await em.query(`SELECT id, name FROM organisation`);
  const members: { id: string; login: string }[] = await em.query(`SELECT id, login FROM member`);
  const parties: { collaboration_id: string; organisation_id: string }[] = await em.query(
    `SELECT DISTINCT a.collaboration_id, p.organisation_id FROM party p JOIN agreement a ON a.id = p.agreement_id`,
  );
  const orgId = (name: string) => {
    const o = orgs.find((x) => x.name === name);
    if (!o) throw new Error(`bench data: organisation "${name}" is missing (seed the demo data first)`);
    return o.id;
  };
  const memberId = (login: string | null) => (login ? members.find((m) => m.login === login)?.id ?? null : null);
  return {
    collaborations: COLLABORATION_SPECS.map((spec) => {
      const col = cols.find((c) => c.slug === spec.slug);
      if (!col) throw new Error(`bench data: collaboration "${spec.slug}" is missing (seed the demo data first)`);
      const isParty = (id: string) => parties.some((p) => p.collaboration_id === col.id && p.organisation_id === id);
      const roles: World['collaborations'][number]['roles'] = {};
      for (const [role, candidates] of Object.entries(spec.roles) as [OrgRole, [string, string | null][]][]) {
        const ok = candidates.map(([name, login]) => ({ orgId: orgId(name), memberId: memberId(login) })).filter((c) => isParty(c.orgId));
        if (ok.length) roles[role] = ok;
      }
      const leadId = orgId(spec.lead);
      if (!isParty(leadId)) throw new Error(`bench data: "${spec.lead}" is no party of ${spec.slug}`);
      return {
        slug: spec.slug, prefix: spec.prefix, share: spec.share, id: col.id,
        lead: { orgId: leadId, memberId: memberId(spec.processDirector) },
        processDirectorId: memberId(spec.processDirector),
        roles,
      };
    }),
  };
}

const AUDITED = ['case', 'case_participant', 'subject', 'case_subject', 'information_item'];

/**
 * Add the synthetic cases to a database holding the demo data (after `reseed`). Runs in the caller's
 * transaction manager; returns what it inserted. The caller runs VACUUM ANALYZE afterwards (outside the
 * transaction).
 */
export async function seedBenchData(em: EntityManager, opts: BenchDataOptions, log: (m: string) => void = () => {}): Promise<BenchDataSummary> {
  const started = Date.now();
  const world = await worldOf(em);
  const counts = {
    perCategory: Object.fromEntries(CATEGORIES.map((c) => [c.key, 0])) as Record<string, number>,
    perCollaboration: {} as Record<string, number>,
  };
  const total = { cases: 0, subjects: 0, items: 0, participants: 0 };
  // The synthetic rows are a bulk load, not mutations by a member: they are loaded without mutation-audit
  // records (the audit trigger chains one record per row through the chain head, which makes a load of
  // millions of rows dominated by, and quadratic in, the audit). As a superuser (the embedded cluster) the
  // load runs with `session_replication_role = replica` for this transaction only: no trigger fires,
  // neither the audit triggers nor those that check foreign keys; the generator makes every reference
  // point at a row it inserted before or a demo row it looked up, and the load is about twice as fast.
  // Otherwise only the audit triggers are disabled (ALTER TABLE … DISABLE TRIGGER, part of the caller's
  // transaction: on again at commit, and after a rollback). Both only for this synthetic bulk load.
  const [{ rolsuper }] = await em.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
  if (rolsuper) await em.query(`SET LOCAL session_replication_role = replica`);
  else for (const t of AUDITED) await em.query(`ALTER TABLE "${t}" DISABLE TRIGGER "${t}_audit"`);
  const base: Col[] = [['id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']];
  for (const chunk of generate(world, opts, counts)) {
    // life_domains is text[]: unnest would flatten a 2-D array, so each row passes an array literal, cast back.
    await bulkInsert(em, 'case', [...base, ['collaboration_id', 'uuid'], ['reference', 'text'], ['title', 'text'], ['kind', 'case_kind'],
      ['phase', 'case_phase'], ['life_domains', 'text', 'text[]'], ['reporting_organisation_id', 'uuid'], ['process_director_id', 'uuid']], chunk.cases);
    await bulkInsert(em, 'case_participant', [...base, ['case_id', 'uuid'], ['organisation_id', 'uuid'], ['role', 'participant_role'], ['invited_by_id', 'uuid']], chunk.participants);
    await bulkInsert(em, 'subject', [...base, ['pseudonym', 'text']], chunk.subjects);
    await bulkInsert(em, 'case_subject', [...base, ['case_id', 'uuid'], ['subject_id', 'uuid'], ['role_in_case', 'text']], chunk.caseSubjects);
    await bulkInsert(em, 'information_item', [...base, ['case_id', 'uuid'], ['subject_id', 'uuid'], ['category', 'text'],
      ['provider_organisation_id', 'uuid'], ['provider_member_id', 'uuid'], ['content', 'text'], ['kind', 'information_kind'],
      ['legal_ground', 'text'], ['police_justification', 'text'], ['sharing_restriction', 'sharing_restriction'], ['informed_status', 'informed_status'],
      ['consent_status', 'consent_status'], ['provided_at', 'timestamptz']], chunk.items);
    total.cases += chunk.cases.length;
    total.subjects += chunk.subjects.length;
    total.items += chunk.items.length;
    total.participants += chunk.participants.length;
    if (total.cases % 20_000 < CASES_PER_CHUNK || total.cases === opts.cases) {
      log(`  ${total.cases} cases, ${total.items} items (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  if (rolsuper) await em.query(`SET LOCAL session_replication_role = origin`);
  else for (const t of AUDITED) await em.query(`ALTER TABLE "${t}" ENABLE TRIGGER "${t}_audit"`);
  return {
    ...total,
    casesPerCollaboration: counts.perCollaboration,
    itemsPerCategory: counts.perCategory,
    millis: Date.now() - started,
  };
}
