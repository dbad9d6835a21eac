import { NodeRunDetails } from '../run/node-run-details';
import { ConnectionsForm } from './connections-form';
import { NodeActions } from './node-view/node-actions';
import { useEditor, useEditorContext } from './editor-context';
import { asSchema } from './schema-form/json-schema';
import { NodeConfigForm } from './schema-form/node-config-form';
import { WebhookUrls } from './webhook-urls';

/** The focused node's config form, generated from its type's JSON Schema, and its run details. */
export function ConfigPanel() {
  const { commands, nodeTypes, readOnly } = useEditorContext();
  const focusedId = useEditor((s) => s.focusedNodeId);
  const node = useEditor((s) => (focusedId ? s.nodes.find((n) => n.id === focusedId) : undefined));
  const hasRun = useEditor((s) => s.run !== null);
  const problems = useEditor((s) => (focusedId ? s.problems[focusedId] : undefined));
  if (!node) return <aside className="config-panel muted" aria-label="Node settings">Select a node to configure it.</aside>;
  const info = nodeTypes.get(node.type ?? '');
  return (
    <aside className="config-panel" aria-label="Node settings" data-testid="config-panel">
      <h2>{info?.title ?? node.type}</h2>
      <p className="muted">id <code data-testid="config-node-id">{node.id}</code></p>
      {problems?.map((p) => (
        <p key={`${p.code}-${p.message}`} role="alert" className="error">{p.message}</p>
      ))}
      {node.type === 'trigger.webhook' && <WebhookUrls nodeId={node.id} path={node.data.path} methods={node.data.methods} />}
      <NodeActions nodeId={node.id} />
      {hasRun && <NodeRunDetails nodeId={node.id} />}
      {!readOnly && <ConnectionsForm nodeId={node.id} />}
      <fieldset disabled={readOnly} className="config-form">
        <NodeConfigForm
          nodeId={node.id}
          schema={asSchema(info?.configSchema)}
          value={node.data}
          onChange={(data) => commands.updateNodeData(node.id, data, changedField(node.data, data))}
        />
      </fieldset>
    </aside>
  );
}

function changedField(before: Record<string, unknown>, after: Record<string, unknown>): string | undefined {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].find((k) => before[k] !== after[k]);
}
