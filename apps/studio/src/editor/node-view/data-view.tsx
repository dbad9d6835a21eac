import { useState } from 'react';
import { cellText, PAGE_SIZE, schemaOf, tableOf } from './table-of';

type Mode = 'table' | 'json' | 'schema';

interface DataViewProps {
  /** The data shown: a node's input or output. */
  readonly value: unknown;
  /** `input` or `output`: names the test ids of this side. */
  readonly side: string;
  readonly empty: string;
  /** Makes the schema view's fields draggable: dropped into a setting, the field's template is inserted. */
  readonly fieldTemplate?: (path: string) => string;
}

/** One side of the node view: its data as a table (paged), as JSON, or as its schema. */
export function DataView({ value, side, empty, fieldTemplate }: DataViewProps) {
  const [mode, setMode] = useState<Mode>('table');
  if (value === undefined) return <p className="muted" data-testid={`node-view-${side}-empty`}>{empty}</p>;
  return (
    <div className="data-view" data-testid={`node-view-${side}`}>
      <div className="data-view-modes" role="tablist" aria-label={`${side} view`}>
        {(['table', 'json', 'schema'] as const).map((m) => (
          <button key={m} type="button" role="tab" aria-selected={mode === m} className={mode === m ? 'active' : ''} onClick={() => setMode(m)} data-testid={`node-view-${side}-${m}-tab`}>
            {m === 'json' ? 'JSON' : m[0]!.toUpperCase() + m.slice(1)}
          </button>
        ))}
      </div>
      {mode === 'table' && <DataTableView value={value} side={side} />}
      {mode === 'json' && <pre className="data-json" data-testid={`node-view-${side}-json`}>{JSON.stringify(value, null, 2)}</pre>}
      {mode === 'schema' && (
        <ul className="data-schema" data-testid={`node-view-${side}-schema`}>
          {fieldTemplate && <li className="muted">Drag a field into a setting to insert it.</li>}
          {schemaOf(value).map(({ path, type }) => (
            <li
              key={path}
              draggable={fieldTemplate !== undefined}
              onDragStart={fieldTemplate && ((e) => e.dataTransfer.setData('text/plain', fieldTemplate(path)))}
              className={fieldTemplate ? 'draggable-field' : undefined}
              title={fieldTemplate?.(path)}
              data-testid={`node-view-${side}-field`}
            >
              <code>{path}</code> <span className="muted">{type}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DataTableView({ value, side }: { value: unknown; side: string }) {
  const [page, setPage] = useState(0);
  const table = tableOf(value, page);
  const pages = Math.max(1, Math.ceil(table.total / PAGE_SIZE));
  return (
    <div className="data-table-wrap">
      <table className="data-table" data-testid={`node-view-${side}-table`}>
        <thead>
          <tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={page * PAGE_SIZE + i}>
              {table.columns.map((c) => <td key={c}>{cellText(row[c])}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <div className="data-pager" data-testid={`node-view-${side}-pager`}>
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)} aria-label="Previous page">‹</button>
          <span>
            {page * PAGE_SIZE + 1}–{Math.min(table.total, (page + 1) * PAGE_SIZE)} of {table.total}
          </span>
          <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)} aria-label="Next page" data-testid={`node-view-${side}-next`}>›</button>
        </div>
      )}
    </div>
  );
}
