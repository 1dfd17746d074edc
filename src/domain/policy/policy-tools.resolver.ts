import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { accessMatrixOf, explainAccess, policyDiffOf, policyVersionsOf } from './policy-tools.service.js';
import { AccessExplanation, AccessMatrix, ExplainAccessInput, PolicyDiff, PolicyVersionInfo } from './policy-tools.type.js';

/** The privacy officer's tools (rule `privacyOfficer`: any other member gets FORBIDDEN). */
@Resolver()
export class PolicyToolsResolver {
  @Query(() => AccessExplanation, {
    description: 'Privacy officers: why a member would or would not get a field of a case, for a purpose, under a policy version or a draft (dry run).',
  })
  explainAccess(@Arg('input') input: ExplainAccessInput, @Ctx() ctx: Context): Promise<AccessExplanation> {
    return explainAccess(ctx, input);
  }

  @Query(() => AccessMatrix, { description: 'Privacy officers: categories × (sector, participation) of a policy version (default: active) or a draft.' })
  accessMatrix(
    @Arg('collaboration', { description: 'slug, e.g. zeist' }) collaboration: string,
    @Arg('version', () => String, { nullable: true }) version: string | null,
    @Arg('draftPolicy', () => String, { nullable: true, description: 'Dry run: YAML text of a draft policy (never stored).' }) draftPolicy: string | null,
    @Ctx() ctx: Context,
  ): Promise<AccessMatrix> {
    return accessMatrixOf(ctx, collaboration, version, draftPolicy);
  }

  @Query(() => PolicyDiff, { description: 'Privacy officers: every decision that changes from one stored policy version to another (or to a draft).' })
  policyDiff(
    @Arg('collaboration') collaboration: string,
    @Arg('from') from: string,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Arg('draftPolicy', () => String, { nullable: true, description: 'Compare with this draft instead of a stored version (never stored).' }) draftPolicy: string | null,
    @Ctx() ctx: Context,
  ): Promise<PolicyDiff> {
    return policyDiffOf(ctx, collaboration, from, to, draftPolicy);
  }

  @Query(() => [PolicyVersionInfo], { description: 'Privacy officers: the policy versions recorded for a collaboration.' })
  policyVersions(@Arg('collaboration') collaboration: string, @Ctx() ctx: Context): Promise<PolicyVersionInfo[]> {
    return policyVersionsOf(ctx, collaboration);
  }
}
