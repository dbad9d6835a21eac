/** A node's data as rows and columns: what the table view draws. */
export interface DataTable {
  /** Column names: the union of the rows' keys, in first-seen order; `value` for rows that are not objects. */
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/** Rows per page in the table view: a large array is shown a page at a time. */
export const PAGE_SIZE = 50;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An array is one row per item; an object holding one array (an HTTP body's `{ items: [...] }`,
 * an `http.request` output's `body`) is that array's rows; any other object is one row; a plain
 * value is one row with a `value` column.
 */
export function itemsOf(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined) return [];
  if (isRecord(value)) {
    const arrays = Object.values(value).filter(Array.isArray);
    if (arrays.length === 1 && Object.keys(value).length <= 3) return arrays[0]!;
  }
  return [value];
}

/** One page of a value's rows with the columns seen on that page. */
export function tableOf(value: unknown, page = 0, pageSize = PAGE_SIZE): DataTable & { readonly total: number } {
  const items = itemsOf(value);
  const slice = items.slice(page * pageSize, (page + 1) * pageSize);
  const columns: string[] = [];
  const seen = new Set<string>();
  const add = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    columns.push(name);
  };
  const rows = slice.map((item) => {
    if (isRecord(item)) {
      Object.keys(item).forEach(add);
      return item;
    }
    add('value');
    return { value: item };
  });
  return { columns, rows, total: items.length };
}

/** A cell as text: strings as they are, anything else as compact JSON. */
export function cellText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

/** A field name as an expression path step: a name that is not an identifier is quoted in backticks (JSONata). */
const step = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `\`${key.replaceAll('`', '')}\``);

/** The shape of a value as `path: type` lines, arrays described by their first item: the schema view. */
export function schemaOf(value: unknown, path = '', depth = 0): Array<{ path: string; type: string }> {
  const type = value === null ? 'null' : Array.isArray(value) ? `array(${value.length})` : typeof value;
  const here = path === '' ? [] : [{ path, type }];
  if (depth > 6) return here;
  if (Array.isArray(value)) return value.length > 0 ? [...here, ...schemaOf(value[0], `${path}[0]`, depth + 1)] : here;
  if (isRecord(value)) return [...here, ...Object.entries(value).flatMap(([key, item]) => schemaOf(item, path === '' ? step(key) : `${path}.${step(key)}`, depth + 1))];
  return path === '' ? [{ path: '(value)', type }] : here;
}

/**
 * The template that reads a field of a node's input, for dropping into a setting: a node with one
 * node upstream receives that node's output (`$nodes.<it>`), one with several receives their
 * outputs keyed by node id.
 */
export function inputFieldTemplate(upstream: readonly string[], path: string): string {
  const base = upstream.length === 1 ? `$nodes.${step(upstream[0]!)}` : '$nodes';
  const field = path === '(value)' ? '' : path.startsWith('[') ? path : `.${path}`;
  return `{{ ${base}${field} }}`;
}
