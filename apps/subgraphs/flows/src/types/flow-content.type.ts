import { Field, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';

/** What a flow, each of its versions and each template all carry: its text and its graph.
 * Only inherited: no resolver returns it, so it is not a type of the schema. */
@ObjectType()
export abstract class FlowContentFields {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => [String])
  tags!: string[];

  /** React Flow nodes: `[{ id, type, position, data }]`. */
  @Field(() => JSONScalar)
  nodes!: unknown[];

  /** React Flow edges: `[{ id, source, target, sourceHandle?, targetHandle? }]`. */
  @Field(() => JSONScalar)
  edges!: unknown[];
}
