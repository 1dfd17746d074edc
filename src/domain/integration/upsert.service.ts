import { GraphQLError } from 'graphql';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { auditedTransaction } from '../../audit/audited-transaction.js';
import type { ExternalKeyedEntity } from '../../common/base.entity.js';
import { badInput, conflict, forbidden, notFound } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { FINISHED_PHASES } from '../case/case-phase.js';
import { CaseEntity } from '../case/case.entity.js';
import { createCaseIn, requirePartnerIn } from '../case/case.service.js';
import { recordedStatuses } from '../consent/consent.service.js';
import { ConsentStatus, InformationItemEntity, InformationKind, InformedStatus, SharingRestriction } from '../information/information.entity.js';
import { categoryByKey } from '../information/categories.js';
import { checkProvision, createItemIn } from '../information/information.service.js';
import { CaseSubjectEntity, SubjectEntity } from '../subject/subject.entity.js';
import { createSubjectIn } from '../subject/subject.service.js';
import type { CaseRefInput, UpsertCaseInput, UpsertInformationItemInput, UpsertSubjectInput } from './integration.inputs.js';
import { UpsertOutcome, type UpsertResult } from './integration.type.js';
import { writeNow, type RowWriter } from '../../common/row-writer.js';

type Key = { sourceSystem: string; externalId: string };
const ENTITY_OF = { CASE: CaseEntity, SUBJECT: SubjectEntity, INFORMATION_ITEM: InformationItemEntity } as const;
const keyOf = (i: { sourceSystem: string; externalId: string }): Key => ({ sourceSystem: i.sourceSystem, externalId: i.externalId });
const keyStr = (k: Key) => `${k.sourceSystem}\u0000${k.externalId}`;

/**
 * What one transaction of upserts (one mutation, or one import) has already looked up: cases by key and the
 * caller's partnership checked, subjects by key, case–subject links. An import clears it every batch, so its
 * memory stays flat. Entries are added only after the row that found them succeeded.
 */
export class UpsertSession {
  private caseIdByKey = new Map<string, string>();
  private partnerCase = new Map<string, CaseEntity>();
  private subjectIdByKey = new Map<string, string>();
  private links = new Set<string>();
  private recorded = new Map<string, Awaited<ReturnType<typeof recordedStatuses>>>();
  /** The records of a batch's keys, fetched (and locked) together; each is used once, a second row with the key looks again. */
  private prefetched = new Map<string, ExternalKeyedEntity | null>();
  /** Collaborations the caller was found a party to (kept for the whole transaction: it does not change in it). */
  readonly partyOf = new Set<string>();
  /** Where new rows go: at once, or (an import batch) queued and written per table at the batch's end. */
  writer: RowWriter = writeNow;

  constructor(
    readonly ctx: Context,
    readonly em: EntityManager,
  ) {}

  clear(): void {
    this.caseIdByKey.clear();
    this.partnerCase.clear();
    this.subjectIdByKey.clear();
    this.links.clear();
    this.recorded.clear();
    this.prefetched.clear();
  }

  /**
   * Fetch and lock the existing records of these keys: one statement per kind and source system. Written as
   * `source_system = $1 AND external_id = ANY($2)` so that the unique index is probed per key: a join with the
   * list of pairs let the planner scan the whole table, which a long import (whose rows the statistics do not
   * see yet) makes slower with every batch.
   */
  async prefetch(rows: { kind: string; key: Key }[]): Promise<void> {
    for (const [kind, entity] of Object.entries(ENTITY_OF)) {
      const bySource = new Map<string, Set<string>>();
      for (const r of rows) {
        if (r.kind !== kind) continue;
        let ids = bySource.get(r.key.sourceSystem);
        if (!ids) bySource.set(r.key.sourceSystem, (ids = new Set()));
        ids.add(r.key.externalId);
      }
      for (const [sourceSystem, ids] of bySource) {
        const found = await this.em
          .createQueryBuilder(entity, 'x')
          .where('x.source_system = :sourceSystem AND x.external_id = ANY(CAST(:ids AS text[]))', { sourceSystem, ids: [...ids] })
          .setLock('pessimistic_write')
          .getMany();
        const byId = new Map(found.map((e) => [(e as Key).externalId, e]));
        for (const externalId of ids) this.prefetched.set(`${kind}|${keyStr({ sourceSystem, externalId })}`, byId.get(externalId) ?? null);
      }
    }
  }

  /** The record of this key (locked for the transaction), or null. */
  async existing<T extends ExternalKeyedEntity>(kind: keyof typeof ENTITY_OF, key: Key): Promise<T | null> {
    const k = `${kind}|${keyStr(key)}`;
    if (this.prefetched.has(k)) {
      const e = this.prefetched.get(k) as T | null;
      this.prefetched.delete(k);
      return e;
    }
    return this.em.findOne(ENTITY_OF[kind] as unknown as typeof CaseEntity, { where: key, lock: { mode: 'pessimistic_write' } }) as unknown as Promise<T | null>;
  }

  /** The caller's informing and consent records for a subject in a case (O22, O23); none for a subject this session created. */
  async recordedFor(caseId: string, subjectId: string) {
    const k = `${caseId}|${subjectId}`;
    let r = this.recorded.get(k);
    if (!r) {
      r = await recordedStatuses(this.em, caseId, subjectId, this.ctx.principal.organisationId);
      this.recorded.set(k, r);
    }
    return r;
  }

  /** The case a subject or item names (by id or key), which the caller must take part in as PARTNER. */
  async caseOf(input: CaseRefInput): Promise<CaseEntity> {
    let id = input.caseId ?? null;
    if (id && input.caseExternalId) throw badInput('caseId', 'give caseId or caseExternalId, not both');
    if (!id) {
      if (!input.caseExternalId) throw badInput('caseId', 'give caseId or caseExternalId');
      const k = { sourceSystem: input.caseSourceSystem ?? input.sourceSystem, externalId: input.caseExternalId };
      id = this.caseIdByKey.get(keyStr(k)) ?? null;
      if (!id) {
        const rows: { id: string }[] = await this.em.query(`SELECT id FROM "case" WHERE source_system = $1 AND external_id = $2`, [k.sourceSystem, k.externalId]);
        if (!rows.length) throw notFound('Case');
        id = rows[0].id;
        this.caseIdByKey.set(keyStr(k), id);
      }
    }
    return this.partnerIn(id);
  }

  async partnerIn(caseId: string): Promise<CaseEntity> {
    let c = this.partnerCase.get(caseId);
    if (!c) {
      c = await requirePartnerIn(this.ctx, caseId, { finished: true });
      this.partnerCase.set(caseId, c);
    }
    return c;
  }

  async subjectIdOf(input: UpsertInformationItemInput): Promise<string> {
    if (input.subjectId && input.subjectExternalId) throw badInput('subjectId', 'give subjectId or subjectExternalId, not both');
    if (input.subjectId) return input.subjectId;
    if (!input.subjectExternalId) throw badInput('subjectId', 'give subjectId or subjectExternalId');
    const k = { sourceSystem: input.subjectSourceSystem ?? input.sourceSystem, externalId: input.subjectExternalId };
    let id = this.subjectIdByKey.get(keyStr(k));
    if (!id) {
      const rows: { id: string }[] = await this.em.query(`SELECT id FROM subject WHERE source_system = $1 AND external_id = $2`, [k.sourceSystem, k.externalId]);
      if (!rows.length) throw notFound('Subject');
      id = rows[0].id;
      this.subjectIdByKey.set(keyStr(k), id);
    }
    return id;
  }

  async linked(caseId: string, subjectId: string): Promise<boolean> {
    if (this.links.has(`${caseId}|${subjectId}`)) return true;
    const yes = await this.em.existsBy(CaseSubjectEntity, { caseId, subjectId });
    if (yes) this.links.add(`${caseId}|${subjectId}`);
    return yes;
  }

  rememberCase(k: Key, c: CaseEntity, created = false): void {
    this.caseIdByKey.set(keyStr(k), c.id);
    // The caller registered it: it is its reporter and PARTNER.
    if (created) this.partnerCase.set(c.id, c);
  }

  rememberSubject(k: Key, subjectId: string, caseId: string, created = false): void {
    this.subjectIdByKey.set(keyStr(k), subjectId);
    this.links.add(`${caseId}|${subjectId}`);
    if (created) this.recorded.set(`${caseId}|${subjectId}`, { informedStatus: undefined, consentStatus: undefined });
  }
}

/** A change against another version than the caller saw: CONFLICT with the current one. */
function checkVersion(expected: number | null | undefined, current: number): void {
  if (expected !== null && expected !== undefined && expected !== current) {
    throw conflict(`the record is at version ${current}, not ${expected}`, { reason: 'STALE_VERSION', currentVersion: current });
  }
}

/**
 * An external key is the organisation's that created the record with it (a case: its reporting organisation; a
 * subject: its source organisation); another organisation, even a partner in the case, does not change the
 * record through it. The same refusal as for a key held by a record the caller cannot see.
 */
function checkKeyHolder(holder: string | null, ctx: Context): void {
  if (holder !== ctx.principal.organisationId) {
    throw forbidden('This external key belongs to a record you may not change', { reason: 'EXTERNAL_KEY_TAKEN' });
  }
}

function checkWorkedOn(c: CaseEntity): void {
  if (FINISHED_PHASES.has(c.phase)) {
    throw conflict(`the case is ${c.phase} and no longer worked on`, { reason: 'CASE_FINISHED', phase: c.phase });
  }
}

const sameSet = <T>(a: T[], b: T[]) => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};

/**
 * Database refusals an upsert can meet, as the error vocabulary: an external key, reference or pseudonym held
 * by a record the caller cannot see (row-level security hides it, the unique index does not).
 */
export function asAppError(e: unknown): unknown {
  if (e instanceof GraphQLError || !(e instanceof QueryFailedError)) return e;
  const d = e.driverError as { code?: string; constraint?: string };
  if (d.code === '23505') {
    if (d.constraint?.endsWith('_external_key')) {
      return forbidden('This external key belongs to a record you may not change', { reason: 'EXTERNAL_KEY_TAKEN' });
    }
    if (d.constraint?.toLowerCase().includes('pseudonym') || d.constraint === 'UQ_subject_pseudonym') {
      return conflict('pseudonym already in use', { field: 'pseudonym' });
    }
    return conflict('a record with these unique values exists already');
  }
  if (d.code === '42501') return forbidden('Not allowed on this record', { reason: 'ROW_SCOPE' });
  return e;
}

export async function upsertCaseIn(s: UpsertSession, input: UpsertCaseInput): Promise<UpsertResult> {
  const { ctx, em } = s;
  const key = keyOf(input);
  const existing = await s.existing<CaseEntity>('CASE', key);
  if (!existing) {
    checkVersion(input.expectedVersion ? input.expectedVersion : null, 0);
    const c = await createCaseIn(
      ctx,
      em,
      { collaborationId: input.collaborationId, reference: input.reference, title: input.title ?? '', kind: input.kind, lifeDomains: input.lifeDomains ?? [] },
      key,
      { writer: s.writer, partyChecked: s.partyOf.has(input.collaborationId) },
    );
    s.partyOf.add(input.collaborationId);
    s.rememberCase(key, c, true);
    return { outcome: UpsertOutcome.CREATED, id: c.id, version: 1 };
  }
  const c = await s.partnerIn(existing.id);
  checkKeyHolder(c.reportingOrganisationId, ctx);
  if (input.collaborationId !== c.collaborationId) throw badInput('collaborationId', 'a case cannot move to another collaboration');
  const changes: Partial<CaseEntity> = {};
  if (input.reference !== c.reference) changes.reference = input.reference;
  if (input.title !== null && input.title !== undefined && input.title !== c.title) changes.title = input.title;
  if (input.kind !== c.kind) changes.kind = input.kind;
  if (input.lifeDomains && !sameSet(input.lifeDomains, c.lifeDomains)) changes.lifeDomains = [...new Set(input.lifeDomains)];
  if (!Object.keys(changes).length) return { outcome: UpsertOutcome.UNCHANGED, id: c.id, version: existing.version };
  checkVersion(input.expectedVersion, existing.version);
  checkWorkedOn(c);
  if (changes.reference && (await em.existsBy(CaseEntity, { collaborationId: c.collaborationId, reference: changes.reference }))) {
    throw conflict(`reference ${changes.reference} is already in use in this collaboration`, { field: 'reference' });
  }
  const r = await em.createQueryBuilder().update(CaseEntity).set(changes).where('id = :id', { id: c.id }).returning(['version']).execute();
  s.rememberCase(key, c);
  return { outcome: UpsertOutcome.UPDATED, id: c.id, version: (r.raw as { version: number }[])[0].version };
}

export async function upsertSubjectIn(s: UpsertSession, input: UpsertSubjectInput): Promise<UpsertResult> {
  const { ctx, em } = s;
  const key = keyOf(input);
  const existing = await s.existing<SubjectEntity>('SUBJECT', key);
  const c = await s.caseOf(input);
  if (!existing) {
    checkVersion(input.expectedVersion ? input.expectedVersion : null, 0);
    checkWorkedOn(c);
    const subject = await createSubjectIn(em, c.id, input.pseudonym ?? null, input.roleInCase ?? null, { ...key, organisationId: ctx.principal.organisationId }, s.writer);
    s.rememberSubject(key, subject.id, c.id, true);
    return { outcome: UpsertOutcome.CREATED, id: subject.id, version: 1 };
  }
  checkKeyHolder(existing.sourceOrganisationId, ctx);
  const link = await em.findOneBy(CaseSubjectEntity, { caseId: c.id, subjectId: existing.id });
  const newPseudonym = input.pseudonym && input.pseudonym !== existing.pseudonym ? input.pseudonym : null;
  const newRole = link && input.roleInCase && input.roleInCase !== link.roleInCase ? input.roleInCase : null;
  if (!newPseudonym && !newRole && link) return { outcome: UpsertOutcome.UNCHANGED, id: existing.id, version: existing.version };
  checkVersion(input.expectedVersion, existing.version);
  checkWorkedOn(c);
  if (newPseudonym && (await em.existsBy(SubjectEntity, { pseudonym: newPseudonym }))) throw conflict('pseudonym already in use', { field: 'pseudonym' });
  if (!link) await em.insert(CaseSubjectEntity, { caseId: c.id, subjectId: existing.id, roleInCase: input.roleInCase ?? null });
  else if (newRole) await em.update(CaseSubjectEntity, { id: link.id }, { roleInCase: newRole });
  // One real change of the subject (its pseudonym, or its place in a case): its version goes up by one.
  const r: [{ version: number }[], number] = await em.query(
    `UPDATE subject SET pseudonym = coalesce($2, pseudonym), version = version + 1 WHERE id = $1 RETURNING version`,
    [existing.id, newPseudonym],
  );
  s.rememberSubject(key, existing.id, c.id);
  return { outcome: UpsertOutcome.UPDATED, id: existing.id, version: r[0][0].version };
}

export async function upsertInformationItemIn(s: UpsertSession, input: UpsertInformationItemInput): Promise<UpsertResult> {
  const { ctx, em } = s;
  const p = ctx.principal;
  const key = keyOf(input);
  const existing = await s.existing<InformationItemEntity>('INFORMATION_ITEM', key);
  if (!existing) checkProvision(ctx, input.category, input);
  const c = await s.caseOf(input);
  const subjectId = await s.subjectIdOf(input);
  if (!existing) {
    checkVersion(input.expectedVersion ? input.expectedVersion : null, 0);
    checkWorkedOn(c);
    if (!(await s.linked(c.id, subjectId))) throw badInput('subjectId', 'not a subject of this case');
    const item = await createItemIn(
      ctx,
      em,
      c.id,
      {
        subjectId,
        category: input.category,
        content: input.content,
        kind: input.kind ?? InformationKind.FACT,
        legalGround: input.legalGround,
        policeJustification: input.policeJustification,
        sharingRestriction: input.sharingRestriction ?? SharingRestriction.NONE,
        viewableBeforeMeeting: input.viewableBeforeMeeting ?? true,
        informedStatus: input.informedStatus ?? InformedStatus.UNKNOWN,
        consentStatus: input.consentStatus ?? ConsentStatus.UNKNOWN,
      },
      key,
      { subjectInCase: true, recorded: await s.recordedFor(c.id, subjectId) },
      s.writer,
    );
    return { outcome: UpsertOutcome.CREATED, id: item.id, version: 1 };
  }
  if (existing.providerOrganisationId !== p.organisationId) {
    throw forbidden('Only the providing organisation changes an item', { reason: 'NOT_PROVIDER' });
  }
  if (existing.caseId !== c.id) throw badInput('caseId', 'an item stays in its case');
  if (existing.subjectId !== subjectId) throw badInput('subjectId', 'an item stays with its subject');
  const recorded = await s.recordedFor(c.id, subjectId);
  const want = {
    category: input.category,
    content: input.content,
    kind: input.kind ?? existing.kind,
    legalGround: input.legalGround === undefined || input.legalGround === null ? existing.legalGround : input.legalGround.trim() || null,
    // Left out: the recorded one stays, as long as the item stays police data (O10); a non-police item carries none.
    policeJustification:
      input.policeJustification === undefined || input.policeJustification === null
        ? (categoryByKey(input.category)?.police ? existing.policeJustification : null)
        : input.policeJustification.trim() || null,
    sharingRestriction: input.sharingRestriction ?? existing.sharingRestriction,
    viewableBeforeMeeting: input.viewableBeforeMeeting ?? existing.viewableBeforeMeeting,
    informedStatus: recorded.informedStatus ?? input.informedStatus ?? existing.informedStatus,
    consentStatus: recorded.consentStatus ?? input.consentStatus ?? existing.consentStatus,
  };
  const changes = Object.fromEntries(
    Object.entries(want).filter(([f, v]) => v !== (existing as unknown as Record<string, unknown>)[f]),
  ) as Partial<InformationItemEntity>;
  if (!Object.keys(changes).length) return { outcome: UpsertOutcome.UNCHANGED, id: existing.id, version: existing.version };
  checkVersion(input.expectedVersion, existing.version);
  checkWorkedOn(c);
  if (existing.restrictedAt) throw conflict('the item is restricted on the subject’s request (AVG 18)', { reason: 'RESTRICTED' });
  checkProvision(ctx, want.category, want);
  const r = await em
    .createQueryBuilder()
    .update(InformationItemEntity)
    .set(changes)
    .where('id = :id', { id: existing.id })
    .returning(['version'])
    .execute();
  return { outcome: UpsertOutcome.UPDATED, id: existing.id, version: (r.raw as { version: number }[])[0].version };
}

/** One upsert as a mutation: its own audited transaction. */
export function upsertOne<I>(ctx: Context, operation: string, input: I, work: (s: UpsertSession, input: I) => Promise<UpsertResult>): Promise<UpsertResult> {
  return auditedTransaction(ctx, operation, (em) => work(new UpsertSession(ctx, em), input)).catch((e: unknown) => {
    throw asAppError(e);
  });
}
