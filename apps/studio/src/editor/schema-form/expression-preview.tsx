import { useContext } from 'react';
import { lineAndColumn } from './completion';
import { ExpressionScopeContext } from './expression-scope';
import { useExpressionPreview } from './use-expression-preview';

/** Longest preview shown; the value itself can be much larger. */
const SHOWN_CHARS = 2_000;

const SOURCE_NAMES = { pinned: 'pinned data', run: 'the last run', none: 'an empty input' } as const;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value, null, 2);
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}

/** The value an expression field's text gives against the node's data, or its error with a caret under the spot. */
export function ExpressionPreview({ id, text, template }: { id: string; text: string; template: boolean }) {
  const scope = useContext(ExpressionScopeContext);
  const preview = useExpressionPreview(text, template, scope.data);
  if (preview.state === 'idle') return <div id={id} />;
  const against = <span className="muted"> against {SOURCE_NAMES[scope.source]}</span>;
  if (preview.state === 'error') {
    const at = preview.position === null ? undefined : lineAndColumn(text, preview.position);
    const line = at ? text.split('\n')[at.line - 1] ?? '' : '';
    return (
      <div id={id} className="expression-preview expression-preview-error" role="alert" data-testid={`${id}`} data-state="error">
        <span data-testid={`${id}-message`}>{preview.message}</span>
        {at && (
          <>
            {' '}<span data-testid={`${id}-position`}>(line {at.line}, column {at.column})</span>
            <pre aria-hidden="true">{line}{'\n'}{' '.repeat(at.column - 1)}^</pre>
          </>
        )}
      </div>
    );
  }
  return (
    <div id={id} className="expression-preview" aria-live="polite" aria-busy={preview.state === 'pending'} data-testid={id} data-state={preview.state}>
      <small>Result{against}</small>
      {preview.state === 'value' && <pre data-testid={`${id}-value`}>{preview.hasValue ? shown(preview.value) : '(no value)'}</pre>}
      {preview.state === 'pending' && <pre className="muted">…</pre>}
      {preview.state === 'unavailable' && <p className="error">{preview.message}</p>}
    </div>
  );
}
