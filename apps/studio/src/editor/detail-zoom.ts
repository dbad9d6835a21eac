import type { ReactFlowState } from '@xyflow/react';

/**
 * Below this zoom node text is unreadable and handles too small to grab: the canvas stops drawing
 * React Flow's nodes and edges and draws the flow's overview instead (`flow-overview.tsx`).
 */
export const DETAIL_ZOOM = 0.4;

/** React Flow store selector: is the canvas zoomed out below `DETAIL_ZOOM`? */
export const isZoomedOut = (s: Pick<ReactFlowState, 'transform'>) => s.transform[2] < DETAIL_ZOOM;
