import { useClient, useMutation } from 'urql';
import { DeleteFlowMutation, ExportFlowQuery } from '../documents/flows';
import type { FlowsQuery } from '../generated/graphql';
import { Link } from '../router/link';
import { downloadJson } from '../ui/download';
import { ActivationToggle, TriggerTypes } from './activation-toggle';

type FlowSummary = FlowsQuery['flows']['edges'][number]['node'];

/** One flow in the list: open, tags, triggers and activation, export, delete. */
export function FlowRow({ flow, onTag, onDeleted, onActivation }: { flow: FlowSummary; onTag: (tag: string) => void; onDeleted: () => void; onActivation: () => void }) {
  const client = useClient();
  const [, deleteFlow] = useMutation(DeleteFlowMutation);
  const exportFlow = async () => {
    const result = await client.query(ExportFlowQuery, { id: flow.id }, { requestPolicy: 'network-only' }).toPromise();
    if (result.data) downloadJson(`${flow.name.replace(/[^\w-]+/g, '-')}.flow.json`, result.data.exportFlow);
  };
  const remove = async () => {
    if (!window.confirm(`Delete “${flow.name}”? It can be restored from Deleted flows.`)) return;
    const result = await deleteFlow({ id: flow.id });
    if (result.data) onDeleted();
  };
  return (
    <tr data-testid={`flow-row-${flow.id}`}>
      <td><Link href={`/flows/${flow.id}`} data-testid="flow-link">{flow.name}</Link><div className="muted">{flow.description}</div></td>
      <td>{flow.tags.map((t) => <button key={t} type="button" className="chip" onClick={() => onTag(t)}>{t}</button>)}</td>
      <td><TriggerTypes types={flow.triggerTypes} /></td>
      <td><ActivationToggle flowId={flow.id} active={flow.active} triggerTypes={flow.triggerTypes} onChanged={onActivation} /></td>
      <td>v{flow.version}</td>
      <td><time>{new Date(flow.updatedAt).toLocaleString()}</time></td>
      <td className="row-actions">
        <button type="button" onClick={() => void exportFlow()} data-testid="export-flow">Export</button>
        <button type="button" onClick={() => void remove()} data-testid="delete-flow">Delete</button>
      </td>
    </tr>
  );
}
