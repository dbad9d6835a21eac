import { useQuery } from 'urql';
import { SearchFlowsQuery } from '../documents/intelligence';
import { errorMessage } from '../graphql/errors';
import { Link } from '../router/link';

/** Flows ranked by meaning (intelligence `searchFlows`), with whether the ranking was semantic or lexical. */
export function FlowSearchResults({ query }: { query: string }) {
  const [{ data, error, fetching }] = useQuery({ query: SearchFlowsQuery, variables: { query, first: 20 }, pause: !query });
  if (error) return <p role="alert" className="error">{errorMessage(error)}</p>;
  return (
    <ol className="search-results" data-testid="flow-search-results" aria-busy={fetching}>
      {data?.searchFlows.map((hit) => (
        <li key={hit.flow.id}>
          <Link href={`/flows/${hit.flow.id}`}>{hit.flow.name}</Link>{' '}
          <span className="muted">{hit.ranking.toLowerCase()} · {hit.score.toFixed(2)}</span>
          <div className="muted">{hit.flow.description}</div>
        </li>
      ))}
      {data?.searchFlows.length === 0 && <li className="muted">Nothing matches.</li>}
    </ol>
  );
}
