import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../../common/scalars.js';

@ObjectType({ description: "An organisation's webhook: the change feed of one collaboration, signed with its secret." })
export class Webhook {
  @Field(() => ID)
  id: string;

  /** Not a GraphQL field: the collaboration (see the field resolver). */
  collaborationId: string;

  @Field()
  url: string;

  @Field()
  description: string;

  @Field({ description: 'The purpose deliveries are decided and logged for (O11).' })
  purpose: string;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'The HMAC-SHA256 signing secret: returned once, by registerWebhook, and never again. Verify each delivery\'s ' +
      '`Schakel-Signature: t=<unix>,v1=<hex>` as HMAC-SHA256 over "<t>.<raw body>".',
  })
  secret: string | null;

  @Field(() => Int, { description: 'Deliveries waiting for their (next) attempt.' })
  pendingDeliveries: number;

  @Field(() => Int, { description: 'Deliveries given up after the last attempt: the receiver should catch up by querying.' })
  failedDeliveries: number;

  @Field(() => Int, { description: 'Deliveries the receiver acknowledged (HTTP 2xx).' })
  deliveredDeliveries: number;

  @Field(() => DateTime, { nullable: true })
  lastDeliveredAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The last error of a delivery not (yet) delivered.' })
  lastError: string | null;
}
