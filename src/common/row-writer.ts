import { randomUUID } from 'node:crypto';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { BaseEntity } from './base.entity.js';

/**
 * Where a new row goes. The mutations write each row at once (`writeNow`); a bulk import queues the rows of a
 * batch and writes them with one multi-row INSERT per table (`BatchedWriter`).
 */
export interface RowWriter {
  /** Rows are written later (checks the unique indexes make anyway may be left to them). */
  readonly deferred: boolean;
  /** A new entity, returned with its id (and, written at once, what the database filled in). */
  save<T extends BaseEntity>(em: EntityManager, row: T): Promise<T>;
  insert<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, row: Partial<T>): Promise<void>;
}

export const writeNow: RowWriter = {
  deferred: false,
  save: (em, row) => em.save(row),
  insert: async (em, target, row) => {
    await em.insert(target, row as never);
  },
};

/** Rows per INSERT statement: 500 rows of ~15 columns stay well under PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 500;

/**
 * Queues new rows (their ids made here) until `flush`, which writes them table by table in `order` (parents
 * before children, so foreign keys hold), one INSERT per table per ROWS_PER_INSERT rows. Triggers fire per row
 * as for single INSERTs (audit record, version) and per statement (outbox). A row the database refuses fails
 * the flush; the caller rolls the batch back and writes it again row by row to say which row and why.
 */
export class BatchedWriter implements RowWriter {
  readonly deferred = true;
  private readonly queued = new Map<EntityTarget<ObjectLiteral>, ObjectLiteral[]>();

  constructor(private readonly order: EntityTarget<ObjectLiteral>[]) {}

  async save<T extends BaseEntity>(_em: EntityManager, row: T): Promise<T> {
    row.id ??= randomUUID();
    this.queue(row.constructor as EntityTarget<ObjectLiteral>, row);
    return row;
  }

  async insert<T extends ObjectLiteral>(_em: EntityManager, target: EntityTarget<T>, row: Partial<T>): Promise<void> {
    this.queue(target as EntityTarget<ObjectLiteral>, row);
  }

  private queue(target: EntityTarget<ObjectLiteral>, row: ObjectLiteral): void {
    if (!this.order.includes(target)) throw new Error('BatchedWriter: a table outside its order');
    let rows = this.queued.get(target);
    if (!rows) this.queued.set(target, (rows = []));
    rows.push(row);
  }

  clear(): void {
    this.queued.clear();
  }

  async flush(em: EntityManager): Promise<void> {
    try {
      for (const target of this.order) {
        const rows = this.queued.get(target) ?? [];
        for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
          await em.createQueryBuilder().insert().into(target).values(rows.slice(at, at + ROWS_PER_INSERT)).updateEntity(false).execute();
        }
      }
    } finally {
      this.clear();
    }
  }
}
