import { createContext, useContext } from 'react';
import { useStore } from './store';
import type { EditorCommands } from './editor-commands';
import type { EditorState, EditorStore } from './editor-state';
import type { NodeTypeInfo } from './flow-types';

export interface EditorContextValue {
  readonly store: EditorStore;
  readonly commands: EditorCommands;
  readonly nodeTypes: ReadonlyMap<string, NodeTypeInfo>;
  /** Read-only canvas: execution replay and the bench. */
  readonly readOnly: boolean;
  /** The saved flow being edited (absent for replays and the bench). */
  readonly flowId?: string;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditorContext outside <EditorContext>');
  return value;
}

/** One slice of the editor state; re-renders only when that slice changes. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorContext().store, selector);
}
