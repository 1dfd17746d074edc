import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
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
    const s = await createSubjectIn(em, c.id, input.pseudonym ?? null, input.roleInCase ?? null);
    return { id: s.id, pseudonym: s.pseudonym, roleInCase: input.roleInCase ?? null, caseId: c.id, version: s.version };
  });
}

/** A new subject (pseudonym of the caller's, or generated) in a case the caller is a partner of, in its transaction. */
export async function createSubjectIn(
  em: EntityManager,
  caseId: string,
  pseudonymIn: string | null,
  roleInCase: string | null,
  key: { sourceSystem: string; externalId: string } | null = null,
): Promise<SubjectEntity> {
  const pseudonym = pseudonymIn ?? `P-${randomBytes(6).toString('hex').toUpperCase()}`;
  if (await em.existsBy(SubjectEntity, { pseudonym })) throw conflict('pseudonym already in use', { field: 'pseudonym' });
  const s = await em.save(
    em.create(SubjectEntity, { pseudonym, sourceSystem: key?.sourceSystem ?? null, externalId: key?.externalId ?? null }),
  );
  await em.insert(CaseSubjectEntity, { caseId, subjectId: s.id, roleInCase });
  return s;
}

/** The subjects of a case (the case is already row-scoped by its caller). */
export async function subjectsOfCase(ctx: Context, caseId: string): Promise<SubjectInCase[]> {
  const links = await ctx.loaders.subjectsByCase.load(caseId);
  const subjects = await ctx.loaders.subject.loadMany(links.map((l) => l.subjectId));
  return links.map((l, i) => {
    const s = subjects[i] as SubjectEntity;
    return { id: l.subjectId, pseudonym: s.pseudonym, roleInCase: l.roleInCase, caseId, version: s.version };
  });
}
