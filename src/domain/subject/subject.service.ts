import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { conflict } from '../../common/errors.js';
import type { Context } from '../../server/context.js';
import { requirePartnerIn } from '../case/case.service.js';
import { CaseSubjectEntity, SubjectEntity } from './subject.entity.js';
import type { AddSubjectInput, SubjectsArgs } from './subject.inputs.js';
import { keysetPage } from '../../common/pagination.js';
import { CaseEntity } from '../case/case.entity.js';
import { whereCaseVisible } from '../case/case-scope.js';
import type { SubjectInCase } from './subject.type.js';
import { auditedTransaction } from '../../audit/audited-transaction.js';
import { writeNow, type RowWriter } from '../../common/row-writer.js';

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
  key: { sourceSystem: string; externalId: string; organisationId: string } | null = null,
  writer: RowWriter = writeNow,
): Promise<SubjectEntity> {
  const pseudonym = pseudonymIn ?? `P-${randomBytes(6).toString('hex').toUpperCase()}`;
  // A generated pseudonym (48 random bits) is not looked up first: the unique index refuses the improbable clash.
  // Written later, a taken pseudonym meets the unique index, and the caller learns which row.
  if (pseudonymIn && !writer.deferred && (await em.existsBy(SubjectEntity, { pseudonym }))) throw conflict('pseudonym already in use', { field: 'pseudonym' });
  const s = await writer.save(
    em,
    em.create(SubjectEntity, {
      pseudonym,
      sourceSystem: key?.sourceSystem ?? null,
      externalId: key?.externalId ?? null,
      sourceOrganisationId: key?.organisationId ?? null,
    }),
  );
  await writer.insert(em, CaseSubjectEntity, { caseId, subjectId: s.id, roleInCase });
  return s;
}

/** The subjects of a case (the case is already row-scoped by its caller). */
export async function subjectsOfCase(ctx: Context, caseId: string): Promise<SubjectInCase[]> {
  const links = await ctx.loaders.subjectsByCase.load(caseId);
  return links.map((l) => ({ id: l.subjectId, pseudonym: l.pseudonym, roleInCase: l.roleInCase, caseId, version: l.version }));
}

/**
 * The subjects of the cases the caller takes part in (row scope first), one entry per subject per case,
 * newest first; `updatedSince`: the subject or its place in the case changed at or after that moment.
 */
export async function listSubjects(ctx: Context, args: SubjectsArgs) {
  const base = () => {
    const qb = ctx.db.getRepository(CaseSubjectEntity).createQueryBuilder('cs').innerJoin(CaseEntity, 'c', 'c.id = cs.case_id');
    whereCaseVisible(qb, 'c', ctx.principal, ctx.now);
    if (args.caseId) qb.andWhere('cs.case_id = :caseId', { caseId: args.caseId });
    if (args.updatedSince) {
      qb.andWhere('(cs.updated_at >= :since OR EXISTS (SELECT 1 FROM subject s WHERE s.id = cs.subject_id AND s.updated_at >= :since))', {
        since: args.updatedSince,
      });
    }
    return qb;
  };
  const page = await keysetPage(base, 'cs', args, (l) => l);
  const subjects = await ctx.loaders.subject.loadMany(page.edges.map((e) => e.node.subjectId));
  return {
    ...page,
    edges: page.edges.map((e, i) => {
      const s = subjects[i] as SubjectEntity;
      const node: SubjectInCase = { id: s.id, pseudonym: s.pseudonym, roleInCase: e.node.roleInCase, caseId: e.node.caseId, version: s.version };
      return { cursor: e.cursor, node };
    }),
  };
}
