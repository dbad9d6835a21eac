import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { nodeView } from '../run/run-state';
import { useEditor, useEditorContext } from './editor-context';
import type { FlowNode } from './flow-types';
import { outputHandles } from './graph-rules';
import { InsertAfter } from './insert-after';
import { iconFor } from './node-icons';
import { NodeRunBadge } from './node-run-badge';
import { useHandlesRefresh } from './use-handles-refresh';

const NO_PROBLEMS: readonly never[] = [];

/**
 * A flow node on the canvas. Memoised, and subscribed only to its own run view and problems,
 * so a run event or a validation result re-renders just the nodes it names.
 */
function FlowNodeView({ id, type, data, selected }: NodeProps<FlowNode>) {
  const { nodeTypes, readOnly } = useEditorContext();
  const info = nodeTypes.get(type);
  const run = useEditor((s) => (s.run ? nodeView(s.run, id) : undefined));
  const problems = useEditor((s) => s.problems[id] ?? NO_PROBLEMS);
  const outputs = outputHandles({ data }, info);
  useHandlesRefresh(id, outputs);
  const inputs = info?.inputs ?? ['in'];
  const label = typeof data.label === 'string' && data.label ? data.label : (info?.title ?? type);
  const hasError = problems.some((p) => p.severity !== 'warning');
  const pinned = useStore((s) => (s.nodeLookup.get(id)?.internals.userNode as FlowNode | undefined)?.pinnedData !== undefined);
  return (
    <div
      className={`flow-node${selected ? ' selected' : ''}${run ? ` run-${run.state.toLowerCase()}` : ''}${hasError ? ' has-problem' : ''}`}
      data-testid={`node-${id}`}
      data-status={run?.state.toLowerCase()}
      aria-label={`${label} (${type})${run ? `, ${run.state.toLowerCase()}` : ''}${pinned ? ', output pinned' : ''}${problems.length ? `, ${problems.length} problem(s)` : ''}`}
      title={problems.map((p) => p.message).join('\n') || undefined}
    >
      {inputs.map((handle, i) => (
        <Handle key={handle} id={handle} type="target" position={Position.Left} style={{ top: `${((i + 1) * 100) / (inputs.length + 1)}%` }} data-testid={`handle-${id}-in-${handle}`} />
      ))}
      <div className="flow-node-title">
        <span aria-hidden="true" className="flow-node-icon">{iconFor(info?.icon)}</span>
        <span>{label}</span>
        {pinned && <span className="flow-node-pin" role="img" aria-label="Output pinned" title="Output pinned: test runs use it instead of running the node" data-testid={`node-pinned-${id}`}>📌</span>}
      </div>
      {run ? <NodeRunBadge run={run} nodeId={id} /> : <div className="flow-node-type muted">{type}</div>}
      {problems.length > 0 && (
        <div className="flow-node-problems" data-testid={`node-problems-${id}`} role="note">
          ⚠ {problems[0]!.message}{problems.length > 1 ? ` (+${problems.length - 1})` : ''}
        </div>
      )}
      {outputs.map((handle, i) => (
        <Handle key={handle} id={handle} type="source" position={Position.Right} style={{ top: `${((i + 1) * 100) / (outputs.length + 1)}%` }} data-testid={`handle-${id}-out-${handle}`}>
          {outputs.length > 1 && <span className="handle-label">{handle}</span>}
          {selected && !readOnly && <InsertAfter nodeId={id} handle={handle} />}
        </Handle>
      ))}
    </div>
  );
}

export const FlowNodeComponent = memo(FlowNodeView);
