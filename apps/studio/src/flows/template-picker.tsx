import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { CreateFlowFromTemplateMutation, FlowTemplatesQuery } from '../documents/flows';
import { errorMessage } from '../graphql/errors';
import { navigate } from '../router/location';
import { Dialog } from '../ui/dialog';

/** Lists the templates; picking one creates a flow from it and opens the editor. */
export function TemplatePicker() {
  const [open, setOpen] = useState(false);
  const [{ data, error }] = useQuery({ query: FlowTemplatesQuery, pause: !open });
  const [creating, create] = useMutation(CreateFlowFromTemplateMutation);
  const pick = async (templateId: string) => {
    const result = await create({ templateId });
    if (result.data) navigate(`/flows/${result.data.createFlowFromTemplate.id}`);
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="from-template">From template</button>
      {open && (
        <Dialog title="Create from a template" onClose={() => setOpen(false)} testId="template-dialog">
          {(error ?? creating.error) && <p role="alert" className="error">{errorMessage(error ?? creating.error)}</p>}
          <ul className="template-list">
            {data?.flowTemplates.map((t) => (
              <li key={t.id}>
                <button type="button" className="template" disabled={creating.fetching} onClick={() => void pick(t.id)} data-testid={`template-${t.id}`}>
                  <strong>{t.name}</strong> <span className="muted">{t.category}</span>
                  <br />
                  <span>{t.description}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="dialog-actions"><button type="button" onClick={() => setOpen(false)}>Close</button></div>
        </Dialog>
      )}
    </>
  );
}
