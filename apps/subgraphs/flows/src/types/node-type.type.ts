import { Field, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';

/** One entry of the node catalog, for the studio palette and config forms. */
@ObjectType('NodeType')
export class NodeTypeType {
  @Field(() => String)
  type!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String)
  category!: string;

  /** Lucide icon name. */
  @Field(() => String)
  icon!: string;

  @Field(() => [String])
  inputs!: string[];

  @Field(() => [String])
  outputs!: string[];

  /** True when output handles depend on the config (switch: one per case). */
  @Field(() => Boolean)
  dynamicOutputs!: boolean;

  /** JSON Schema of the node's `data`. */
  @Field(() => JSONScalar)
  configSchema!: Record<string, unknown>;
}
