import { useQuery } from 'urql';

const StatusQuery = `
  query Status {
    me { id email name }
    identityStatus { service ready }
    flowsStatus { service ready }
    executionsStatus { service ready }
    intelligenceStatus { service ready }
  }
`;

interface ServiceStatus { service: string; ready: boolean }
interface StatusData {
  me: { id: string; email: string; name: string } | null;
  identityStatus: ServiceStatus;
  flowsStatus: ServiceStatus;
  executionsStatus: ServiceStatus;
  intelligenceStatus: ServiceStatus;
}

/** Who is signed in and whether each subgraph answers, through the gateway. */
export function StatusPage() {
  const [{ data, error, fetching }] = useQuery<StatusData>({ query: StatusQuery, requestPolicy: 'network-only' });
  if (fetching) return <p>Loading…</p>;
  if (error) return <p role="alert">Gateway error: {error.message}</p>;
  const services = data ? [data.identityStatus, data.flowsStatus, data.executionsStatus, data.intelligenceStatus] : [];
  return (
    <section>
      <p data-testid="signed-in-user">{data?.me ? `Signed in as ${data.me.email}` : 'Not signed in'}</p>
      <ul aria-label="Subgraph health">
        {services.map((s) => (
          <li key={s.service} data-testid={`health-${s.service}`}>
            {s.service}: {s.ready ? 'ready' : 'down'}
          </li>
        ))}
      </ul>
    </section>
  );
}
