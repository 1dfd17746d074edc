import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { JSONObjectResolver } from 'graphql-scalars';
import { PageInfo } from '../common/pagination.js';
import { DateTime } from '../common/scalars.js';

@ObjectType({ description: 'One disclosure of personal data about one data subject (Logboek Dataverwerkingen; O12, O34).' })
export class DisclosureRecord {
  @Field(() => ID) id: string;
  @Field({ description: 'Position in the hash chain.' }) seq: string;
  @Field() traceId: string;
  @Field() spanId: string;
  @Field(() => String, { nullable: true }) parentSpanId: string | null;
  @Field() name: string;
  @Field() status: string;
  @Field(() => DateTime) startTime: Date;
  @Field(() => DateTime) endTime: Date;
  @Field({ description: 'dpl.core.processing_activity_id: collaboration and purpose.' }) processingActivityId: string;
  @Field({ description: 'dpl.core.data_subject_id: the subject’s pseudonym.' }) dataSubjectId: string;
  @Field() dataSubjectIdType: string;
  @Field(() => ID) subjectId: string;
  @Field(() => ID) caseId: string;
  @Field(() => String, { nullable: true }) caseReference: string | null;
  @Field() recipientOrganisationName: string;
  @Field() recipientMemberLogin: string;
  @Field(() => String, { nullable: true }) purpose: string | null;
  @Field(() => [String]) categoriesDisclosed: string[];
  @Field(() => [String]) fieldsDisclosed: string[];
  @Field(() => [ID]) itemIds: string[];
  @Field(() => [String]) categoriesDenied: string[];
  @Field(() => [String]) fieldsDenied: string[];
  @Field(() => [String], { description: 'category:REASON for each denied category.' }) denialReasons: string[];
  @Field(() => String, { nullable: true, description: 'The grants’ articles; for police data the art. 20 decision.' }) legalGround: string | null;
  @Field(() => [ID]) art20DecisionIds: string[];
  @Field(() => String, { nullable: true }) policyVersion: string | null;
  @Field() hash: string;
}

@ObjectType({ description: 'One row change by a mutation: who, when, what, before and after.' })
export class AuditRecord {
  @Field(() => ID) id: string;
  @Field() seq: string;
  @Field(() => DateTime) at: Date;
  @Field(() => String, { nullable: true }) traceId: string | null;
  @Field(() => String, { nullable: true }) actorMemberLogin: string | null;
  @Field(() => String, { nullable: true }) actorOrganisationName: string | null;
  @Field() operation: string;
  @Field() tableName: string;
  @Field() action: string;
  @Field(() => String, { nullable: true }) rowId: string | null;
  @Field(() => JSONObjectResolver, { nullable: true }) before: Record<string, unknown> | null;
  @Field(() => JSONObjectResolver, { nullable: true }) after: Record<string, unknown> | null;
  @Field() hash: string;
}

@InputType({ description: 'Which disclosures: any combination; records of your collaborations only.' })
export class DisclosureFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() subjectId?: string | null;
  @Field(() => String, { nullable: true, description: 'The subject’s pseudonym.' }) @IsOptional() dataSubjectId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() caseId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() recipientOrganisationId?: string | null;
  @Field(() => DateTime, { nullable: true }) @IsOptional() from?: Date | null;
  @Field(() => DateTime, { nullable: true }) @IsOptional() to?: Date | null;
}

@InputType()
export class AuditFilter {
  @Field(() => String, { nullable: true }) @IsOptional() tableName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() rowId?: string | null;
  @Field(() => DateTime, { nullable: true }) @IsOptional() from?: Date | null;
  @Field(() => DateTime, { nullable: true }) @IsOptional() to?: Date | null;
}

@ObjectType()
export class DisclosureConnection {
  @Field(() => [DisclosureRecord]) nodes: DisclosureRecord[];
  @Field(() => Int) totalCount: number;
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@ObjectType()
export class AuditConnection {
  @Field(() => [AuditRecord]) nodes: AuditRecord[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
