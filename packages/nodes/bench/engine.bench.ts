/**
 * Engine overhead benchmark: in-process, no I/O.
 * overhead per node = (runFlow time - time to evaluate the same JSONata expressions directly) / nodes
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import jsonata from 'jsonata';
import { runFlow } from '../src/engine/run-flow';
import { compileFlow } from '../src/validation/validate-flow';
import type { FlowEdge, FlowGraph, FlowNode } from '../src/types';

interface Scenario {
  name: string;
  flow: FlowGraph;
  /** JSONata sources evaluated by the flow's transform nodes, in any order. */
  expressions: string[];
}

const node = (id: string, type: string, data: Record<string, unknown> = {}): FlowNode => ({ id, type, data });
const edge = (source: string, target: string): FlowEdge => ({ id: `${source}->${target}`, source, target });

function chain(size: number): Scenario {
  const nodes = [node('start', 'trigger.manual')];
  const edges: FlowEdge[] = [];
  for (let index = 1; index < size; index++) {
    nodes.push(node(`t${index}`, 'transform', { expression: '{"n": n + 1}' }));
    edges.push(edge(index === 1 ? 'start' : `t${index - 1}`, `t${index}`));
  }
  return { name: `chain ${size}`, flow: { nodes, edges }, expressions: Array(size - 1).fill('{"n": n + 1}') };
}

function fanOutFanIn(size: number): Scenario {
  const width = size - 2;
  const nodes = [node('start', 'trigger.manual'), node('join', 'merge')];
  const edges: FlowEdge[] = [];
  for (let index = 0; index < width; index++) {
    nodes.push(node(`t${index}`, 'transform', { expression: '$input.n * 2 + 1' }));
    edges.push(edge('start', `t${index}`), edge(`t${index}`, 'join'));
  }
  return { name: `fan-out/fan-in ${size}`, flow: { nodes, edges }, expressions: Array(width).fill('$input.n * 2 + 1') };
}

/** 100 layers of 100 transforms; each node reads two parents of the previous layer. */
function layered(width: number, depth: number): Scenario {
  const nodes = [node('start', 'trigger.manual')];
  const edges: FlowEdge[] = [];
  const id = (layer: number, column: number) => `l${layer}c${column}`;
  for (let layer = 0; layer < depth; layer++) {
    for (let column = 0; column < width; column++) {
      nodes.push(node(id(layer, column), 'transform', { expression: '$input.n + 1' }));
      if (layer === 0) edges.push(edge('start', id(0, column)));
      else edges.push(edge(id(layer - 1, column), id(layer, column)), edge(id(layer - 1, (column + 1) % width), id(layer, column)));
    }
  }
  return { name: `layered ${width * depth + 1}`, flow: { nodes, edges }, expressions: Array(width * depth).fill('$input.n + 1') };
}

// Collect garbage between measured runs so one run's garbage is not billed to the next.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const input = { n: 1 };
const bindings = { input, nodes: {} as Record<string, unknown> };

async function baseline(expressions: string[]): Promise<number> {
  collectGarbage();
  const compiled = new Map(expressions.map((source) => [source, jsonata(source)]));
  const started = performance.now();
  let value: unknown = input;
  for (const source of expressions) value = await compiled.get(source)?.evaluate(value, bindings);
  return performance.now() - started;
}

async function engine(flow: FlowGraph): Promise<number> {
  collectGarbage();
  const started = performance.now();
  const result = await runFlow(flow, input, { maxNodes: 20_000 });
  const elapsed = performance.now() - started;
  if (result.status !== 'SUCCEEDED') throw new Error(`benchmark flow failed: ${JSON.stringify(result.error)}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function measure(scenario: Scenario, runs: number) {
  // Both paths are measured in steady state: enough rounds for V8 to optimise the engine and JSONata alike.
  for (let warm = 0; warm < 20; warm++) {
    await engine(scenario.flow);
    await baseline(scenario.expressions);
  }
  const engineTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    engineTimes.push(await engine(scenario.flow));
    baselineTimes.push(await baseline(scenario.expressions));
  }
  const validateStarted = performance.now();
  compileFlow(scenario.flow, { maxNodes: 20_000 });
  const validationMs = performance.now() - validateStarted;
  const nodes = scenario.flow.nodes.length;
  const engineMs = median(engineTimes);
  const baselineMs = median(baselineTimes);
  return {
    scenario: scenario.name,
    nodes,
    'engine ms': engineMs.toFixed(1),
    'baseline ms': baselineMs.toFixed(1),
    'validation ms': validationMs.toFixed(1),
    'overhead µs/node': (((engineMs - baselineMs) * 1000) / nodes).toFixed(2),
  };
}

async function main(): Promise<void> {
  const rows = [];
  rows.push(await measure(chain(1_000), 11));
  rows.push(await measure(fanOutFanIn(1_000), 11));
  const big = layered(100, 100);
  rows.push(await measure(big, 5));
  console.log(`Node ${process.version}, ${new Date().toISOString()}`);
  console.table(rows);

  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = await runFlow(big.flow, input, { maxNodes: 20_000 });
  const totalMs = performance.now() - started;
  const heapAfter = process.memoryUsage().heapUsed;
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  console.table([
    {
      flow: big.name,
      status: result.status,
      'total ms': totalMs.toFixed(1),
      'under 1 s': totalMs < 1_000 ? 'yes' : 'NO',
      'heap used after': mib(heapAfter),
      'heap growth during run': mib(heapAfter - heapBefore),
    },
  ]);
}

await main();
