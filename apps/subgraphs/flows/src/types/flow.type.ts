import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';
import { FlowContentFields } from './flow-content.type';
import { FlowProblemType } from './flow-problem.type';
import { FlowTriggerType } from './flow-trigger-type';
import { UserRef, WorkspaceRef } from './refs.type';

/**
 * A flow: React Flow's nodes and edges plus metadata. `versions` is a field resolver; every other
 * field is read off the object as it is (`simpleResolvers`: graphql-js's default resolver, no
 * type-graphql wrapper per field and row), so `owner` and `workspace` are properties of every Flow
 * handed to GraphQL (getters on the entity, set on plain list rows).
 */
@ObjectType('Flow', { simpleResolvers: true })
@Directive('@key(fields: "id")')
export class FlowType extends FlowContentFields {
  @Field(() => ID)
  id!: string;

  /** Bumped by every save; pass it back as `expectedVersion` to detect concurrent edits. */
  @Field(() => Int)
  version!: number;

  /** False when `problems` holds an error: the flow is a draft and executions refuse to start it. */
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => [FlowProblemType])
  problems!: FlowProblemType[];

  /**
   * Whether its webhook and schedule triggers are registered (`activateFlow` / `deactivateFlow`).
   * New flows, and flows made from templates or imports, start inactive. Saving an active flow
   * registers the saved version's triggers before the save returns.
   */
  @Field(() => Boolean)
  active!: boolean;

  /** The kinds of trigger the flow has. */
  @Field(() => [FlowTriggerType])
  triggerTypes!: FlowTriggerType[];

  /**
   * The input the editor's test runs start with ("Test this node"), and the run dialog's first
   * input (`setFlowSampleInput`). Kept on the flow, not on its versions. Null: none set.
   */
  @Field(() => JSONScalar, { nullable: true })
  sampleInput?: unknown;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  /** Set while the flow is in the trash (`deletedFlows`). */
  @Field(() => Date, { nullable: true })
  deletedAt?: Date | null;

  @Field(() => UserRef)
  owner!: UserRef;

  @Field(() => WorkspaceRef)
  workspace!: WorkspaceRef;
}
