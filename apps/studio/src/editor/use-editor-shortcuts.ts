import { useEffect } from 'react';
import { useEditorContext } from './editor-context';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Editor keys: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, Ctrl/⌘+C/V copy/paste,
 * Ctrl/⌘+S save, Delete/Backspace remove the selection. Ignored while typing in a field.
 */
export function useEditorShortcuts(onSave: () => void) {
  const { commands, readOnly } = useEditorContext();
  useEffect(() => {
    if (readOnly) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (mod && key === 'z') run(event.shiftKey ? commands.redo : commands.undo);
      else if (mod && key === 'y') run(commands.redo);
      else if (mod && key === 'c') run(commands.copySelection);
      else if (mod && key === 'v') run(commands.paste);
      else if (mod && key === 's') run(onSave);
      else if (key === 'delete' || key === 'backspace') run(commands.deleteSelected);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands, onSave, readOnly]);
}
