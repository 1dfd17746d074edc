import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { FileComplaintInput, RecordComplaintOutcomeInput } from './complaint.inputs.js';
import { acknowledgeComplaintOutcome, fileComplaint, listComplaints, recordComplaintOutcome } from './complaint.service.js';
import { Complaint } from './complaint.type.js';

@Resolver()
export class ComplaintResolver {
  @Query(() => [Complaint], {
    description:
      'Complaints about treatment you may see (O33): those you registered; as privacy officer, coordinator or steering-group delegate, those your organisation received or handles; as coordinator, those of your collaborations. Never one about yourself.',
  })
  complaints(@Ctx() ctx: Context) {
    return listComplaints(ctx);
  }

  @Mutation(() => Complaint, { description: 'File a complaint your organisation received; one about another party’s member is forwarded to it (De Wolden 10.2–10.3).' })
  fileComplaint(@Ctx() ctx: Context, @Arg('input') input: FileComplaintInput) {
    return fileComplaint(ctx, input);
  }

  @Mutation(() => Complaint, { description: 'The responsible party’s privacy officer, coordinator or steering-group delegate records the outcome (De Wolden 10.4).' })
  recordComplaintOutcome(@Ctx() ctx: Context, @Arg('input') input: RecordComplaintOutcomeInput) {
    return recordComplaintOutcome(ctx, input);
  }

  @Mutation(() => Complaint, { description: 'A coordinator of the collaboration takes note of the outcome (De Wolden 10.5).' })
  acknowledgeComplaintOutcome(@Ctx() ctx: Context, @Arg('complaintId', () => ID) complaintId: string) {
    return acknowledgeComplaintOutcome(ctx, complaintId);
  }
}
