import { useQuery } from 'urql';
import { SearchFlowsQuery } from '../documents/intelligence';
import { Link } from '../router/link';
import { QueryError } from '../ui/query-error';

/**
 * Flows ranked by meaning (intelligence `searchFlows`). Scores are internal; the one thing a reader
 * needs is whether the order is by meaning or, without an embedding provider, by matching words.
 */
export function FlowSearchResults({ query }: { query: string }) {
  const [{ data, error, fetching }] = useQuery({ query: SearchFlowsQuery, variables: { query, first: 20 }, pause: !query });
  if (error) return <QueryError error={error} what="Search by meaning failed" />;
  const hits = data?.searchFlows ?? [];
  const semantic = hits.some((hit) => hit.ranking === 'SEMANTIC');
  return (
    <section className="search-results" aria-busy={fetching}>
      {hits.length > 0 && (
        <p className="muted" data-testid="flow-search-ranking">
          {semantic ? 'Closest in meaning first' : 'Ordered by matching words (search by meaning needs an embedding provider)'}
        </p>
      )}
      <ol data-testid="flow-search-results">
        {hits.map((hit) => (
          <li key={hit.flow.id}>
            <Link href={`/flows/${hit.flow.id}`}>{hit.flow.name}</Link>
            <div className="muted">{hit.flow.description}</div>
          </li>
        ))}
        {data && hits.length === 0 && <li className="muted">Nothing matches.</li>}
      </ol>
    </section>
  );
}
