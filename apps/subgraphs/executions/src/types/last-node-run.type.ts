import { Field, ObjectType } from 'type-graphql';
import { ExecutionType } from './execution.type';
import { NodeRunType } from './node-run.type';

/** A node's result in the newest run of its flow that ran it (`lastNodeRun`), with that run. */
@ObjectType('LastNodeRun')
export class LastNodeRunType {
  /** The run: a test run of a draft (`test`) or a run of the saved flow. */
  @Field(() => ExecutionType)
  execution!: ExecutionType;

  @Field(() => NodeRunType)
  nodeRun!: NodeRunType;
}
