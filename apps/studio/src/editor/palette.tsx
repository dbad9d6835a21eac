import { useMemo, useState, type DragEvent } from 'react';
import { useEditorContext } from './editor-context';
import type { NodeTypeInfo } from './flow-types';
import { iconFor } from './node-icons';
import { NODE_DRAG_MIME } from './use-drop-node';

/** Types grouped by category, in the order the catalog serves them (its palette order). */
function groupByCategory(types: Iterable<NodeTypeInfo>, search: string): [string, NodeTypeInfo[]][] {
  const needle = search.trim().toLowerCase();
  const groups = new Map<string, NodeTypeInfo[]>();
  for (const info of types) {
    const haystack = `${info.title} ${info.type} ${info.description}`.toLowerCase();
    if (needle && !haystack.includes(needle)) continue;
    const list = groups.get(info.category) ?? [];
    list.push(info);
    groups.set(info.category, list);
  }
  return [...groups];
}

/**
 * The node catalog, grouped by category and searchable. Items are dragged onto the canvas;
 * for keyboard users, Enter on an item adds it to the middle of the canvas.
 */
export function Palette({ onAdd }: { onAdd: (type: string) => void }) {
  const { nodeTypes, readOnly } = useEditorContext();
  const [search, setSearch] = useState('');
  const groups = useMemo(() => groupByCategory(nodeTypes.values(), search), [nodeTypes, search]);
  if (readOnly) return null;
  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(NODE_DRAG_MIME, type);
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <aside className="palette" aria-label="Node palette" data-testid="palette">
      <input type="search" placeholder="Search nodes" aria-label="Search nodes" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="palette-search" />
      {groups.map(([category, items]) => (
        <section key={category} aria-label={category}>
          <h3 className="palette-category">{category}</h3>
          <ul>
            {items.map((info) => (
              <li key={info.type}>
                <button
                  type="button"
                  className="palette-item"
                  draggable
                  onDragStart={(e) => onDragStart(e, info.type)}
                  onClick={() => onAdd(info.type)}
                  title={info.description}
                  data-testid={`palette-item-${info.type}`}
                >
                  <span aria-hidden="true">{iconFor(info.icon)}</span> {info.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {groups.length === 0 && <p className="muted">No node matches “{search}”.</p>}
    </aside>
  );
}
