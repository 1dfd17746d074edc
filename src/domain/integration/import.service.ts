import { validate } from 'class-validator';
import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { auditedTransaction } from '../../audit/audited-transaction.js';
import { badInput, ErrorCode } from '../../common/errors.js';
import { BAD_STRING_MESSAGE, badString } from '../../common/strings.js';
import type { Context } from '../../server/context.js';
import { InformationCategory } from '../information/information.type.js';
import {
  ImportMode,
  ImportRecordKind,
  MAX_IMPORT_RECORDS,
  UpsertCaseInput,
  UpsertInformationItemInput,
  UpsertSubjectInput,
  type ImportInput,
  type ImportRecordInput,
} from './integration.inputs.js';
import { ImportRowOutcome, type ImportReport, type ImportRowResult, type UpsertResult } from './integration.type.js';
import { BatchedWriter, writeNow } from '../../common/row-writer.js';
import { CaseEntity, CaseParticipantEntity } from '../case/case.entity.js';
import { InformationItemEntity } from '../information/information.entity.js';
import { CaseSubjectEntity, SubjectEntity } from '../subject/subject.entity.js';
import { asAppError, upsertCaseIn, upsertInformationItemIn, upsertSubjectIn, UpsertSession } from './upsert.service.js';

/** Rows per batch: the lookup caches are cleared after each, so a long import's memory stays flat. */
export const IMPORT_BATCH = 500;

/** What a line of POST /import that is not JSON becomes: a row rejected as BAD_USER_INPUT. */
export const BAD_JSON = Symbol('bad JSON');

type Normalised =
  | { kind: ImportRecordKind.CASE; input: UpsertCaseInput }
  | { kind: ImportRecordKind.SUBJECT; input: UpsertSubjectInput }
  | { kind: ImportRecordKind.INFORMATION_ITEM; input: UpsertInformationItemInput };

const COMMON = ['kind', 'sourceSystem', 'externalId', 'expectedVersion'];
const CASE_REF = ['caseId', 'caseExternalId', 'caseSourceSystem'];
/** The fields of each kind of row, and where a row field goes in the upsert input. */
const FIELDS: Record<ImportRecordKind, Record<string, string>> = {
  CASE: { collaborationId: 'collaborationId', reference: 'reference', title: 'title', caseKind: 'kind', lifeDomains: 'lifeDomains' },
  SUBJECT: { ...Object.fromEntries(CASE_REF.map((f) => [f, f])), pseudonym: 'pseudonym', roleInCase: 'roleInCase' },
  INFORMATION_ITEM: {
    ...Object.fromEntries(CASE_REF.map((f) => [f, f])),
    ...Object.fromEntries(
      ['subjectId', 'subjectExternalId', 'subjectSourceSystem', 'category', 'content', 'legalGround', 'policeJustification', 'sharingRestriction',
        'viewableBeforeMeeting', 'informedStatus', 'consentStatus'].map((f) => [f, f]),
    ),
    informationKind: 'kind',
  },
};
const ALL_FIELDS = new Set([...COMMON, ...Object.values(FIELDS).flatMap((m) => Object.keys(m))]);

/**
 * One row as the upsert input of its kind, validated as the upsert mutations validate theirs. `json`: a
 * line of POST /import (enum values by name, a category by its GraphQL name, unknown fields refused); else
 * a GraphQL ImportRecordInput (already typed by GraphQL).
 */
export async function normaliseRecord(raw: unknown, json: boolean): Promise<Normalised> {
  if (raw === BAD_JSON) throw badInput('row', 'not a JSON object on one line');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badInput('row', 'a row is a JSON object');
  const r = raw as Record<string, unknown>;
  // As for GraphQL requests (wellFormedStrings): a NUL cannot be stored, an unpaired surrogate would be altered.
  const bad = badString(r, 'row');
  if (bad) throw badInput(bad, BAD_STRING_MESSAGE);
  const kind = r.kind as ImportRecordKind;
  if (!(kind in FIELDS)) throw badInput('kind', 'CASE, SUBJECT or INFORMATION_ITEM');
  if (json) {
    const unknown = Object.keys(r).find((f) => !ALL_FIELDS.has(f));
    if (unknown) throw badInput(unknown, 'no such field');
  }
  const map = FIELDS[kind];
  for (const f of Object.keys(r)) {
    if (!COMMON.includes(f) && !(f in map) && r[f] !== null && r[f] !== undefined) throw badInput(f, `not a field of a ${kind} row`);
  }
  const input = (
    kind === ImportRecordKind.CASE ? new UpsertCaseInput() : kind === ImportRecordKind.SUBJECT ? new UpsertSubjectInput() : new UpsertInformationItemInput()
  ) as unknown as Record<string, unknown>;
  for (const f of ['sourceSystem', 'externalId', 'expectedVersion']) if (r[f] !== null && r[f] !== undefined) input[f] = r[f];
  for (const [from, to] of Object.entries(map)) if (r[from] !== null && r[from] !== undefined) input[to] = r[from];
  if (json && kind === ImportRecordKind.INFORMATION_ITEM && typeof input.category === 'string') {
    input.category = InformationCategory[input.category] ?? input.category;
  }
  const errors = await validate(input, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  if (errors.length) {
    const e = errors[0];
    const back = Object.entries(map).find(([, to]) => to === e.property)?.[0] ?? e.property;
    throw badInput(back, Object.values(e.constraints ?? {})[0] ?? 'invalid');
  }
  return { kind, input } as unknown as Normalised;
}

function upsert(s: UpsertSession, n: Normalised): Promise<UpsertResult> {
  switch (n.kind) {
    case ImportRecordKind.CASE:
      return upsertCaseIn(s, n.input);
    case ImportRecordKind.SUBJECT:
      return upsertSubjectIn(s, n.input);
    default:
      return upsertInformationItemIn(s, n.input);
  }
}

function rejection(row: number, e: unknown): ImportRowResult {
  const err = asAppError(e);
  if (err instanceof GraphQLError && typeof err.extensions?.code === 'string' && err.extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const field = typeof err.extensions.field === 'string' ? err.extensions.field : null;
    return { row, outcome: ImportRowOutcome.REJECTED, code: err.extensions.code, reason: err.message, field };
  }
  // Not an expected refusal: logged without the row's data, reported without details.
  console.error(`import row ${row}: ${(err as Error)?.name ?? 'error'}: ${(err as Error)?.message ?? err}`);
  return { row, outcome: ImportRowOutcome.REJECTED, code: ErrorCode.INTERNAL_SERVER_ERROR, reason: 'internal error' };
}

/**
 * Runs import rows inside the caller's transaction (audited as `importRecords`), in batches of at most
 * IMPORT_BATCH rows. A batch first runs as a whole under one savepoint, with the existing records of its keys
 * fetched (and locked) in one statement per kind; every row is checked as the upsert mutations check it, its
 * changes to existing records are written at once, and its new records are queued and written at the batch's end
 * with one INSERT per table. If any row fails, or the database refuses a queued one (a reference or pseudonym
 * taken), the batch is rolled back to that savepoint and run again row by row, each row written at once under a
 * savepoint of its own, so a rejected row leaves no trace, the others go on, and each refusal names its row. The caller commits — or, in ALL_OR_NOTHING mode with a rejected row, rolls back.
 */
export class Importer {
  created = 0;
  updated = 0;
  unchanged = 0;
  rejected = 0;
  private rows = 0;
  private batchSavepoint = false;
  private rowSavepoint = false;
  private readonly session: UpsertSession;
  /** A batch's new rows, written per table at its end (one INSERT per table instead of one per row). */
  private readonly batched = new BatchedWriter([CaseEntity, CaseParticipantEntity, SubjectEntity, CaseSubjectEntity, InformationItemEntity]);

  constructor(
    ctx: Context,
    private readonly em: EntityManager,
    readonly mode: ImportMode,
  ) {
    this.session = new UpsertSession(ctx, em);
  }

  private count(outcome: string): void {
    if (outcome === 'CREATED') this.created++;
    else if (outcome === 'UPDATED') this.updated++;
    else this.unchanged++;
  }

  /** Rows (numbered on from the previous batch), as parsed JSON (`json`; BAD_JSON for a bad line) or GraphQL ImportRecordInputs. */
  async batch(raws: unknown[], json: boolean): Promise<ImportRowResult[]> {
    const first = this.rows + 1;
    this.rows += raws.length;
    const rows: ({ n: Normalised } | { e: unknown })[] = [];
    for (const raw of raws) rows.push(await normaliseRecord(raw, json).then((n) => ({ n }), (e: unknown) => ({ e })));
    const before = { created: this.created, updated: this.updated, unchanged: this.unchanged, rejected: this.rejected };
    this.session.clear();
    if (this.rowSavepoint) await this.em.query('RELEASE SAVEPOINT import_row');
    this.rowSavepoint = false;
    await this.em.query(this.batchSavepoint ? 'RELEASE SAVEPOINT import_batch; SAVEPOINT import_batch' : 'SAVEPOINT import_batch');
    this.batchSavepoint = true;
    try {
      await this.session.prefetch(rows.flatMap((r) => ('n' in r ? [{ kind: r.n.kind, key: r.n.input }] : [])));
      this.session.writer = this.batched;
      const out: ImportRowResult[] = [];
      for (const [i, r] of rows.entries()) {
        if ('e' in r) {
          this.rejected++;
          out.push(rejection(first + i, r.e));
          continue;
        }
        const u = await upsert(this.session, r.n);
        this.count(u.outcome);
        out.push({ row: first + i, outcome: u.outcome as unknown as ImportRowOutcome, id: u.id, version: u.version });
      }
      await this.batched.flush(this.em);
      return out;
    } catch {
      // A row failed, or the database refused a queued one: undo the batch and run it again row by row.
      this.batched.clear();
      this.session.writer = writeNow;
      await this.em.query('ROLLBACK TO SAVEPOINT import_batch');
      Object.assign(this, before);
      this.session.clear();
      const out: ImportRowResult[] = [];
      for (const [i, r] of rows.entries()) out.push(await this.oneRow(first + i, r));
      return out;
    }
  }

  private async oneRow(row: number, r: { n: Normalised } | { e: unknown }): Promise<ImportRowResult> {
    if ('e' in r) {
      this.rejected++;
      return rejection(row, r.e);
    }
    // Release the previous row's savepoint and set this row's in one round trip.
    await this.em.query(this.rowSavepoint ? 'RELEASE SAVEPOINT import_row; SAVEPOINT import_row' : 'SAVEPOINT import_row');
    this.rowSavepoint = true;
    try {
      const u = await upsert(this.session, r.n);
      this.count(u.outcome);
      return { row, outcome: u.outcome as unknown as ImportRowOutcome, id: u.id, version: u.version };
    } catch (e) {
      await this.em.query('ROLLBACK TO SAVEPOINT import_row');
      this.rejected++;
      return rejection(row, e);
    }
  }

/** Whether the work may be committed. */
  get commit(): boolean {
    return this.mode === ImportMode.PER_ROW || this.rejected === 0;
  }

  async finish(): Promise<void> {
    if (this.batchSavepoint) await this.em.query('RELEASE SAVEPOINT import_batch');
    this.batchSavepoint = false;
    this.rowSavepoint = false;
  }

  summary(): Omit<ImportReport, 'rows'> {
    return { mode: this.mode, committed: this.commit, created: this.created, updated: this.updated, unchanged: this.unchanged, rejected: this.rejected };
  }
}

/** Thrown to roll an ALL_OR_NOTHING import back after its report is made. */
class RollBack extends Error {}

/**
 * Run an import inside one audited transaction on the caller's session; roll back when ALL_OR_NOTHING meets a
 * rejected row. `feed` hands the rows to the importer (and may stream the results out as they come).
 */
export async function runImport(ctx: Context, mode: ImportMode, feed: (imp: Importer) => Promise<void>): Promise<Importer> {
  let imp!: Importer;
  try {
    await auditedTransaction(ctx, 'importRecords', async (em) => {
      imp = new Importer(ctx, em, mode);
      await feed(imp);
      await imp.finish();
      if (!imp.commit) throw new RollBack();
    });
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
  }
  return imp;
}

/** importRecords: at most MAX_IMPORT_RECORDS rows in one request, a result per row. */
export async function importRecords(ctx: Context, input: ImportInput): Promise<ImportReport> {
  if (input.records.length > MAX_IMPORT_RECORDS) {
    throw badInput('records', `at most ${MAX_IMPORT_RECORDS} records per request; stream larger imports to POST /import`);
  }
  const rows: ImportRowResult[] = [];
  const imp = await runImport(ctx, input.mode, async (i) => {
    for (let at = 0; at < input.records.length; at += IMPORT_BATCH) {
      rows.push(...(await i.batch(input.records.slice(at, at + IMPORT_BATCH).map((r) => ({ ...(r as ImportRecordInput) })), false)));
    }
  });
  return { ...imp.summary(), rows };
}
