import { Field, InputType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';

/** What the studio saves. Nodes and edges are React Flow's own JSON. */
@InputType('FlowInput')
export class FlowInput {
  /** 1–200 characters. */
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => JSONScalar)
  nodes!: unknown;

  @Field(() => JSONScalar, { nullable: true })
  edges?: unknown;

  /** Note stored with the version this save creates (the mutation's `message` argument wins). */
  @Field(() => String, { nullable: true })
  message?: string | null;
}
