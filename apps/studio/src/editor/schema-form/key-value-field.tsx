import { useEffect, useRef, useState } from 'react';
import { randomId } from '../../ui/random-id';
import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

interface Row {
  readonly key: string;
  readonly name: string;
  readonly value: string;
}

const rowsOf = (record: Readonly<Record<string, string>> | undefined): Row[] =>
  Object.entries(record ?? {}).map(([name, value]) => ({ key: randomId(), name, value }));

/** The record the rows say: unnamed rows are still being typed and say nothing yet. */
function recordOf(rows: readonly Row[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const row of rows) if (row.name.trim() !== '') record[row.name.trim()] = row.value;
  return record;
}

const sameRecord = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) => JSON.stringify(a) === JSON.stringify(b);

/** A string map (headers, query parameters) as rows of name and value, added and removed one by one. */
export function KeyValueField(props: FieldProps<Record<string, string>>) {
  const { path, value, onChange } = props;
  const id = fieldId(path);
  const [rows, setRows] = useState(() => rowsOf(value));
  const emitted = useRef(value ?? {});
  // Undo or another edit replaced the map: show it (a row being named keeps its place otherwise).
  useEffect(() => {
    if (!sameRecord(value ?? {}, emitted.current)) {
      emitted.current = value ?? {};
      setRows(rowsOf(value));
    }
  }, [value]);
  const update = (next: Row[]) => {
    setRows(next);
    const record = recordOf(next);
    emitted.current = record;
    onChange(Object.keys(record).length === 0 ? undefined : record);
  };
  const edit = (key: string, change: Partial<Row>) => update(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const names = rows.map((row) => row.name.trim()).filter(Boolean);
  const duplicates = new Set(names.filter((name, index) => names.indexOf(name) !== index));
  return (
    <FieldLabel {...props}>
      <div className="key-value" id={id} role="group" data-testid={id}>
        {rows.map((row, index) => (
          <div className="key-value-row" key={row.key}>
            <input aria-label={`Name ${index + 1}`} placeholder="Name" value={row.name} spellCheck={false} onChange={(e) => edit(row.key, { name: e.target.value })} data-testid={`${id}-name-${index}`} aria-invalid={duplicates.has(row.name.trim())} />
            <input aria-label={`Value ${index + 1}`} placeholder="Value" className="code" value={row.value} spellCheck={false} onChange={(e) => edit(row.key, { value: e.target.value })} data-testid={`${id}-value-${index}`} />
            <button type="button" className="icon-button" aria-label={`Remove ${row.name || `row ${index + 1}`}`} onClick={() => update(rows.filter((r) => r.key !== row.key))} data-testid={`${id}-remove-${index}`}>✕</button>
          </div>
        ))}
        <button type="button" onClick={() => setRows([...rows, { key: randomId(), name: '', value: '' }])} data-testid={`${id}-add`}>+ Add</button>
        {duplicates.size > 0 && <small role="alert" className="error">Named twice: {[...duplicates].join(', ')}; the last row wins.</small>}
      </div>
    </FieldLabel>
  );
}
