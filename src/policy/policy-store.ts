import type { DataSource } from 'typeorm';
import { CollaborationEntity } from '../domain/collaboration/collaboration.entity.js';
import { OrganisationEntity } from '../domain/organisation/organisation.entity.js';
import { PolicyError, POLICY_DIR, readPolicyFiles } from './policy-loader.js';
import { PolicyVersionEntity } from './policy-version.entity.js';
import type { LoadedPolicy } from './policy.types.js';

/** The policies in force, by collaboration id. Built once at start; never half-loaded. */
export class PolicyRegistry {
  private readonly byCollaboration = new Map<string, LoadedPolicy>();

  constructor(entries: [collaborationId: string, policy: LoadedPolicy][]) {
    for (const [id, p] of entries) this.byCollaboration.set(id, p);
  }

  forCollaboration(collaborationId: string): LoadedPolicy | undefined {
    return this.byCollaboration.get(collaborationId);
  }

  all(): LoadedPolicy[] {
    return [...this.byCollaboration.values()];
  }
}

export async function organisationNames(ds: DataSource): Promise<Set<string>> {
  return new Set((await ds.getRepository(OrganisationEntity).find({ select: { name: true } })).map((o) => o.name));
}

/** What a valid policy file still gets wrong about the database: its collaboration, the organisations it names. */
export function databaseProblems(p: LoadedPolicy, col: CollaborationEntity | undefined | null, orgNames: Set<string>): string[] {
  const problems: string[] = [];
  if (!col) problems.push(`collaboration: no collaboration "${p.doc.collaboration}" in the database`);
  for (const [key, cat] of Object.entries(p.doc.categories)) {
    cat.grants.forEach((g, i) =>
      (g.organisations ?? []).forEach((name, j) => {
        if (!orgNames.has(name)) problems.push(`categories."${key}".grants[${i}].organisations[${j}]: no organisation named "${name}"`);
      }),
    );
  }
  return problems;
}

/**
 * Read, validate and record every policy file (all or nothing). A file whose collaboration or named
 * organisations do not exist, or whose version was recorded before with other content, is refused:
 * a changed policy needs a new version, so that every decision's version names one text.
 */
export async function loadPolicies(ds: DataSource, dir: string = POLICY_DIR): Promise<PolicyRegistry> {
  const policies = readPolicyFiles(dir);
  const collaborations = await ds.getRepository(CollaborationEntity).find();
  const orgNames = await organisationNames(ds);
  const entries: [string, LoadedPolicy][] = [];
  for (const p of policies) {
    const col = collaborations.find((c) => c.slug === p.doc.collaboration);
    const problems = databaseProblems(p, col, orgNames);
    if (problems.length) throw new PolicyError(p.file, problems);
    entries.push([col!.id, p]);
  }
  await ds.transaction(async (em) => {
    for (const [collaborationId, p] of entries) {
      const existing = await em.findOneBy(PolicyVersionEntity, { collaborationId, version: p.doc.version });
      if (existing && existing.contentHash !== p.hash) {
        throw new PolicyError(p.file, [
          `version: ${p.label} was loaded before with other content (hash ${existing.contentHash.slice(0, 12)}); give the changed policy a new version`,
        ]);
      }
      if (!existing) {
        await em.insert(PolicyVersionEntity, {
          collaborationId,
          version: p.doc.version,
          effectiveDate: p.doc.effectiveDate,
          contentHash: p.hash,
          source: p.text,
          fileName: p.file,
        });
      }
    }
  });
  return new PolicyRegistry(entries);
}
