import { addEdge, applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import type { FlowEdge, FlowNode } from './flow-types';
import type { EditorState, EditorStore, GraphSnapshot } from './editor-state';

const HISTORY_LIMIT = 100;
/** Changes React Flow reports that do not alter the saved flow. */
const VIEW_ONLY = new Set(['select', 'dimensions']);

let counter = 0;
export const newId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Every edit of the graph: each records an undo step (drags record one when they start). */
export function createEditorCommands(store: EditorStore) {
  let clipboard: GraphSnapshot | null = null;
  /** `<node>:<field>` of the last config edit, so typing in one field is one undo step. */
  let lastFieldEdit: string | null = null;
  const snapshot = (s: EditorState): GraphSnapshot => ({ nodes: s.nodes, edges: s.edges });
  const checkpoint = () => {
    lastFieldEdit = null;
    store.set((s) => ({ past: [...s.past.slice(-HISTORY_LIMIT + 1), snapshot(s)], future: [], dirty: true, revision: s.revision + 1 }));
  };
  const edit = (change: (s: EditorState) => Partial<EditorState>) => {
    checkpoint();
    store.set(change);
  };

  return {
    checkpoint,
    onNodesChange(changes: NodeChange<FlowNode>[]) {
      const structural = changes.some((c) => c.type === 'remove' || c.type === 'add');
      if (structural) checkpoint();
      const edits = changes.some((c) => !VIEW_ONLY.has(c.type));
      store.set((s) => ({ nodes: applyNodeChanges(changes, s.nodes), dirty: s.dirty || edits }));
    },
    onEdgesChange(changes: EdgeChange<FlowEdge>[]) {
      if (changes.some((c) => c.type === 'remove')) checkpoint();
      store.set((s) => ({ edges: applyEdgeChanges(changes, s.edges) }));
    },
    connect(connection: Connection) {
      edit((s) => ({ edges: addEdge({ ...connection, id: newId('e') }, s.edges) }));
    },
    addNode(type: string, position: XYPosition, data: Record<string, unknown> = {}) {
      const id = newId(type.split('.')[0]!);
      edit((s) => ({ nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), { id, type, position, data, selected: true }], focusedNodeId: id }));
      return id;
    },
    /** A new node connected from `source`'s output `sourceHandle` to its input `targetHandle`: one undo step. */
    insertAfter(source: string, sourceHandle: string, type: string, position: XYPosition, targetHandle = 'in') {
      const id = newId(type.split('.')[0]!);
      edit((s) => ({
        nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), { id, type, position, data: {}, selected: true }],
        edges: addEdge({ source, sourceHandle, target: id, targetHandle, id: newId('e') }, s.edges),
        focusedNodeId: id,
      }));
      return id;
    },
    /** Typing into one field of one node is one undo step, not one per keystroke. */
    updateNodeData(id: string, data: Record<string, unknown>, field?: string) {
      const key = field ? `${id}:${field}` : null;
      if (key === null || key !== lastFieldEdit) checkpoint();
      lastFieldEdit = key;
      // Config can change the handles (switch cases): drop the estimate so the node is measured again.
      store.set((s) => ({ nodes: s.nodes.map((n) => (n.id === id ? { ...n, data, handles: undefined } : n)), dirty: true, revision: s.revision + 1 }));
    },
    deleteSelected() {
      const s = store.get();
      const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
      if (gone.size === 0 && !s.edges.some((e) => e.selected)) return;
      edit(() => ({
        nodes: s.nodes.filter((n) => !gone.has(n.id)),
        edges: s.edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target)),
        focusedNodeId: s.focusedNodeId && gone.has(s.focusedNodeId) ? null : s.focusedNodeId,
      }));
    },
    copySelection() {
      const s = store.get();
      const nodes = s.nodes.filter((n) => n.selected);
      const ids = new Set(nodes.map((n) => n.id));
      clipboard = { nodes, edges: s.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
    },
    paste() {
      if (!clipboard || clipboard.nodes.length === 0) return;
      const rename = new Map(clipboard.nodes.map((n) => [n.id, newId(n.type?.split('.')[0] ?? 'n')]));
      const nodes = clipboard.nodes.map((n) => ({ ...n, id: rename.get(n.id)!, position: { x: n.position.x + 40, y: n.position.y + 40 }, selected: true }));
      const edges = clipboard.edges.map((e) => ({ ...e, id: newId('e'), source: rename.get(e.source)!, target: rename.get(e.target)!, selected: false }));
      edit((s) => ({ nodes: [...s.nodes.map((n) => ({ ...n, selected: false })), ...nodes], edges: [...s.edges, ...edges] }));
      clipboard = { nodes, edges: clipboard.edges };
    },
    undo() {
      const s = store.get();
      const previous = s.past.at(-1);
      if (!previous) return;
      store.set({ nodes: [...previous.nodes], edges: [...previous.edges], past: s.past.slice(0, -1), future: [snapshot(s), ...s.future], dirty: true, revision: s.revision + 1 });
    },
    redo() {
      const s = store.get();
      const next = s.future[0];
      if (!next) return;
      store.set({ nodes: [...next.nodes], edges: [...next.edges], past: [...s.past, snapshot(s)], future: s.future.slice(1), dirty: true, revision: s.revision + 1 });
    },
    replaceGraph(graph: { nodes: FlowNode[]; edges: FlowEdge[] }, { record = true } = {}) {
      if (record) edit(() => graph);
      else store.set({ ...graph, past: [], future: [], dirty: false });
    },
    setMeta(meta: Partial<EditorState['meta']>) {
      store.set((s) => ({ meta: { ...s.meta, ...meta }, dirty: true }));
    },
    /** After a save or reload: the server's copy is now the base. */
    markSaved(version: number) {
      store.set({ version, dirty: false });
    },
    focusNode(id: string | null) {
      store.set({ focusedNodeId: id });
    },
  };
}

export type EditorCommands = ReturnType<typeof createEditorCommands>;
