import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: "Register a webhook: the changes of one collaboration's cases, as the policy lets the organisation see them." })
export class RegisterWebhookInput {
  @Field(() => ID, { description: 'The collaboration whose changes are sent: the organisation must be an active party of it.' })
  @IsUUID()
  collaborationId: string;

  @Field({ description: 'Where deliveries are POSTed: an http or https URL.' })
  @MaxLength(2048)
  url: string;

  @Field(() => String, { nullable: true, description: 'What the receiving system is, for the organisation itself.' })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;

  @Field({
    description:
      "The purpose the receiving system processes the data for: a purpose key of the collaboration's policy, as the " +
      'x-schakel-purpose header of a request (O11). Every delivery is decided and logged for it.',
  })
  @MaxLength(100)
  purpose: string;
}
