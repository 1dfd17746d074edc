import type { Scope } from '../auth/scopes.js';
import { CATEGORIES } from '../domain/information/categories.js';

/**
 * Every field of the API and the rule that guards it, shaped like the schema. A field that is not
 * listed here is denied (graphql-shield `fallbackRule: deny`), and a test fails on any field of
 * `schema/schema.graphql` that has no entry — deny by default, proven.
 *
 * Rules, each explicable in one sentence:
 * - `authenticated`      the caller presented a valid token of a known member.
 * - `caseParticipant`    the caller's organisation (or, ad hoc, the caller) takes part in the case the
 *                        object belongs to (O6).
 * - `withinVisibleCase`  the object is reachable only through a case field that passed `caseParticipant`.
 * - `privacyOfficer`     the caller has the PRIVACY_OFFICER role (records are then limited to the
 *                        collaborations of its own organisation).
 * - `governanceRole`     the caller has a role the covenants let see signatures, internal notes and
 *                        decisions (STEERING_GROUP, POLICE_CHIEF, COORDINATOR, PRIVACY_OFFICER); the rows
 *                        are those of its own collaborations already.
 * - `categoryPolicy`     the collaboration's policy file (policies/<collaboration>.policy.yaml) gives
 *                        the field's data category to this member, for this purpose, in this case.
 * - `privacyOfficer`     the caller has role PRIVACY_OFFICER (any other member: FORBIDDEN).
 * - `withinOfficerTool`  the object is reachable only through a query that passed `privacyOfficer`.
 */
export type RuleName =
  | 'authenticated'
  | 'caseParticipant'
  | 'withinVisibleCase'
  | 'categoryPolicy'
  | 'privacyOfficer'
  | 'withinOfficerTool'
  | 'governanceRole';

const all = (rule: RuleName, ...fields: string[]) => Object.fromEntries(fields.map((f) => [f, rule])) as Record<string, RuleName>;

export const RULE_MAP: Record<string, Record<string, RuleName>> = {
  Query: {
    ...all('authenticated', 'me', 'collaborations', 'collaboration', 'organisations', 'cases', 'case', 'agreementDeadlines'),
    // Issue 10: row scope in the services (cases taken part in; items: own organisation's only), then per-field rules.
    ...all('authenticated', 'subjects', 'informationItems'),
    // O32: the service checks the role and party; only suppressed counts are returned.
    ...all('authenticated', 'outflowMonitor'),
    ...all('privacyOfficer', 'disclosures', 'disclosuresCsv', 'auditTrail'),
    ...all('privacyOfficer', 'explainAccess', 'accessMatrix', 'policyDiff', 'policyVersions'),
    // Issue 8: the officers' tools for rights, breaches, orders and the register; rows of their own organisation.
    ...all('privacyOfficer', 'rightsRequests', 'accessReport', 'breaches', 'thirdPartyOrders', 'processingRegister'),
    // Notices and third-party disclosures: rows of the caller's own organisation / cases (service and RLS).
    ...all('authenticated', 'correctionNotices', 'thirdPartyDisclosures'),
    // Issue 10: the organisation's own webhooks (row-level security); the service checks the role.
    ...all('authenticated', 'webhooks'),
    // O33: complaints the caller may see (the service decides: registrant, handlers, coordinators; never the member concerned).
    ...all('authenticated', 'complaints'),
  },
  Mutation: {
    ...all('authenticated', 'registerCase', 'addSubject', 'addInformationItem', 'inviteParticipant'),
    // Case process (issue 6): each service checks participation as PARTNER and the directing role.
    ...all('authenticated', 'changeCasePhase', 'recordConfidentialityStatement', 'removeParticipant', 'recordInforming', 'recordConsent',
      'askKnownToTeam', 'scheduleCaseMeeting', 'recordMeetingDecisions', 'addActionItem', 'setActionPlan',
      'recordWelcomeAgreement', 'recordWelcomeEvaluation', 'makeLeasePermanent', 'reportRentArrears',
      'recordOutflow'),
    // Agreements (issue 7): each service checks the role the covenant names (STEERING_GROUP, POLICE_CHIEF).
    ...all(
      'authenticated',
      'proposeAmendment', 'signAgreement', 'rejectAmendment', 'signAddendum', 'giveNotice', 'excludeParty', 'terminateAgreement',
      'recordAgreementEvaluation', 'registerAccessionRequest', 'answerAccession', 'decideAccession', 'signAccessionForm',
      'revokeArt20Decision', 'extendArt20Decision', 'issueArt20Decision',
    ),
    // Issue 8: rights requests, breaches and orders are handled by each party's privacy officer (O34–O36) …
    ...all(
      'privacyOfficer',
      'registerRightsRequest', 'answerRightsRequest', 'extendRightsRequest', 'reportBreach', 'acknowledgeBreach',
      'recordAuthorityNotification', 'registerThirdPartyOrder', 'acknowledgeThirdPartyOrder',
    ),
    // … corrections by the providing organisation, acknowledgements by the recipient, third-party disclosures by a partner (O13, O37).
    // Issue 10: upserts and imports of registration systems; the services apply the checks of registerCase,
    // addSubject and addInformationItem per record (party, PARTNER in the case, provider, O9, O17), and RLS.
    ...all('authenticated', 'upsertCase', 'upsertSubject', 'upsertInformationItem', 'importRecords'),
    ...all('authenticated', 'rectifyInformation', 'eraseInformation', 'restrictInformation', 'acknowledgeCorrection', 'recordThirdPartyDisclosure'),
    // Issue 10: webhooks of the caller's own organisation; the service checks the role (privacy officer, coordinator).
    ...all('authenticated', 'registerWebhook', 'removeWebhook'),
    // O33: any member of a party files; the service checks who records the outcome and who takes note of it.
    ...all('authenticated', 'fileComplaint', 'recordComplaintOutcome', 'acknowledgeComplaintOutcome'),
  },
  // Rows of the caller's own organisation only (service and row-level security); the secret only in registerWebhook's answer.
  Webhook: all(
    'authenticated',
    'id', 'collaboration', 'url', 'description', 'purpose', 'createdAt', 'secret', 'pendingDeliveries', 'failedDeliveries',
    'deliveredDeliveries', 'lastDeliveredAt', 'lastError',
  ),
  Member: all('authenticated', 'id', 'login', 'name', 'function', 'roles', 'organisation'),
  Organisation: all('authenticated', 'id', 'name', 'sector', 'address'),
  Collaboration: all('authenticated', 'id', 'slug', 'name', 'region', 'purpose', 'agreements'),
  Agreement: {
    ...all(
      'authenticated',
      'id', 'title', 'version', 'status', 'effectiveDate', 'minimumTermMonths', 'renewalRule', 'renewalPeriodMonths',
      'maxRenewals', 'noticePeriodMonths', 'evaluationDates', 'collaboration', 'parties', 'art20Decisions',
      'policyVersion', 'amendmentProcedure', 'amendmentSummary', 'addendumSignedBy', 'activatedAt', 'terminatedAt', 'supersedes',
      'currentTermEndsOn', 'renewalsUsed', 'nextRenewalOn', 'noticeDeadline', 'finalEndDate',
    ),
    ...all('governanceRole', 'internalNotes', 'evaluations', 'accessionRequests'),
  },
  // Item 7 of issue 7: parties and organisations for every member; signatures, notes and decisions for governance roles.
  Party: {
    ...all('authenticated', 'id', 'organisation', 'representative', 'active', 'leftAt', 'exitReason'),
    ...all('governanceRole', 'signedAt', 'rejectedAt', 'noticeGivenAt', 'exitNote'),
  },
  Art20Decision: {
    ...all(
      'authenticated',
      'id', 'issuingUnit', 'compellingPublicInterest', 'purpose', 'categoriesGranted', 'conditions', 'recipients',
      'validFrom', 'validUntil', 'revokedAt', 'inForce', 'revocationReason',
    ),
    ...all('governanceRole', 'evaluations'),
  },
  Art20Evaluation: all('governanceRole', 'id', 'evaluatedOn', 'report', 'previousValidUntil', 'extendedUntil'),
  AgreementEvaluation: all('governanceRole', 'id', 'dueDate', 'heldOn', 'report'),
  AccessionRequest: all(
    'governanceRole',
    'id', 'organisation', 'representative', 'requestText', 'receivedOn', 'status', 'decidedAt', 'decisionNote', 'formSignedAt',
    'formSignedBy', 'approvals',
  ),
  AccessionApproval: all('governanceRole', 'id', 'organisation', 'notifiedAt', 'approved', 'answeredAt', 'note'),
  AgreementDeadline: all('authenticated', 'kind', 'dueOn', 'overdue', 'description', 'agreement', 'party', 'art20Decision'),
  CaseConnection: all('authenticated', 'edges', 'pageInfo', 'totalCount'),
  CaseEdge: all('authenticated', 'cursor', 'node'),
  SubjectConnection: all('authenticated', 'edges', 'pageInfo', 'totalCount'),
  SubjectEdge: all('authenticated', 'cursor', 'node'),
  InformationItemConnection: all('authenticated', 'edges', 'pageInfo', 'totalCount'),
  InformationItemEdge: all('authenticated', 'cursor', 'node'),
  PageInfo: all('authenticated', 'hasNextPage', 'endCursor'),
  Case: all(
    'caseParticipant',
    'id', 'reference', 'title', 'kind', 'phase', 'lifeDomains', 'createdAt', 'updatedAt', 'collaboration',
    'reportingOrganisation', 'processDirector', 'caseDirector', 'participants', 'subjects', 'meetings', 'actionPlan',
    'phaseHistory', 'nextPhases', 'welcomeAgreement', 'rentArrearsSignals', 'version', 'sourceSystem', 'externalId',
  ),
  // Procedural facts of the Walcheren agreement; its SMART results are information items under the policy.
  OutflowMonitor: all('authenticated', 'dimension', 'cells', 'total', 'minimumCell'),
  OutflowCell: all('authenticated', 'value', 'count', 'suppressed'),
  OutflowRecorded: all('authenticated', 'recorded'),
  // Filtered in the service by the policy's finance decision for the case (rentArrearsOfCase).
  RentArrearsSignal: all('caseParticipant', 'id', 'aroseOn', 'reportedAt', 'deadline', 'late'),
  WelcomeAgreement: all(
    'caseParticipant',
    'id', 'startDate', 'consentClauseSignedOn', 'leaseType', 'permanentSince', 'goalAreas', 'evaluationHeldOn', 'evaluationDueFrom',
    'evaluationDueBy', 'evaluationStatus',
  ),
  CaseParticipant: all('caseParticipant', 'id', 'role', 'organisation', 'member', 'confidentialitySignedAt', 'confidentialityLegalGround'),
  CasePhaseTransition: all('caseParticipant', 'id', 'fromPhase', 'toPhase', 'outcome', 'reason', 'advice', 'at', 'by', 'complexCaseCriteria'),
  SubjectInCase: all('caseParticipant', 'id', 'pseudonym', 'roleInCase', 'information', 'informing', 'consents', 'version'),
  // O22/O23 records: procedural facts every participant needs (8.3: recipients are told why and who informs
  // afterwards); a consent weighing is returned to its own provider only (ConsentRecordResolver.explanation).
  InformingRecord: all(
    'caseParticipant',
    'id', 'status', 'ageBand', 'representation', 'informedAt', 'method', 'exceptionGround', 'explanation', 'recordedAt', 'provider',
    'informsAfterwards',
  ),
  KnownToTeamAnswer: all('caseParticipant', 'id', 'known', 'askedAt', 'organisation'),
  ConsentRecord: all('caseParticipant', 'id', 'status', 'ageBand', 'representation', 'explanation', 'recordedAt', 'provider'),
  SubjectInformation: all('categoryPolicy', ...CATEGORIES.map((c) => c.field)),
  InformationItem: all(
    'caseParticipant',
    'id', 'category', 'content', 'kind', 'legalGround', 'policeJustification', 'sharingRestriction', 'viewableBeforeMeeting', 'informedStatus',
    'consentStatus', 'providedAt', 'provider', 'providedBy', 'updatedAt', 'version',
  ),
  CaseMeeting: all('caseParticipant', 'id', 'scheduledAt', 'agenda', 'decisions', 'actionItems', 'heldAt', 'attendees'),
  ActionPlan: all('caseParticipant', 'id', 'goals', 'interventions'),
  DisclosureConnection: all('withinVisibleCase', 'nodes', 'totalCount', 'pageInfo'),
  DisclosureRecord: all(
    'withinVisibleCase',
    'id', 'seq', 'traceId', 'spanId', 'parentSpanId', 'name', 'status', 'startTime', 'endTime', 'processingActivityId',
    'dataSubjectId', 'dataSubjectIdType', 'subjectId', 'caseId', 'caseReference', 'recipientOrganisationName',
    'recipientMemberLogin', 'purpose', 'categoriesDisclosed', 'fieldsDisclosed', 'itemIds', 'categoriesDenied', 'fieldsDenied',
    'denialReasons', 'legalGround', 'art20DecisionIds', 'policyVersion', 'hash',
  ),
  AuditConnection: all('withinVisibleCase', 'nodes', 'pageInfo'),
  AuditRecord: all(
    'withinVisibleCase',
    'id', 'seq', 'at', 'traceId', 'actorMemberLogin', 'actorOrganisationName', 'operation', 'tableName', 'action', 'rowId',
    'before', 'after', 'hash',
  ),
  ActionItem: all('withinVisibleCase', 'id', 'description', 'dueDate', 'assignee', 'subject'),
  // O19: an action list shows its subject by pseudonym and only name/address and contact details, each
  // through the category policy exactly as SubjectInformation.personIdentity / personContact.
  ActionItemSubject: { ...all('withinVisibleCase', 'pseudonym'), ...all('categoryPolicy', 'personIdentity', 'personContact') },
  Intervention: all('withinVisibleCase', 'id', 'description', 'informationNeed', 'organisation'),
  AccessExplanation: all(
    'withinOfficerTool',
    'decision', 'reason', 'category', 'field', 'policyVersion', 'policyHash', 'draft', 'member', 'organisation', 'sector',
    'participation', 'purpose', 'caseReference', 'subject', 'grant', 'article', 'art20DecisionId', 'checks', 'itemConditions', 'items',
  ),
  PolicyCheck: all('withinOfficerTool', 'check', 'passed', 'article', 'detail'),
  ExplainedItem: all('withinOfficerTool', 'id', 'provider', 'providedAt', 'visible', 'reason', 'policeJustified'),
  AccessMatrix: all('withinOfficerTool', 'collaboration', 'policyVersion', 'draft', 'sectors', 'purposes', 'cells', 'csv'),
  AccessMatrixCell: all('withinOfficerTool', 'category', 'field', 'sector', 'participation', 'status', 'purposes', 'conditions', 'grants'),
  MatrixGrant: all('withinOfficerTool', 'grant', 'article', 'conditions', 'purposes'),
  GrantPath: all('withinOfficerTool', 'grant', 'article', 'conditions'),
  PolicyPurpose: all('withinOfficerTool', 'key', 'label', 'article', 'police'),
  PolicyDiff: all('withinOfficerTool', 'collaboration', 'from', 'to', 'changes'),
  PolicyChange: all('withinOfficerTool', 'kind', 'category', 'field', 'sector', 'participation', 'purposes', 'before', 'after', 'sentence'),
  RightsRequest: all(
    'withinOfficerTool',
    'id', 'kind', 'subjectPseudonym', 'receivedAt', 'receivingOrganisationName', 'requestedBy', 'representativeName',
    'subjectAgeAtReceipt', 'description', 'parties',
  ),
  RightsRequestParty: all(
    'withinOfficerTool',
    'id', 'organisationName', 'status', 'dueAt', 'overdue', 'extendedAt', 'extensionReason', 'completedAt', 'outcome',
  ),
  AccessReport: all(
    'withinOfficerTool',
    'subjectPseudonym', 'collaborationName', 'generatedAt', 'requestedByOrganisationName', 'holdings', 'disclosures', 'thirdPartyDisclosures', 'text',
  ),
  AccessReportHolding: all(
    'withinOfficerTool',
    'category', 'providerOrganisationName', 'itemCount', 'restrictedCount', 'firstProvidedAt', 'lastProvidedAt', 'ownContents',
  ),
  AccessReportDisclosure: all('withinOfficerTool', 'at', 'recipientOrganisationName', 'caseReference', 'purpose', 'categories', 'legalGround'),
  AccessReportThirdParty: all('withinOfficerTool', 'at', 'organisationName', 'thirdParty', 'ground', 'categories'),
  CorrectionNotice: all(
    'authenticated',
    'id', 'kind', 'informationItemId', 'category', 'caseId', 'providerOrganisationId', 'recipientOrganisationId', 'rightsRequestId',
    'reason', 'notifiedAt', 'acknowledgedAt',
  ),
  CorrectionResult: all('authenticated', 'kind', 'itemId', 'notices'),
  DataBreach: all(
    'withinOfficerTool',
    'id', 'reportingOrganisationName', 'discoveredAt', 'reportedAt', 'reportedLate', 'description', 'dataTypes', 'affectedCount',
    'affectedPersons', 'measures', 'cause', 'startedAt', 'endedAt', 'parties',
  ),
  BreachParty: all(
    'withinOfficerTool',
    'organisationName', 'reporter', 'notifiedAt', 'dueAt', 'acknowledgedAt', 'overdue', 'authorityNotifiedAt', 'authorityReference', 'authorityNote',
  ),
  ThirdPartyOrder: all(
    'withinOfficerTool',
    'id', 'organisationName', 'kind', 'thirdParty', 'legalBasis', 'description', 'receivedAt', 'registeredAt', 'dueAt', 'reportedLate', 'parties',
  ),
  OrderParty: all('withinOfficerTool', 'organisationName', 'notifiedAt', 'acknowledgedAt', 'overdue'),
  ThirdPartyDisclosure: all(
    'withinVisibleCase',
    'id', 'caseId', 'thirdParty', 'ground', 'interventionId', 'orderId', 'categories', 'description', 'disclosedAt',
  ),
  ProcessingRegister: all('withinOfficerTool', 'organisationName', 'generatedAt', 'activities', 'csv'),
  ProcessingActivity: all(
    'withinOfficerTool',
    'collaborationName', 'role', 'processingActivityId', 'purpose', 'categories', 'counterpartOrganisations', 'subjectCount',
    'recordCount', 'legalGrounds', 'firstAt', 'lastAt',
  ),
  UpsertResult: all('authenticated', 'outcome', 'id', 'version'),
  // Reached only through complaints and the complaint mutations, which return only complaints the caller may see.
  Complaint: all(
    'authenticated',
    'id', 'collaborationName', 'caseReference', 'receivingOrganisationName', 'responsibleOrganisationName', 'concernsMemberName',
    'receivedAt', 'forwardedAt', 'summary', 'status', 'outcome', 'handledAt', 'coordinatorInformedAt',
  ),
  ImportReport: all('authenticated', 'mode', 'committed', 'created', 'updated', 'unchanged', 'rejected', 'rows'),
  ImportRowResult: all('authenticated', 'row', 'outcome', 'id', 'version', 'code', 'reason', 'field'),
  PolicyVersionInfo: all('withinOfficerTool', 'version', 'effectiveDate', 'contentHash', 'active', 'loadedAt'),
};

/**
 * The scope a service account (registration system) needs for each root field, checked before the
 * field's rule; `null`: any service account. A root field not listed here is closed to service
 * accounts (the privacy officers' tools and logs are for people). People are not scope-limited.
 */
export const SCOPE_OF: Record<'Query' | 'Mutation', Record<string, Scope | null>> = {
  Query: {
    me: null,
    webhooks: 'webhooks:manage',
    ...Object.fromEntries(
      ['collaborations', 'collaboration', 'organisations', 'cases', 'case', 'subjects', 'informationItems'].map((f) => [f, 'cases:read' as const]),
    ),
  },
  Mutation: {
    registerCase: 'cases:write',
    inviteParticipant: 'cases:write',
    addSubject: 'subjects:write',
    addInformationItem: 'information:write',
    registerWebhook: 'webhooks:manage',
    removeWebhook: 'webhooks:manage',
    // Issue 10: a registration system pushing records needs `import` (and its member's roles, e.g. POLICE_OFFICER).
    upsertCase: 'import',
    upsertSubject: 'import',
    upsertInformationItem: 'import',
    importRecords: 'import',
  },
};

/** Where a case-scoped object keeps the id of its case. */
export const CASE_ID_OF: Record<string, (parent: Record<string, unknown>) => unknown> = {
  Case: (p) => p.id,
  CaseParticipant: (p) => p.caseId,
  CasePhaseTransition: (p) => p.caseId,
  InformingRecord: (p) => p.caseId,
  ConsentRecord: (p) => p.caseId,
  KnownToTeamAnswer: (p) => p.caseId,
  WelcomeAgreement: (p) => p.caseId,
  RentArrearsSignal: (p) => p.caseId,
  SubjectInCase: (p) => p.caseId,
  SubjectInformation: (p) => p.caseId,
  InformationItem: (p) => p.caseId,
  CaseMeeting: (p) => p.caseId,
  ActionPlan: (p) => p.caseId,
};
