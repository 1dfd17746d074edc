import { auditedTransaction } from '../../audit/audited-transaction.js';
import { badInput, forbidden } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { directsCase, requirePartnerIn } from '../case/case.service.js';
import { isPartyOf } from '../collaboration/membership.js';
import { CaseSubjectEntity } from '../subject/subject.entity.js';
import { KnownToTeamQueryEntity } from './known-to-team.entity.js';

/**
 * "Is this resident known to your team?" (O21; handreiking 7). The one directing the case asks a party of
 * the same collaboration whether it knows a subject of the case: yes when that organisation provided
 * information about the subject, or takes part as a partner in another case of the collaboration with this
 * subject. Nothing but yes/no is returned — not which case, not what — and every question is logged
 * (`known_to_team_query`, append-only) in the same transaction, so no answer without its log line.
 *
 * Named privileged path: the answer looks at cases the asker may not see, so it is computed with
 * `ctx.system` (the owner, not subject to row-level security), and only the boolean leaves this function.
 */
export async function askKnownToTeam(ctx: Context, input: { caseId: string; subjectId: string; organisationId: string }): Promise<KnownToTeamQueryEntity> {
  const c = await requirePartnerIn(ctx, input.caseId);
  if (!directsCase(ctx, c)) throw forbidden('Only the process director or a coordinator asks partners', { reason: 'NOT_PROCESS_DIRECTOR' });
  return auditedTransaction(ctx, 'askKnownToTeam', async (em) => {
    if (!(await em.existsBy(CaseSubjectEntity, { caseId: c.id, subjectId: input.subjectId }))) throw badInput('subjectId', 'not a subject of this case');
    if (!(await isPartyOf(em, input.organisationId, c.collaborationId, ctx.now))) {
      throw badInput('organisationId', 'not a party to this collaboration');
    }
    const [{ known }]: { known: boolean }[] = await ctx.system.query(
      `SELECT EXISTS (SELECT 1 FROM information_item i JOIN "case" k ON k.id = i.case_id
                       WHERE i.subject_id = $1 AND i.provider_organisation_id = $2 AND k.collaboration_id = $3)
           OR EXISTS (SELECT 1 FROM case_subject cs JOIN "case" k ON k.id = cs.case_id
                        JOIN case_participant cp ON cp.case_id = cs.case_id AND cp.organisation_id = $2 AND cp.role = 'PARTNER'
                       WHERE cs.subject_id = $1 AND cs.case_id <> $4 AND k.collaboration_id = $3) AS known`,
      [input.subjectId, input.organisationId, c.collaborationId, c.id],
    );
    return em.save(
      em.create(KnownToTeamQueryEntity, {
        caseId: c.id, subjectId: input.subjectId, askedOrganisationId: input.organisationId, askedById: ctx.principal.memberId,
        askedAt: ctx.now, known,
      }),
    );
  });
}
