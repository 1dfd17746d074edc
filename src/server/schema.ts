import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { DisclosureResolver } from '../audit/disclosure.resolver.js';
import {
  AccessionApprovalResolver,
  AccessionRequestResolver,
  AgreementResolver,
  Art20DecisionResolver,
  PartyResolver,
} from '../domain/agreement/agreement.resolver.js';
import { CaseParticipantResolver, CasePhaseTransitionResolver, CaseResolver } from '../domain/case/case.resolver.js';
import { CollaborationResolver } from '../domain/collaboration/collaboration.resolver.js';
import { InformationItemResolver } from '../domain/information/information.resolver.js';
import { ActionItemResolver, ActionPlanResolver, CaseMeetingResolver, InterventionResolver } from '../domain/meeting/meeting.resolver.js';
import { MemberResolver } from '../domain/member/member.resolver.js';
import { OrganisationResolver } from '../domain/organisation/organisation.resolver.js';
import { PolicyToolsResolver } from '../domain/policy/policy-tools.resolver.js';
import { RightsResolver } from '../domain/rights/rights.resolver.js';
import { SubjectResolver } from '../domain/subject/subject.resolver.js';
import { ConsentRecordResolver, InformingRecordResolver, SubjectConsentResolver } from '../domain/consent/consent.resolver.js';
import { KnownToTeamResolver } from '../domain/known/known-to-team.resolver.js';
import { WelcomeAgreementResolver } from '../domain/welcome/welcome.resolver.js';
import { OutflowResolver } from '../domain/outflow/outflow.resolver.js';
import { WebhookResolver } from '../domain/webhook/webhook.resolver.js';
import { IntegrationResolver } from '../domain/integration/integration.resolver.js';
import { ComplaintResolver } from '../domain/complaint/complaint.resolver.js';
import { applyDisclosureNotesOnly, applyFieldRules } from '../policy/shield-adapter.js';

let built: Promise<GraphQLSchema> | undefined;

/** The schema as the code defines it (no rules applied): the source of schema/schema.graphql. */
export function buildBareSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      CollaborationResolver,
      OrganisationResolver,
      AgreementResolver,
      PartyResolver,
      Art20DecisionResolver,
      AccessionRequestResolver,
      AccessionApprovalResolver,
      MemberResolver,
      CaseResolver,
      CaseParticipantResolver,
      CasePhaseTransitionResolver,
      SubjectResolver,
      SubjectConsentResolver,
      InformingRecordResolver,
      ConsentRecordResolver,
      KnownToTeamResolver,
      WelcomeAgreementResolver,
      OutflowResolver,
      InformationItemResolver,
      CaseMeetingResolver,
      ActionItemResolver,
      ActionPlanResolver,
      InterventionResolver,
      DisclosureResolver,
      PolicyToolsResolver,
      RightsResolver,
      WebhookResolver,
      IntegrationResolver,
      ComplaintResolver,
    ],
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
    emitSchemaFile: false,
  });
  return built;
}

/**
 * The served schema: every field guarded by the rule map, deny by default. `fieldPolicy: false` (only the
 * benchmark, to measure what the field rules cost) serves the schema without rules: row scope and RLS stay on,
 * and the category fields still note what they disclose, so the disclosure log is written as with the policy.
 */
export async function buildGuardedSchema(opts: { fieldPolicy?: boolean } = {}): Promise<GraphQLSchema> {
  if (opts.fieldPolicy === false) return applyDisclosureNotesOnly(await buildBareSchema());
  return applyFieldRules(await buildBareSchema());
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs are stable). */
export async function printSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildBareSchema()))}\n`;
}
