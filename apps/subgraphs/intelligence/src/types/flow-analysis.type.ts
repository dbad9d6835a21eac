import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';

@ObjectType('AnalysisSuggestion')
export class AnalysisSuggestionType {
  /** SEQUENTIAL_INDEPENDENT_HTTP, DUPLICATE_NODE, UNREACHABLE_NODE, MISSING_OUTPUT, MISSING_TRIGGER, UNUSED_OUTPUT, NO_RETRY_ON_HTTP, EXPENSIVE_NODE, CYCLE, REFERENCE_NOT_UPSTREAM */
  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => [String])
  nodeIds!: string[];
}

/** Recorded run time of one node (reported by the executions subgraph). */
@ObjectType('NodeCost')
export class NodeCostType {
  @Field(() => String)
  nodeId!: string;

  @Field(() => Int)
  runs!: number;

  @Field(() => Float)
  averageMs!: number;

  @Field(() => Int)
  maxMs!: number;
}

@ObjectType('FlowAnalysis')
export class FlowAnalysisType {
  @Field(() => Int)
  nodeCount!: number;

  /** Nodes on the longest path from a node without inbound edges. */
  @Field(() => Int)
  depth!: number;

  /** The heaviest path: by recorded run time when known, else by node count. */
  @Field(() => [String])
  criticalPath!: string[];

  /** Sum of average run times along the critical path; null without recorded runs. */
  @Field(() => Float, { nullable: true })
  criticalPathMs!: number | null;

  /** Nodes at the same depth: they can run at the same time. */
  @Field(() => [[String]])
  parallelGroups!: string[][];

  @Field(() => [String])
  unreachableNodes!: string[];

  /** Nodes with no outgoing edge that are not `output` nodes. */
  @Field(() => [String])
  deadEndNodes!: string[];

  /** Groups of nodes with the same type and configuration. */
  @Field(() => [[String]])
  duplicateNodes!: string[][];

  /** Dead ends without side effects whose output no `$nodes.<id>` expression reads. */
  @Field(() => [String])
  unusedOutputs!: string[];

  @Field(() => [NodeCostType])
  expensiveNodes!: NodeCostType[];

  @Field(() => [AnalysisSuggestionType])
  suggestions!: AnalysisSuggestionType[];
}

/** `Flow` as intelligence sees it: it needs the graph from the flows subgraph to analyse it. */
@ObjectType('Flow')
@Directive('@key(fields: "id")')
export class FlowWithAnalysis {
  @Field(() => ID)
  id!: string;

  @Field(() => JSONScalar)
  @Directive('@external')
  nodes!: unknown[];

  @Field(() => JSONScalar)
  @Directive('@external')
  edges!: unknown[];
}
