import { randomBytes } from 'node:crypto';
import { conflict } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { requirePartnerIn } from '../case/case.service.js';
import { CaseSubjectEntity, SubjectEntity } from './subject.entity.js';
import type { AddSubjectInput } from './subject.inputs.js';
import type { SubjectInCase } from './subject.type.js';
import { auditedTransaction } from '../../audit/audited-transaction.js';

export async function addSubject(ctx: Context, input: AddSubjectInput): Promise<SubjectInCase> {
  const c = await requirePartnerIn(ctx, input.caseId);
  return auditedTransaction(ctx, 'addSubject', async (em) => {
    const pseudonym = input.pseudonym ?? `P-${randomBytes(6).toString('hex').toUpperCase()}`;
    if (await em.existsBy(SubjectEntity, { pseudonym })) throw conflict('pseudonym already in use', { field: 'pseudonym' });
    const s = await em.save(em.create(SubjectEntity, { pseudonym }));
    await em.insert(CaseSubjectEntity, { caseId: c.id, subjectId: s.id, roleInCase: input.roleInCase ?? null });
    return { id: s.id, pseudonym: s.pseudonym, roleInCase: input.roleInCase ?? null, caseId: c.id };
  });
}

/** The subjects of a case (the case is already row-scoped by its caller). */
export async function subjectsOfCase(ctx: Context, caseId: string): Promise<SubjectInCase[]> {
  const links = await ctx.loaders.subjectsByCase.load(caseId);
  return links.map((l) => ({ id: l.subjectId, pseudonym: l.pseudonym, roleInCase: l.roleInCase, caseId }));
}
