import { Field, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';

/** A handle per item of a config list, `<prefix><index>`, before the static outputs (switch cases). */
@ObjectType('OutputsPerItem')
export class OutputsPerItemType {
  /** The array field of the node's `data` whose items each get a handle. */
  @Field(() => String)
  field!: string;

  @Field(() => String)
  prefix!: string;
}

/** A handle a node offers, after the others, while a field of its `data` has a value. */
@ObjectType('ConditionalOutput')
export class ConditionalOutputType {
  @Field(() => String)
  field!: string;

  @Field(() => String)
  equals!: string;

  @Field(() => String)
  handle!: string;
}

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

  /** Handles from a config list (switch cases); the studio draws them from this, as validation checks them. */
  @Field(() => OutputsPerItemType, { nullable: true })
  outputsPerItem!: OutputsPerItemType | null;

  /** Handles a field's value adds (`error` under `onError: errorBranch`). */
  @Field(() => [ConditionalOutputType])
  conditionalOutputs!: ConditionalOutputType[];

  /** What the node needs set up outside the flow before it runs: `aiProvider`. Credential fields are in `configSchema` (`widget: "credential"`). */
  @Field(() => [String])
  needs!: string[];

  /** JSON Schema of the node's `data`; each field has its `title`, and a `widget` where its type does not say how to edit it. */
  @Field(() => JSONScalar)
  configSchema!: Record<string, unknown>;
}
