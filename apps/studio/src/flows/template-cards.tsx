import { useQuery } from 'urql';
import { FlowTemplatesQuery } from '../documents/flows';
import { errorMessage } from '../graphql/errors';
import { QueryError } from '../ui/query-error';
import { TemplateNeedsNote } from './template-needs-note';
import { useCreateFromTemplate } from './use-create-from-template';

/**
 * The templates as cards: what each does in a line, the sample input its first run uses and what
 * it needs set up first. "Use template" creates the flow (inactive) and opens it in the editor.
 * `testIdPrefix` keeps test ids unique when the empty state's cards and the dialog's show at once.
 */
export function TemplateCards({ testIdPrefix = '' }: { readonly testIdPrefix?: string }) {
  const [{ data, error }] = useQuery({ query: FlowTemplatesQuery });
  const [creating, createFrom] = useCreateFromTemplate();
  return (
    <>
      <QueryError error={error} what="The templates could not be loaded" />
      {creating.error && <p role="alert" className="error">{errorMessage(creating.error)}</p>}
      <ul className="template-list" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))' }} data-testid={`${testIdPrefix}template-cards`}>
        {data?.flowTemplates.map((template) => (
          <li key={template.id} className="template card" data-testid={`${testIdPrefix}template-card-${template.id}`}>
            <strong>{template.name}</strong> <span className="muted">{template.category}</span>
            <p>{template.description}</p>
            <details>
              <summary>Sample input</summary>
              <pre className="code" data-testid="template-sample-input">{JSON.stringify(template.sampleInput, null, 2)}</pre>
            </details>
            <TemplateNeedsNote needs={template.needs} />
            <button
              type="button"
              className="primary"
              disabled={creating.fetching}
              onClick={() => void createFrom(template.id)}
              data-testid={`${testIdPrefix}template-${template.id}`}
              aria-label={`Use template ${template.name}`}
            >
              Use template
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
