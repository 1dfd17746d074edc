import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ImportMode } from './integration.inputs.js';

export enum UpsertOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(UpsertOutcome, { name: 'UpsertOutcome', description: 'What an upsert did: UNCHANGED writes nothing (no audit record, same version).' });

export enum ImportRowOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  REJECTED = 'REJECTED',
}
registerEnumType(ImportRowOutcome, { name: 'ImportRowOutcome' });

@ObjectType({ description: 'The result of an upsert: what it did, the record’s id in Schakel and its version now.' })
export class UpsertResult {
  @Field(() => UpsertOutcome)
  outcome: UpsertOutcome;

  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;
}

@ObjectType({ description: 'The result of one import row (1-based, in the order sent).' })
export class ImportRowResult {
  @Field(() => Int)
  row: number;

  @Field(() => ImportRowOutcome)
  outcome: ImportRowOutcome;

  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => Int, { nullable: true })
  version?: number | null;

  @Field(() => String, { nullable: true, description: 'REJECTED: the error code (BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, CONFLICT, …).' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'REJECTED: why.' })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'REJECTED for bad input: the offending field.' })
  field?: string | null;
}

@ObjectType({ description: 'What a bulk import did, in total and per row.' })
export class ImportReport {
  @Field(() => ImportMode)
  mode: ImportMode;

  @Field({ description: 'false: nothing was written (ALL_OR_NOTHING with a rejected row); the row outcomes then say what would have happened.' })
  committed: boolean;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  rejected: number;

  @Field(() => [ImportRowResult])
  rows: ImportRowResult[];
}
