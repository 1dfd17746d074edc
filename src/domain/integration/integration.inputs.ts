import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { CaseKind, LifeDomain } from '../case/case.entity.js';
import { CATEGORY_KEYS, POLICE_JUSTIFICATION_LENGTH, type CategoryKey } from '../information/categories.js';
import { ConsentStatus, InformationKind, InformedStatus, SharingRestriction } from '../information/information.entity.js';
import { InformationCategory } from '../information/information.type.js';

/** How a bulk import treats a rejected row. */
export enum ImportMode {
  /** Any rejected row rolls the whole import back: nothing is written. */
  ALL_OR_NOTHING = 'ALL_OR_NOTHING',
  /** Each row on its own (a savepoint per row): rejected rows are skipped, the others written. */
  PER_ROW = 'PER_ROW',
}
registerEnumType(ImportMode, { name: 'ImportMode', description: 'ALL_OR_NOTHING: any rejected row rolls everything back; PER_ROW: each row on its own.' });

export enum ImportRecordKind {
  CASE = 'CASE',
  SUBJECT = 'SUBJECT',
  INFORMATION_ITEM = 'INFORMATION_ITEM',
}
registerEnumType(ImportRecordKind, { name: 'ImportRecordKind', description: 'What an import row upserts.' });

const SOURCE_SYSTEM = /^[A-Za-z0-9][A-Za-z0-9._:\/-]*$/;

/** The key of a record in the partner's registration system, and the version the caller last saw. */
@InputType()
export abstract class ExternalKeyInput {
  @Field({ description: 'The registration system the record comes from, e.g. "woongoed-tenancy". With externalId the upsert key.' })
  @IsString()
  @Length(1, 100)
  @Matches(SOURCE_SYSTEM, { message: 'letters, digits and . _ : / - only' })
  sourceSystem: string;

  @Field({ description: 'The record’s id in that system.' })
  @IsString()
  @Length(1, 200)
  externalId: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you last saw (0: you expect no record yet). A change against any other current version is CONFLICT (extensions.currentVersion); a request that changes nothing is UNCHANGED whatever you give.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number | null;
}

/** Which case a subject or item belongs to: its id, or its key in a registration system. */
@InputType()
export abstract class CaseRefInput extends ExternalKeyInput {
  @Field(() => ID, { nullable: true, description: 'The case, by id; or give caseExternalId.' })
  @IsOptional()
  @IsUUID()
  caseId?: string | null;

  @Field(() => String, { nullable: true, description: 'The case, by its external id (as upserted with upsertCase).' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  caseExternalId?: string | null;

  @Field(() => String, { nullable: true, description: 'The source system of caseExternalId; default: this record’s sourceSystem.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseSourceSystem?: string | null;
}

@InputType({ description: 'Create or update a case by its key in your registration system (fields as registerCase; absent optional fields are kept).' })
export class UpsertCaseInput extends ExternalKeyInput {
  @Field(() => ID)
  @IsUUID()
  collaborationId: string;

  @Field({ description: 'Unique within the collaboration, e.g. ZST-2026-014.' })
  @IsString()
  @Length(3, 40)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._\/-]*$/, { message: 'letters, digits and . _ / - only' })
  reference: string;

  @Field(() => String, { nullable: true, description: 'Default on create: empty.' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  title?: string | null;

  @Field(() => CaseKind)
  @IsEnum(CaseKind)
  kind: CaseKind;

  @Field(() => [LifeDomain], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(6)
  @IsEnum(LifeDomain, { each: true })
  lifeDomains?: LifeDomain[] | null;
}

@InputType({ description: 'Create or update a subject by its key in your registration system, in a case (by id or by the case’s key).' })
export class UpsertSubjectInput extends CaseRefInput {
  @Field(() => String, { nullable: true, description: 'A pseudonym of your own; generated on create when absent.' })
  @IsOptional()
  @IsString()
  @Length(3, 40)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'letters, digits and . _ - only' })
  pseudonym?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  roleInCase?: string | null;
}

@InputType({ description: 'Create or update an information item you provide, by its key in your registration system (fields as addInformationItem).' })
export class UpsertInformationItemInput extends CaseRefInput {
  @Field(() => ID, { nullable: true, description: 'The subject, by id; or give subjectExternalId.' })
  @IsOptional()
  @IsUUID()
  subjectId?: string | null;

  @Field(() => String, { nullable: true, description: 'The subject, by its external id (as upserted with upsertSubject).' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subjectExternalId?: string | null;

  @Field(() => String, { nullable: true, description: 'The source system of subjectExternalId; default: this record’s sourceSystem.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  subjectSourceSystem?: string | null;

  @Field(() => InformationCategory)
  @IsIn(CATEGORY_KEYS as unknown as string[])
  category: CategoryKey;

  @Field()
  @IsString()
  @Length(1, 10000)
  content: string;

  @Field(() => InformationKind, { nullable: true, description: 'Default on create: FACT.' })
  @IsOptional()
  @IsEnum(InformationKind)
  kind?: InformationKind | null;

  @Field(() => String, { nullable: true, description: 'Required for special, criminal, care and police data (O17).' })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  legalGround?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Required for police data, and only for police data (O10): why no non-police source will do, and that the data is accurate, current, complete, relevant and not excessive. On an update, left out keeps the recorded one (dropped when the update makes the item non-police).',
  })
  @IsOptional()
  @IsString()
  @Length(POLICE_JUSTIFICATION_LENGTH.min, POLICE_JUSTIFICATION_LENGTH.max)
  policeJustification?: string | null;

  @Field(() => SharingRestriction, { nullable: true, description: 'Default on create: NONE.' })
  @IsOptional()
  @IsEnum(SharingRestriction)
  sharingRestriction?: SharingRestriction | null;

  @Field(() => Boolean, { nullable: true, description: 'Default on create: true (O18).' })
  @IsOptional()
  @IsBoolean()
  viewableBeforeMeeting?: boolean | null;

  @Field(() => InformedStatus, { nullable: true, description: 'Used only where you recorded no informing (O22). Default on create: UNKNOWN.' })
  @IsOptional()
  @IsEnum(InformedStatus)
  informedStatus?: InformedStatus | null;

  @Field(() => ConsentStatus, { nullable: true, description: 'Used only where you recorded no consent (O23). Default on create: UNKNOWN.' })
  @IsOptional()
  @IsEnum(ConsentStatus)
  consentStatus?: ConsentStatus | null;
}

/**
 * One row of a bulk import: `kind` says which upsert it is; the fields are those of that upsert, except the
 * case's kind (`caseKind`) and the item's kind (`informationKind`). Rows are validated one by one: a bad row
 * is REJECTED with its reason, not the request. An NDJSON line of POST /import has the same fields, with
 * enum values by name (category as in InformationCategory, e.g. FINANCE).
 */
@InputType({ description: 'One import row: kind + the fields of upsertCase / upsertSubject / upsertInformationItem (caseKind, informationKind for their `kind`).' })
export class ImportRecordInput {
  @Field(() => ImportRecordKind)
  kind: ImportRecordKind;

  @Field()
  sourceSystem: string;

  @Field()
  externalId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  // CASE
  @Field(() => ID, { nullable: true })
  collaborationId?: string | null;

  @Field(() => String, { nullable: true })
  reference?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => CaseKind, { nullable: true })
  caseKind?: CaseKind | null;

  @Field(() => [LifeDomain], { nullable: true })
  lifeDomains?: LifeDomain[] | null;

  // SUBJECT and INFORMATION_ITEM: the case
  @Field(() => ID, { nullable: true })
  caseId?: string | null;

  @Field(() => String, { nullable: true })
  caseExternalId?: string | null;

  @Field(() => String, { nullable: true })
  caseSourceSystem?: string | null;

  // SUBJECT
  @Field(() => String, { nullable: true })
  pseudonym?: string | null;

  @Field(() => String, { nullable: true })
  roleInCase?: string | null;

  // INFORMATION_ITEM
  @Field(() => ID, { nullable: true })
  subjectId?: string | null;

  @Field(() => String, { nullable: true })
  subjectExternalId?: string | null;

  @Field(() => String, { nullable: true })
  subjectSourceSystem?: string | null;

  @Field(() => InformationCategory, { nullable: true })
  category?: CategoryKey | null;

  @Field(() => String, { nullable: true })
  content?: string | null;

  @Field(() => InformationKind, { nullable: true })
  informationKind?: InformationKind | null;

  @Field(() => String, { nullable: true })
  legalGround?: string | null;

  @Field(() => String, { nullable: true })
  policeJustification?: string | null;

  @Field(() => SharingRestriction, { nullable: true })
  sharingRestriction?: SharingRestriction | null;

  @Field(() => Boolean, { nullable: true })
  viewableBeforeMeeting?: boolean | null;

  @Field(() => InformedStatus, { nullable: true })
  informedStatus?: InformedStatus | null;

  @Field(() => ConsentStatus, { nullable: true })
  consentStatus?: ConsentStatus | null;
}

/** The most rows one importRecords request takes; larger imports stream through POST /import. */
export const MAX_IMPORT_RECORDS = 1000;

@InputType({ description: `A bulk import of at most ${MAX_IMPORT_RECORDS} rows (more: POST /import with NDJSON).` })
export class ImportInput {
  @Field(() => ImportMode, { defaultValue: ImportMode.PER_ROW })
  mode: ImportMode;

  @Field(() => [ImportRecordInput])
  records: ImportRecordInput[];
}
