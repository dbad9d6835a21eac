import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { AnalysisDialog } from './analysis-dialog';
import { ConfigPanel } from './config-panel';
import { createEditorCommands } from './editor-commands';
import { EditorContext, type EditorContextValue } from './editor-context';
import { createEditorStore, problemsByNode, type EditorSeed } from './editor-state';
import { EditorToolbar } from './editor-toolbar';
import { FlowCanvas } from './flow-canvas';
import { FlowSettingsDialog } from './flow-settings-dialog';
import type { FlowProblemView, NodeTypeInfo } from './flow-types';
import { NodeLoopProvider } from './node-view/node-loop';
import { Palette } from './palette';
import { SaveDialog } from './save-dialog';
import { useAddAtCenter } from './use-add-at-center';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { useLiveValidation } from './use-live-validation';
import { useSaveFlow } from './use-save-flow';
import { useUnsavedGuard } from './use-unsaved-guard';
import { VersionsDialog } from './versions-dialog';

interface FlowEditorProps {
  readonly flowId: string;
  readonly seed: EditorSeed;
  readonly problems: readonly FlowProblemView[];
  readonly nodeTypes: readonly NodeTypeInfo[];
  /** Re-reads the flow from the server and remounts the editor on it. */
  readonly reload: () => void;
}

/** The editor for one flow: owns its store for as long as the flow is open. */
export function FlowEditor({ flowId, seed, problems, nodeTypes, reload }: FlowEditorProps) {
  const context = useMemo<EditorContextValue>(() => {
    const types = new Map(nodeTypes.map((t) => [t.type, t]));
    const store = createEditorStore(seed, types);
    store.set({ problems: problemsByNode(problems) });
    return { store, commands: createEditorCommands(store), nodeTypes: types, readOnly: false, flowId };
  }, [seed, problems, nodeTypes, flowId]);
  return (
    <EditorContext value={context}>
      <ReactFlowProvider>
        <EditorLayout flowId={flowId} reload={reload} />
      </ReactFlowProvider>
    </EditorContext>
  );
}

function EditorLayout({ flowId, reload }: { flowId: string; reload: () => void }) {
  const [dialog, setDialog] = useState<'save' | 'versions' | 'analysis' | 'settings' | null>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const { save, overwrite } = useSaveFlow(flowId);
  const openSave = useCallback(() => setDialog('save'), []);
  const addAtCenter = useAddAtCenter(canvas);
  useEditorShortcuts(openSave);
  useUnsavedGuard();
  useLiveValidation();
  return (
    <NodeLoopProvider flowId={flowId}>
    <div className="editor">
      <EditorToolbar flowId={flowId} onSave={openSave} onVersions={() => setDialog('versions')} onAnalyse={() => setDialog('analysis')} onSettings={() => setDialog('settings')} />
      <div className="editor-body">
        <Palette onAdd={addAtCenter} />
        <div ref={canvas} className="editor-canvas">
          <FlowCanvas />
        </div>
        <ConfigPanel />
      </div>
      {dialog === 'save' && <SaveDialog save={save} overwrite={overwrite} reload={reload} onClose={() => setDialog(null)} />}
      {dialog === 'analysis' && <AnalysisDialog flowId={flowId} onClose={() => setDialog(null)} />}
      {dialog === 'settings' && <FlowSettingsDialog flowId={flowId} onClose={() => setDialog(null)} />}
      {dialog === 'versions' && <VersionsDialog flowId={flowId} onRestored={reload} onClose={() => setDialog(null)} />}
    </div>
    </NodeLoopProvider>
  );
}
