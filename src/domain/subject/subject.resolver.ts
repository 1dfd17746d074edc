import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { informationOf } from '../information/information.service.js';
import { SubjectInformation } from '../information/information.type.js';
import { AddSubjectInput } from './subject.inputs.js';
import { addSubject } from './subject.service.js';
import { SubjectInCase } from './subject.type.js';

@Resolver(() => SubjectInCase)
export class SubjectResolver {
  @Mutation(() => SubjectInCase)
  addSubject(@Arg('input') input: AddSubjectInput, @Ctx() ctx: Context): Promise<SubjectInCase> {
    return addSubject(ctx, input);
  }

  @FieldResolver(() => SubjectInformation, { description: 'What the partners provided about this subject in this case.' })
  information(@Root() s: SubjectInCase, @Ctx() ctx: Context): Promise<SubjectInformation> {
    return informationOf(ctx, s.caseId, s.id);
  }
}
