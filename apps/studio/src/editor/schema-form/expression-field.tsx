import { useContext, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { applyCompletion, completionAt, type Completion } from './completion';
import { ExpressionPreview } from './expression-preview';
import { ExpressionScopeContext } from './expression-scope';
import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

/**
 * A JSONata expression (or, for `widget: "template"`, text with `{{ }}` parts): completes `$input`,
 * `$nodes.<id>` and the paths found in the node's data as they are typed, and shows the value the
 * text evaluates to against that data, or the error and where it is.
 */
export function ExpressionField(props: FieldProps<string>) {
  const { path, schema, value, onChange } = props;
  const id = fieldId(path);
  const scope = useContext(ExpressionScopeContext);
  const template = schema.widget === 'template';
  const text = value ?? '';
  const input = useRef<HTMLTextAreaElement>(null);
  const caretAfter = useRef<number | null>(null);
  const [completion, setCompletion] = useState<Completion>();
  const [active, setActive] = useState(0);
  useLayoutEffect(() => {
    if (caretAfter.current !== null) input.current?.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  }, [value]);
  const suggest = (next: string, caret: number) => {
    setCompletion(completionAt(next, caret, scope.paths));
    setActive(0);
  };
  const choose = (option: string) => {
    if (!completion) return;
    const caret = input.current?.selectionStart ?? text.length;
    const applied = applyCompletion(text, caret, completion, option);
    caretAfter.current = applied.caret;
    onChange(applied.text);
    setCompletion(completionAt(applied.text, applied.caret, scope.paths));
    setActive(0);
    input.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!completion) return;
    const count = completion.options.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      choose(completion.options[active]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setCompletion(undefined);
    }
  };
  const listId = `${id}-completions`;
  return (
    <FieldLabel {...props}>
      <div className="expression-editor">
        <textarea
          ref={input}
          id={id}
          data-testid={id}
          className="code"
          rows={Math.min(8, Math.max(2, text.split('\n').length))}
          spellCheck={false}
          placeholder={schema.placeholder}
          value={text}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={completion !== undefined}
          aria-controls={listId}
          aria-activedescendant={completion ? `${listId}-${active}` : undefined}
          aria-describedby={`${id}-preview${schema.description ? ` ${id}-help` : ''}`}
          onKeyDown={onKeyDown}
          onBlur={() => setCompletion(undefined)}
          onChange={(e) => {
            onChange(e.target.value === '' ? undefined : e.target.value);
            suggest(e.target.value, e.target.selectionStart);
          }}
        />
        {completion && (
          <ul className="completions" role="listbox" id={listId} data-testid={`${id}-completions`}>
            {completion.options.map((option, index) => (
              <li
                key={option}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'active' : undefined}
                // Before the textarea's blur, which closes the list.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(option);
                }}
              >
                {option}
              </li>
            ))}
          </ul>
        )}
      </div>
      <ExpressionPreview id={`${id}-preview`} text={text} template={template} />
    </FieldLabel>
  );
}
