import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { Link } from '../router/link';
import { RunControls } from '../run/run-controls';
import { autoLayout } from './auto-layout';
import { EditorActivation } from './editor-activation';
import { useEditor, useEditorContext } from './editor-context';

interface EditorToolbarProps {
  readonly flowId: string;
  readonly onSave: () => void;
  readonly onVersions: () => void;
  readonly onAnalyse: () => void;
  readonly onSettings: () => void;
}

/** Name and tags, history, layout, save, versions, activation and run. */
export function EditorToolbar({ flowId, onSave, onVersions, onAnalyse, onSettings }: EditorToolbarProps) {
  const { store, commands } = useEditorContext();
  const { fitView } = useReactFlow();
  const meta = useEditor((s) => s.meta);
  const dirty = useEditor((s) => s.dirty);
  const version = useEditor((s) => s.version);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const [tagsText, setTagsText] = useState(meta.tags.join(', '));
  const layout = async () => {
    const { nodes, edges } = store.get();
    commands.replaceGraph({ nodes: await autoLayout(nodes, edges), edges });
    requestAnimationFrame(() => void fitView({ padding: 0.2 }));
  };
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Flow editor">
      <label className="sr-only" htmlFor="flow-name">Flow name</label>
      <input id="flow-name" className="flow-name" value={meta.name} onChange={(e) => commands.setMeta({ name: e.target.value })} data-testid="flow-name" />
      <label className="sr-only" htmlFor="flow-tags">Tags</label>
      <input
        id="flow-tags"
        placeholder="tags, comma separated"
        value={tagsText}
        onChange={(e) => setTagsText(e.target.value)}
        onBlur={() => commands.setMeta({ tags: tagsText.split(',').map((t) => t.trim()).filter(Boolean) })}
        data-testid="flow-tags"
      />
      <button type="button" onClick={commands.undo} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)" data-testid="undo">↶</button>
      <button type="button" onClick={commands.redo} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)" data-testid="redo">↷</button>
      <button type="button" onClick={() => void layout()} data-testid="auto-layout">Auto-layout</button>
      <button type="button" onClick={onVersions} data-testid="versions-button">v{version}</button>
      <button type="button" onClick={onAnalyse} data-testid="analyse-button">Analyse</button>
      <button type="button" onClick={onSettings} data-testid="flow-settings-button" title="Concurrency, priority, error flow">Settings</button>
      <Link href={`/executions?flowId=${flowId}`} data-testid="flow-runs-link">Runs</Link>
      <button type="button" onClick={onSave} className={dirty ? 'primary' : ''} data-testid="save-button" title="Save (Ctrl+S)">
        {dirty ? 'Save*' : 'Saved'}
      </button>
      <EditorActivation flowId={flowId} />
      <RunControls flowId={flowId} canRun={!dirty} />
    </div>
  );
}
