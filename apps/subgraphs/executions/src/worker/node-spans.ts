import type { EngineEvent, FlowGraph, NodeRunRecord } from '@omnitron/nodes';
import { activeTraceContext, SpanStatusCode, tracerFor, tracingEnabled, type Context, type Span } from '@omnitron/server-kit';

/**
 * A span per node of one run (tracing on), from the engine's events: opened at the node's first
 * NODE_STARTED, ended when it settles, a child of the run's span. Its attributes say which node
 * (`omnitron.node.id`, `omnitron.node.type`), how it ended (`omnitron.node.status`, and the error's
 * code) and on which attempt; never its input, output, logs or error message, which hold user data.
 */
export class NodeSpans {
  private readonly open = new Map<string, Span>();
  private types: Map<string, string> | undefined;

  private constructor(
    private readonly graph: FlowGraph,
    private readonly parent: Context,
  ) {}

  /** The observer of `next` with a span per node, or `next` itself while tracing is off. */
  static observing(graph: FlowGraph, next: ((event: EngineEvent) => void) | undefined): ((event: EngineEvent) => void) | undefined {
    if (!tracingEnabled()) return next;
    const spans = new NodeSpans(graph, activeTraceContext());
    return (event) => {
      spans.observe(event);
      next?.(event);
    };
  }

  private observe(event: EngineEvent): void {
    switch (event.type) {
      case 'NODE_STARTED':
        this.started(event.nodeId, event.attempt);
        return;
      case 'NODE_RETRYING':
        this.open.get(event.nodeId)?.addEvent('retry', { 'omnitron.node.attempt': event.attempt, 'omnitron.node.error_code': event.error.code, 'omnitron.node.retry_delay_ms': event.delayMs });
        return;
      case 'NODE_SUCCEEDED':
      case 'NODE_FAILED':
      case 'NODE_SKIPPED':
        this.settled(event.record);
        return;
      case 'LOG':
        return;
    }
  }

  private started(nodeId: string, attempt: number): void {
    const span = this.open.get(nodeId) ?? this.startSpan(nodeId);
    span.setAttribute('omnitron.node.attempt', attempt);
  }

  private settled(record: NodeRunRecord): void {
    // A skipped node never started: its span opens and ends here.
    const span = this.open.get(record.nodeId) ?? this.startSpan(record.nodeId);
    this.open.delete(record.nodeId);
    span.setAttribute('omnitron.node.status', record.status);
    span.setAttribute('omnitron.node.attempt', record.attempts);
    if (record.status === 'FAILED') {
      span.setAttribute('omnitron.node.error_code', record.error?.code ?? 'UNKNOWN');
      span.setStatus({ code: SpanStatusCode.ERROR, message: record.error?.code });
    }
    span.end();
  }

  private startSpan(nodeId: string): Span {
    const type = this.typeOf(nodeId);
    const span = tracerFor('worker').startSpan(`node ${type}`, { attributes: { 'omnitron.node.id': nodeId, 'omnitron.node.type': type } }, this.parent);
    this.open.set(nodeId, span);
    return span;
  }

  private typeOf(nodeId: string): string {
    this.types ??= new Map(this.graph.nodes.map((node) => [node.id, node.type]));
    return this.types.get(nodeId) ?? 'unknown';
  }
}
