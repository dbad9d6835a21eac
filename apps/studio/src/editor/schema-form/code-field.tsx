import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';
import { tabEdit } from './tab-indent';

const LANGUAGE_NAMES: Readonly<Record<string, string>> = { javascript: 'JavaScript', sql: 'SQL' };

/**
 * Multi-line source text (a code node's body, SQL) in a monospace editor. Tab indents (Shift+Tab
 * outdents) as in any code editor; Escape first, then Tab, moves focus on for keyboard users.
 */
export function CodeField(props: FieldProps<string>) {
  const { path, schema, value, onChange } = props;
  const id = fieldId(path);
  const area = useRef<HTMLTextAreaElement>(null);
  const tabLeaves = useRef(false);
  const selection = useRef<[number, number] | null>(null);
  useLayoutEffect(() => {
    if (selection.current && area.current) area.current.setSelectionRange(...selection.current);
    selection.current = null;
  }, [value]);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      tabLeaves.current = true;
      return;
    }
    if (event.key !== 'Tab' || tabLeaves.current || event.ctrlKey || event.altKey || event.metaKey) {
      tabLeaves.current = false;
      return;
    }
    event.preventDefault();
    const { selectionStart, selectionEnd } = event.currentTarget;
    const edit = tabEdit(value ?? '', selectionStart, selectionEnd, event.shiftKey);
    selection.current = [edit.selectionStart, edit.selectionEnd];
    onChange(edit.text === '' ? undefined : edit.text);
  };
  const language = schema.language ? LANGUAGE_NAMES[schema.language] ?? schema.language : undefined;
  return (
    <FieldLabel {...props}>
      <textarea
        ref={area}
        id={id}
        data-testid={id}
        className="code code-editor"
        rows={Math.min(24, Math.max(6, (value ?? '').split('\n').length + 1))}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        wrap="off"
        aria-describedby={schema.description ? `${id}-help` : undefined}
        placeholder={schema.placeholder}
        value={value ?? ''}
        onKeyDown={onKeyDown}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      />
      {language && <small className="muted">{language} · Tab indents, Esc then Tab leaves</small>}
    </FieldLabel>
  );
}
