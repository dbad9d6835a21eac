import { useRef } from 'react';
import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

/** A JSONata expression or `{{ }}` template, with the context paths it can read as insertable chips. */
export function ExpressionField(props: FieldProps<string>) {
  const { path, value, onChange, contextPaths } = props;
  const id = fieldId(path);
  const input = useRef<HTMLTextAreaElement>(null);
  const insert = (contextPath: string) => {
    const element = input.current;
    const text = value ?? '';
    const at = element?.selectionStart ?? text.length;
    onChange(text.slice(0, at) + contextPath + text.slice(element?.selectionEnd ?? at));
    element?.focus();
  };
  return (
    <FieldLabel {...props}>
      <textarea ref={input} id={id} data-testid={id} className="code" rows={2} value={value ?? ''} spellCheck={false} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
      <div className="context-paths" aria-label="Available paths">
        {contextPaths.map((p) => (
          <button key={p} type="button" className="chip" onClick={() => insert(p)} data-testid={`insert-path-${p}`}>{p}</button>
        ))}
      </div>
    </FieldLabel>
  );
}
