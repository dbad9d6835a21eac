import { useEffect, useRef, useState } from 'react';
import { randomId } from '../../ui/random-id';
import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';
import type { JsonSchema } from './json-schema';

type Scalar = string | number | boolean | null;
type ItemKind = 'string' | 'number' | 'boolean' | 'null';

interface Row {
  readonly key: string;
  readonly item: Scalar;
}

const KIND_NAMES: Readonly<Record<ItemKind, string>> = { string: 'text', number: 'number', boolean: 'yes/no', null: 'null' };

/** The scalar kinds an item may be: one for `string[]`, several for a union (switch cases). */
function kindsOf(items: JsonSchema | undefined): ItemKind[] {
  const types = (items?.anyOf ?? [items ?? {}]).flatMap((s) => (Array.isArray(s.type) ? s.type : [s.type]));
  const kinds = (['string', 'number', 'boolean', 'null'] as const).filter((k) => types.includes(k) || (k === 'number' && types.includes('integer')));
  return kinds.length > 0 ? kinds : ['string'];
}

const kindOf = (item: Scalar): ItemKind => (item === null ? 'null' : (typeof item as ItemKind));
const EMPTY: Record<ItemKind, Scalar> = { string: '', number: 0, boolean: true, null: null };
const rowsOf = (items: readonly Scalar[] | undefined): Row[] => (items ?? []).map((item) => ({ key: randomId(), item }));

/** An array as one row per item (switch cases, SQL parameters), each with its own remove and move buttons. */
export function ListField(props: FieldProps<Scalar[]>) {
  const { path, schema, value, onChange } = props;
  const id = fieldId(path);
  const kinds = kindsOf(schema.items);
  const [rows, setRows] = useState(() => rowsOf(value));
  const emitted = useRef<readonly Scalar[]>(value ?? []);
  useEffect(() => {
    if (JSON.stringify(value ?? []) !== JSON.stringify(emitted.current)) {
      emitted.current = value ?? [];
      setRows(rowsOf(value));
    }
  }, [value]);
  const update = (next: Row[]) => {
    setRows(next);
    const items = next.map((row) => row.item);
    emitted.current = items;
    onChange(items.length === 0 ? undefined : items);
  };
  const set = (key: string, item: Scalar) => update(rows.map((row) => (row.key === key ? { ...row, item } : row)));
  const move = (index: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    update(next);
  };
  const code = schema.itemWidget === 'expression';
  return (
    <FieldLabel {...props}>
      <ol className="list-editor" id={id} data-testid={id}>
        {rows.map((row, index) => (
          <li key={row.key} className="list-editor-row">
            {kinds.length > 1 && (
              <select aria-label={`Kind of item ${index + 1}`} value={kindOf(row.item)} onChange={(e) => set(row.key, EMPTY[e.target.value as ItemKind])} data-testid={`${id}-kind-${index}`}>
                {kinds.map((kind) => <option key={kind} value={kind}>{KIND_NAMES[kind]}</option>)}
              </select>
            )}
            <ItemInput item={row.item} label={`Item ${index + 1}`} code={code} testId={`${id}-item-${index}`} onChange={(item) => set(row.key, item)} />
            <button type="button" className="icon-button" aria-label={`Move item ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
            <button type="button" className="icon-button" aria-label={`Move item ${index + 1} down`} disabled={index === rows.length - 1} onClick={() => move(index, 1)}>↓</button>
            <button type="button" className="icon-button" aria-label={`Remove item ${index + 1}`} onClick={() => update(rows.filter((r) => r.key !== row.key))} data-testid={`${id}-remove-${index}`}>✕</button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => update([...rows, { key: randomId(), item: EMPTY[kinds[0]!] }])} data-testid={`${id}-add`}>+ Add</button>
    </FieldLabel>
  );
}

function ItemInput({ item, label, code, testId, onChange }: { item: Scalar; label: string; code: boolean; testId: string; onChange: (item: Scalar) => void }) {
  switch (kindOf(item)) {
    case 'null':
      return <span className="muted" data-testid={testId}>null</span>;
    case 'boolean':
      return (
        <select aria-label={label} value={String(item)} onChange={(e) => onChange(e.target.value === 'true')} data-testid={testId}>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      );
    case 'number':
      return <input aria-label={label} type="number" step="any" value={String(item)} onChange={(e) => onChange(e.target.value === '' ? 0 : Number(e.target.value))} data-testid={testId} />;
    default:
      return <input aria-label={label} className={code ? 'code' : undefined} spellCheck={!code} value={String(item)} onChange={(e) => onChange(e.target.value)} data-testid={testId} />;
  }
}
