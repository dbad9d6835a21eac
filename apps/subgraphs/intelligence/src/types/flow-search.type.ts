import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { FlowWithAnalysis } from './flow-analysis.type';

export const SearchRanking = {
  /** Cosine similarity of embeddings from the workspace's embeddings provider. */
  SEMANTIC: 'SEMANTIC',
  /** BM25 over names, descriptions, tags, node types and configs. */
  LEXICAL: 'LEXICAL',
} as const;
export type SearchRanking = (typeof SearchRanking)[keyof typeof SearchRanking];
registerEnumType(SearchRanking, { name: 'SearchRanking' });

@ObjectType('FlowSearchHit')
export class FlowSearchHitType {
  /** Resolved by the flows subgraph (which checks the caller's access again). */
  @Field(() => FlowWithAnalysis)
  flow!: Pick<FlowWithAnalysis, 'id'>;

  @Field(() => Float)
  score!: number;

  @Field(() => SearchRanking)
  ranking!: SearchRanking;
}
