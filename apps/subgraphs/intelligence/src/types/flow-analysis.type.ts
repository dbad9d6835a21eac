import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';

@ObjectType('AnalysisSuggestion')
export class AnalysisSuggestionType {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => [String])
  nodeIds!: string[];
}

@ObjectType('FlowAnalysis')
export class FlowAnalysisType {
  @Field(() => Int)
  nodeCount!: number;

  /** Nodes on the longest path from a trigger. */
  @Field(() => Int)
  depth!: number;

  @Field(() => [String])
  criticalPath!: string[];

  /** Nodes at the same depth: they can run at the same time. */
  @Field(() => [[String]])
  parallelGroups!: string[][];

  @Field(() => [String])
  unreachableNodes!: string[];

  @Field(() => [[String]])
  duplicateNodes!: string[][];

  @Field(() => [String])
  unusedOutputs!: string[];

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
