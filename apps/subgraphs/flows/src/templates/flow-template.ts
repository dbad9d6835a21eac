import type { FlowEdge, FlowNode } from '@omnitron/nodes';

/** A helper flow created next to the template's flow (e.g. the per-item flow a `map` runs). */
export interface TemplateSubflow {
  /** Referenced from the main flow's node data as `subflowRef(key)`. */
  readonly key: string;
  /** Appended to the new flow's name: "<name> — <suffix>". */
  readonly suffix: string;
  readonly nodes: FlowNode[];
  readonly edges: FlowEdge[];
}

/** A built-in flow to start from. Every template passes `validateFlow` with no errors. */
export interface FlowTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly tags: string[];
  /**
   * A run input the template works on as it stands (`$input`): shown on the studio's card and
   * prefilled in the run dialog. For a webhook trigger it is what the trigger outputs (`{ body }`).
   */
  readonly sampleInput: unknown;
  readonly nodes: FlowNode[];
  readonly edges: FlowEdge[];
  readonly subflows?: readonly TemplateSubflow[];
}

/** Placeholder for a subflow's id until `createFlowFromTemplate` has created it. */
export const subflowRef = (key: string): string => `template-subflow:${key}`;

/** Lays nodes out left to right so the studio opens the template tidy. */
export const at = (column: number, row = 0): { x: number; y: number } => ({ x: column * 260, y: row * 140 });

/** An edge id derived from its endpoints (templates have no duplicate pairs). */
export function edge(source: string, target: string, sourceHandle?: string): FlowEdge {
  return { id: `${source}->${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) };
}
