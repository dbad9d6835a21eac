import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';

/** Most responses one subscription keeps; an event stream asks a handful of distinct questions. */
const MAX_ENTRIES = 256;

/**
 * Remembers a subgraph's answers for the life of one upstream subscription, keyed by the exact
 * operation and variables (entity representations included). Used only for subgraphs whose data
 * cannot change during a run (see README); answers with errors are never kept.
 */
export class CachedDataSource implements GraphQLDataSource {
  private readonly answers = new Map<string, Promise<GatewayGraphQLResponse>>();

  constructor(private readonly source: GraphQLDataSource) {}

  process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const key = `${options.request.query ?? ''}\n${JSON.stringify(options.request.variables ?? {})}`;
    const known = this.answers.get(key);
    if (known) return known.then(copyOf);
    const answer = this.source.process(options);
    if (this.answers.size >= MAX_ENTRIES) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, answer);
    answer.then(
      (response) => {
        if (response.errors?.length) this.answers.delete(key);
      },
      () => this.answers.delete(key),
    );
    return answer.then(copyOf);
  }
}

/** executeQueryPlan merges responses into the event in place, so each event gets its own copy. */
function copyOf(response: GatewayGraphQLResponse): GatewayGraphQLResponse {
  return structuredClone(response);
}
