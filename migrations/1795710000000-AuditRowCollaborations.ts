import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The collaborations an audit record belongs to, read from the audited row itself (O12, O40): the audit trail shows a
 * privacy officer the changes in its own collaborations, not every change by an organisation it shares some
 * collaboration with (an organisation that is a party in two collaborations wrote in both, and the officers of one saw
 * the other's breaches, rights requests and items).
 *
 * schakel_audit_collaborations(table, row) answers, for the row's before- or after-image:
 * - its own `collaboration_id`; for a collaboration, the collaboration itself;
 * - the collaboration of its case (`case_id`) or agreement (`agreement_id`);
 * - for rows hanging on something else, the collaboration of that: an action item's meeting, an intervention's plan,
 *   an art. 20 decision's recipients and evaluations, a breach's, order's or rights request's parties, an accession's
 *   approvals;
 * - for a subject, the collaborations of its cases; for a member or organisation, those the organisation is a party in.
 * None when what the row hangs on is gone (e.g. a case removed by retention); the audit trail then falls back on
 * who wrote it.
 */
export class AuditRowCollaborations1795710000000 implements MigrationInterface {
  name = 'AuditRowCollaborations1795710000000';

  public async up(q: QueryRunner): Promise<void> {
    const id = (key: string) => `nullif(j->>'${key}', '')::uuid`;
    await q.query(`CREATE FUNCTION schakel_audit_collaborations(tbl text, j jsonb) RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
      SELECT ${id('collaboration_id')} WHERE j ? 'collaboration_id' AND ${id('collaboration_id')} IS NOT NULL
      UNION SELECT ${id('id')} WHERE tbl = 'collaboration'
      UNION SELECT k.collaboration_id FROM "case" k WHERE j ? 'case_id' AND k.id = ${id('case_id')}
      UNION SELECT a.collaboration_id FROM agreement a WHERE j ? 'agreement_id' AND a.id = ${id('agreement_id')}
      UNION SELECT k.collaboration_id FROM case_meeting m JOIN "case" k ON k.id = m.case_id
             WHERE tbl = 'action_item' AND m.id = ${id('meeting_id')}
      UNION SELECT k.collaboration_id FROM action_plan p JOIN "case" k ON k.id = p.case_id
             WHERE tbl = 'intervention' AND p.id = ${id('action_plan_id')}
      UNION SELECT a.collaboration_id FROM art20_decision d JOIN agreement a ON a.id = d.agreement_id
             WHERE tbl IN ('art20_decision_recipient', 'art20_evaluation') AND d.id = ${id('decision_id')}
      UNION SELECT b.collaboration_id FROM data_breach b WHERE tbl = 'breach_party' AND b.id = ${id('breach_id')}
      UNION SELECT o.collaboration_id FROM third_party_order o WHERE tbl = 'order_party' AND o.id = ${id('order_id')}
      UNION SELECT r.collaboration_id FROM rights_request r WHERE tbl = 'rights_request_party' AND r.id = ${id('request_id')}
      UNION SELECT a.collaboration_id FROM accession_request x JOIN agreement a ON a.id = x.agreement_id
             WHERE tbl = 'accession_approval' AND x.id = ${id('request_id')}
      UNION SELECT k.collaboration_id FROM case_subject cs JOIN "case" k ON k.id = cs.case_id
             WHERE tbl = 'subject' AND cs.subject_id = ${id('id')}
      UNION SELECT a.collaboration_id FROM party p JOIN agreement a ON a.id = p.agreement_id
             WHERE tbl IN ('member', 'organisation') AND p.organisation_id = CASE tbl WHEN 'member' THEN ${id('organisation_id')} ELSE ${id('id')} END
    $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION schakel_audit_collaborations(text, jsonb)`);
  }
}
