import {
  AccessionApprovalEntity,
  AccessionRequestEntity,
  AgreementEntity,
  AgreementEvaluationEntity,
  Art20DecisionEntity,
  Art20EvaluationEntity,
  PartyEntity,
} from '../domain/agreement/agreement.entity.js';
import { CaseEntity, CaseParticipantEntity, CasePhaseTransitionEntity } from '../domain/case/case.entity.js';
import { ConsentRecordEntity, InformingRecordEntity } from '../domain/consent/consent.entity.js';
import { KnownToTeamQueryEntity } from '../domain/known/known-to-team.entity.js';
import { RentArrearsSignalEntity, WelcomeAgreementEntity } from '../domain/welcome/welcome.entity.js';
import { OutflowRecordEntity } from '../domain/outflow/outflow.entity.js';
import { CollaborationEntity } from '../domain/collaboration/collaboration.entity.js';
import { InformationItemEntity } from '../domain/information/information.entity.js';
import { ActionItemEntity, ActionPlanEntity, CaseMeetingEntity, InterventionEntity } from '../domain/meeting/meeting.entity.js';
import { MemberEntity } from '../domain/member/member.entity.js';
import { OrganisationEntity } from '../domain/organisation/organisation.entity.js';
import { PolicyVersionEntity } from '../policy/policy-version.entity.js';
import { CaseSubjectEntity, SubjectEntity } from '../domain/subject/subject.entity.js';
import {
  BreachPartyEntity,
  CorrectionNoticeEntity,
  DataBreachEntity,
  OrderPartyEntity,
  RightsRequestEntity,
  RightsRequestPartyEntity,
  ThirdPartyDisclosureEntity,
  ThirdPartyOrderEntity,
} from '../domain/rights/rights.entity.js';
import { OutboxEventEntity, WebhookDeliveryEntity, WebhookSubscriptionEntity } from '../domain/webhook/webhook.entity.js';
import { ComplaintEntity } from '../domain/complaint/complaint.entity.js';

/** Every TypeORM entity, listed once. */
export const ENTITIES = [
  CollaborationEntity,
  OrganisationEntity,
  AgreementEntity,
  PartyEntity,
  Art20DecisionEntity,
  Art20EvaluationEntity,
  AgreementEvaluationEntity,
  AccessionRequestEntity,
  AccessionApprovalEntity,
  MemberEntity,
  CaseEntity,
  CaseParticipantEntity,
  CasePhaseTransitionEntity,
  SubjectEntity,
  CaseSubjectEntity,
  InformationItemEntity,
  CaseMeetingEntity,
  ActionItemEntity,
  ActionPlanEntity,
  InterventionEntity,
  InformingRecordEntity,
  ConsentRecordEntity,
  KnownToTeamQueryEntity,
  WelcomeAgreementEntity,
  RentArrearsSignalEntity,
  OutflowRecordEntity,
  PolicyVersionEntity,
  RightsRequestEntity,
  RightsRequestPartyEntity,
  CorrectionNoticeEntity,
  DataBreachEntity,
  BreachPartyEntity,
  ThirdPartyOrderEntity,
  OrderPartyEntity,
  ThirdPartyDisclosureEntity,
  OutboxEventEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  ComplaintEntity,
];
