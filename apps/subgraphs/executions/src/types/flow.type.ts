import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

/** Flow as this subgraph contributes to it: `executions` and `stats` (see FlowExecutionsResolver). */
@ObjectType('Flow')
@Directive('@key(fields: "id")')
export class FlowType {
  @Field(() => ID)
  id!: string;
}

@ObjectType('FlowStats')
export class FlowStatsType {
  /** Finished runs counted (the most recent, up to the sample size). */
  @Field(() => Int)
  runs!: number;

  /** SUCCEEDED / finished, 0..1; null before the first finished run. */
  @Field(() => Float, { nullable: true })
  successRate!: number | null;

  @Field(() => Int, { nullable: true })
  p50DurationMs!: number | null;

  @Field(() => Int, { nullable: true })
  p95DurationMs!: number | null;
}
