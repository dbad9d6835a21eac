import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';

@ObjectType('User')
@Directive('@key(fields: "id", resolvable: false)')
export class UserRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType('Flow')
@Directive('@key(fields: "id")')
export class FlowType {
  @Field(() => ID)
  id!: string;

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

  @Field(() => Int)
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}
