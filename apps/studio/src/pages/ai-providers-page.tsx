import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { AiProvidersQuery, TestAiProviderMutation } from '../documents/intelligence';
import { AiProviderForm } from '../ai/ai-provider-form';
import { errorMessage } from '../graphql/errors';

const ms = (value: number | null | undefined) => (value == null ? '—' : `${value} ms`);

/** `/ai-providers`: health, latency, circuit and quota per provider; configure and test. */
export default function AiProvidersPage() {
  const [{ data, error }, refetch] = useQuery({ query: AiProvidersQuery, requestPolicy: 'cache-and-network' });
  const [, testProvider] = useMutation(TestAiProviderMutation);
  const [tests, setTests] = useState<Record<string, string>>({});
  const onTest = async (name: string) => {
    const result = await testProvider({ name });
    const test = result.data?.testAiProvider;
    setTests((t) => ({ ...t, [name]: test ? `${test.ok ? 'ok' : 'failed'}${test.latencyMs != null ? ` in ${Math.round(test.latencyMs)} ms` : ''}${test.error ? `: ${test.error}` : ` (${test.model})`}` : (errorMessage(result.error) ?? 'failed') }));
  };
  return (
    <section className="page" aria-labelledby="ai-title">
      <h1 id="ai-title">AI providers</h1>
      {error && <p role="alert" className="error">{errorMessage(error)}</p>}
      <table className="table" data-testid="ai-provider-list">
        <thead><tr><th>Name</th><th>Kind</th><th>Models</th><th>Status</th><th>Circuit</th><th>p50 / p95</th><th>Errors</th><th>Quota</th><th><span className="sr-only">Test</span></th></tr></thead>
        <tbody>
          {data?.aiProviders.map((p) => (
            <tr key={p.name} data-testid={`ai-provider-${p.name}`}>
              <td>{p.name}</td><td>{p.kind.toLowerCase()}</td><td>{p.models.join(', ')}</td>
              <td><span className={`badge provider-${p.status.toLowerCase()}`}>{p.status.toLowerCase()}</span></td>
              <td>{p.circuitState.toLowerCase()}</td><td>{ms(p.latencyP50Ms)} / {ms(p.latencyP95Ms)}</td>
              <td>{p.errorRate == null ? '—' : `${(p.errorRate * 100).toFixed(1)}%`}</td><td>{p.quotaUsed}</td>
              <td><button type="button" onClick={() => void onTest(p.name)} data-testid="test-ai-provider">Test</button> <span role="status">{tests[p.name]}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <AiProviderForm onSaved={() => refetch({ requestPolicy: 'network-only' })} />
    </section>
  );
}
