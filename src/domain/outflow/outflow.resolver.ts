import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { RecordOutflowInput } from './outflow.inputs.js';
import { outflowMonitor, recordOutflow } from './outflow.service.js';
import { OutflowDimension, OutflowMonitor, OutflowRecorded } from './outflow.type.js';

@Resolver(() => OutflowMonitor)
export class OutflowResolver {
  @Mutation(() => OutflowRecorded, { description: 'Record a client’s outflow for the monitor (O32).' })
  recordOutflow(@Arg('input') input: RecordOutflowInput, @Ctx() ctx: Context): Promise<{ recorded: boolean }> {
    return recordOutflow(ctx, input);
  }

  @Query(() => OutflowMonitor, { description: 'Anonymous outflow counts by one dimension; no count under 5 (O32).' })
  outflowMonitor(
    @Arg('collaborationId', () => ID) collaborationId: string,
    @Arg('dimension', () => OutflowDimension) dimension: OutflowDimension,
    @Ctx() ctx: Context,
  ): Promise<OutflowMonitor> {
    return outflowMonitor(ctx, collaborationId, dimension);
  }
}
