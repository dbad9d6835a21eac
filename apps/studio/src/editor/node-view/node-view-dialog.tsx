import { useMemo, useState } from 'react';
import { Dialog } from '../../ui/dialog';
import { useEditor, useEditorContext } from '../editor-context';
import { asSchema } from '../schema-form/json-schema';
import { NodeConfigForm } from '../schema-form/node-config-form';
import { DataView } from './data-view';
import { isPreview } from './debug-pins';
import { inputFieldTemplate } from './table-of';
import { TestNodeButton } from './node-loop-actions';
import { PinEditor } from './pin-editor';
import { ShownRunSource } from './shown-run-source';
import { useShownNodeRun } from './use-shown-node-run';
import { usePinnedData } from './use-pinned-data';
import './node-view.css';


/**
 * One node, side by side: the input it got in the run on the canvas (a test or a run) or else in
 * the flow's newest run that ran it (also after a reload), its settings, and its output there (or
 * its pinned output), each as a table, JSON or schema; it says which run the data is from.
 */
export function NodeViewDialog({ flowId, nodeId, onClose }: { flowId: string; nodeId: string; onClose: () => void }) {
  const { nodeTypes, commands, readOnly } = useEditorContext();
  const node = useEditor((s) => s.nodes.find((n) => n.id === nodeId));
  const edges = useEditor((s) => s.edges);
  const { shown, error: lastRunError } = useShownNodeRun(flowId, nodeId);
  const view = shown?.view;
  const sources = useMemo(() => edges.filter((e) => e.target === nodeId).map((e) => e.source), [edges, nodeId]);
  if (!node) return null;
  const info = nodeTypes.get(node.type ?? '');
  return (
    <Dialog title={`${info?.title ?? node.type} · ${nodeId}`} onClose={onClose} testId="node-view">
      <div className="node-view">
        <section className="node-view-side" aria-label="Input">
          <h3>Input</h3>
          <DataView
            value={view?.input}
            side="input"
            empty="No input yet: test this node to see what it receives."
            {...(readOnly || sources.length === 0 ? {} : { fieldTemplate: (path: string) => inputFieldTemplate(sources, path) })}
          />
        </section>
        <section className="node-view-settings" aria-label="Settings">
          <h3>Settings</h3>
          {!readOnly && <TestNodeButton nodeId={nodeId} />}
          {shown && <ShownRunSource shown={shown} />}
          {lastRunError && <p role="alert" className="error" data-testid="node-view-last-run-error">{lastRunError}</p>}
          {view && (
            <p className={`node-view-state state-${view.state.toLowerCase()}`} data-testid="node-view-state">
              {view.state.toLowerCase()}
              {view.durationMs !== undefined ? ` in ${view.durationMs} ms` : ''}
            </p>
          )}
          {view?.error && <p role="alert" className="error" data-testid="node-view-error">{view.error.code}: {view.error.message}</p>}
          <fieldset disabled={readOnly} className="config-form">
            <NodeConfigForm nodeId={nodeId} schema={asSchema(info?.configSchema)} value={node.data} onChange={(data) => commands.updateNodeData(node.id, data)} />
          </fieldset>
        </section>
        <section className="node-view-side" aria-label="Output">
          <OutputSide nodeId={nodeId} output={view?.output} readOnly={readOnly} />
        </section>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} data-testid="node-view-close">Close</button>
      </div>
    </Dialog>
  );
}

/** The pinned output when there is one (what test runs use), else the output of the last run; pin, edit or unpin it. */
function OutputSide({ nodeId, output, readOnly }: { nodeId: string; output: unknown; readOnly: boolean }) {
  const { pinned, pin, unpin } = usePinnedData(nodeId);
  const [editing, setEditing] = useState(false);
  const shown = pinned ?? output;
  return (
    <>
      <h3>Output</h3>
      {pinned !== undefined && (
        <p className="pinned-note" data-testid="node-view-pinned">
          Pinned: test runs use this output instead of running the node. Runs of the saved flow always run it.
        </p>
      )}
      {!readOnly && !editing && (
        <div className="pin-actions">
          {pinned === undefined && (
            <button type="button" disabled={output === undefined || isPreview(output)} onClick={() => pin(output)} data-testid="pin-output" title="Test runs will use this output instead of running the node">
              Pin this output
            </button>
          )}
          <button type="button" onClick={() => setEditing(true)} data-testid="edit-pinned">{pinned === undefined ? 'Pin data…' : 'Edit pinned'}</button>
          {pinned !== undefined && <button type="button" onClick={unpin} data-testid="unpin">Unpin</button>}
        </div>
      )}
      {editing ? (
        <PinEditor
          nodeId={nodeId}
          initial={pinned ?? output}
          onPin={(value) => {
            pin(value);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <DataView value={shown} side="output" empty="No output yet: test this node, or pin data for it." />
      )}
    </>
  );
}
