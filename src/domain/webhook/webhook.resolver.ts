import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import type { CollaborationEntity } from '../collaboration/collaboration.entity.js';
import { Collaboration } from '../collaboration/collaboration.type.js';
import { RegisterWebhookInput } from './webhook.inputs.js';
import { listWebhooks, registerWebhook, removeWebhook } from './webhook.service.js';
import { Webhook } from './webhook.type.js';

@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => [Webhook], { description: "Your organisation's webhooks with their delivery status (privacy officer, coordinator, or scope webhooks:manage)." })
  webhooks(@Ctx() ctx: Context): Promise<Webhook[]> {
    return listWebhooks(ctx);
  }

  @Mutation(() => Webhook, {
    description:
      "Register a webhook for a collaboration's changes; the answer carries the signing secret, once. Each subscriber " +
      'receives only what its organisation may see under the policy, for the stated purpose, and every delivery with ' +
      'personal data is logged.',
  })
  registerWebhook(@Arg('input') input: RegisterWebhookInput, @Ctx() ctx: Context): Promise<Webhook> {
    return registerWebhook(ctx, input);
  }

  @Mutation(() => Boolean, { description: "Remove one of your organisation's webhooks (its pending deliveries are dropped)." })
  removeWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return removeWebhook(ctx, id);
  }

  @FieldResolver(() => Collaboration)
  async collaboration(@Root() w: Webhook, @Ctx() ctx: Context): Promise<CollaborationEntity> {
    return (await ctx.loaders.collaboration.load(w.collaborationId))!;
  }
}
