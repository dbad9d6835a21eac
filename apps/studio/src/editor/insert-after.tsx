import { useState } from 'react';
import { useEditorContext } from './editor-context';
import { placeBeside } from './free-spot';

interface InsertAfterProps {
  readonly nodeId: string;
  readonly handle: string;
}

/**
 * The "+" on an output handle of the selected node: pick a node type, and a node of it is added to
 * the right (on a free spot) already connected from that output.
 */
export function InsertAfter({ nodeId, handle }: InsertAfterProps) {
  const { commands, nodeTypes, store } = useEditorContext();
  const [open, setOpen] = useState(false);
  const insert = (type: string) => {
    const { nodes } = store.get();
    const source = nodes.find((n) => n.id === nodeId);
    if (!source) return;
    const input = nodeTypes.get(type)?.inputs[0] ?? 'in';
    commands.insertAfter(nodeId, handle, type, placeBeside(source, nodes), input);
    setOpen(false);
  };
  const choices = [...nodeTypes.values()].filter((t) => t.inputs.length > 0);
  return (
    <span className="insert-after nodrag nopan" onClick={(e) => e.stopPropagation()} onMouseDown={(e) => e.stopPropagation()}>
      <button type="button" className="insert-after-button" aria-label={`Add a node after ${handle}`} aria-expanded={open} onClick={() => setOpen(!open)} data-testid={`insert-after-${nodeId}-${handle}`}>+</button>
      {open && (
        <ul className="insert-after-menu" role="menu" data-testid="insert-after-menu">
          {choices.map((t) => (
            <li key={t.type}>
              <button type="button" role="menuitem" onClick={() => insert(t.type)} data-testid={`insert-type-${t.type}`}>{t.title}</button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
