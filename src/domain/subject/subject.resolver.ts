import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { informationOf } from '../information/information.service.js';
import { SubjectInformation } from '../information/information.type.js';
import { AddSubjectInput, SubjectsArgs } from './subject.inputs.js';
import { addSubject, listSubjects } from './subject.service.js';
import { SubjectConnection, SubjectInCase } from './subject.type.js';

@Resolver(() => SubjectInCase)
export class SubjectResolver {
  @Query(() => SubjectConnection, {
    description: 'The subjects of the cases you take part in, newest first; poll with updatedSince. Their information through `information` (category policy).',
  })
  subjects(@Args() args: SubjectsArgs, @Ctx() ctx: Context) {
    return listSubjects(ctx, args);
  }

  @Mutation(() => SubjectInCase)
  addSubject(@Arg('input') input: AddSubjectInput, @Ctx() ctx: Context): Promise<SubjectInCase> {
    return addSubject(ctx, input);
  }

  @FieldResolver(() => SubjectInformation, { description: 'What the partners provided about this subject in this case.' })
  information(@Root() s: SubjectInCase, @Ctx() ctx: Context): Promise<SubjectInformation> {
    return informationOf(ctx, s.caseId, s.id);
  }
}
