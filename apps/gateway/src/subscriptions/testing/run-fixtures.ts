import { buildSubgraphSchema, printSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { parse } from 'graphql';
import { composeSupergraph } from '@omnitron/schema/compose';
import { FEDERATION_LINK, JSONScalar, notFound, TERMINAL_EVENT_TYPES, type ExecutionEventRecord, type ExecutionEventType } from '@omnitron/schema';
import { BoundedQueue } from '../bounded-queue';
import { FixtureSubgraph, type FixtureContext } from './fixture-subgraph';

/** One event as the fixture's executions subgraph stores and streams it: the shared wire shape. */
export type FixtureEvent = ExecutionEventRecord;

interface FixtureExecution {
  readonly id: string;
  readonly workspaceId: string;
  readonly flowId: string;
  status: string;
  readonly events: FixtureEvent[];
  readonly followers: Set<BoundedQueue<{ executionEvents: FixtureEvent }>>;
}

const runsSdl = `${FEDERATION_LINK}
scalar JSON
type Query { execution(id: ID!): Execution }
type Subscription { executionEvents(executionId: ID!, afterSeq: Int): ExecutionEvent! }
type ExecutionEvent { seq: Int! type: String! nodeId: String at: String! data: JSON execution: Execution! }
type Execution @key(fields: "id") { id: ID! status: String! flow: Flow! }
type Flow @key(fields: "id", resolvable: false) { id: ID! }
`;

const catalogSdl = `${FEDERATION_LINK}
type Query { flow(id: ID!): Flow }
type Flow @key(fields: "id") { id: ID! name: String! owner: User! }
type User @key(fields: "id") { id: ID! email: String! }
"Contributes a field to the subscribed entity."
type Execution @key(fields: "id") { id: ID! label: String! }
`;

/**
 * The executions side of the fixture: in-memory executions whose events are published by the
 * test and streamed like the real subgraph does (stored ones after `afterSeq`, then live ones,
 * ending after the terminal event; another workspace's execution is NOT_FOUND).
 */
export class RunsFixture {
  private readonly executions = new Map<string, FixtureExecution>();
  /** Subscriptions the subgraph accepted (the gateway's upstream subscriptions). */
  subscriptions = 0;
  readonly subgraph: FixtureSubgraph;

  constructor(signingKey: string) {
    const resolvers = {
      JSON: JSONScalar,
      Query: { execution: (_: unknown, { id }: { id: string }, ctx: FixtureContext) => this.visible(id, ctx) },
      Subscription: {
        executionEvents: {
          subscribe: (_: unknown, args: { executionId: string; afterSeq?: number | null }, ctx: FixtureContext) => this.follow(args, ctx),
          resolve: (payload: { executionEvents: FixtureEvent }) => payload.executionEvents,
        },
      },
      ExecutionEvent: { execution: (event: FixtureEvent) => this.executions.get(event.executionId) },
      Execution: {
        __resolveReference: (ref: { id: string }, ctx: FixtureContext) => this.visible(ref.id, ctx),
        flow: (execution: FixtureExecution) => ({ id: execution.flowId }),
      },
    } as unknown as GraphQLResolverMap<FixtureContext>;
    this.subgraph = new FixtureSubgraph('executions', buildSubgraphSchema([{ typeDefs: parse(runsSdl), resolvers }]), signingKey);
  }

  createExecution(id: string, workspaceId: string, flowId: string): void {
    this.executions.set(id, { id, workspaceId, flowId, status: 'QUEUED', events: [], followers: new Set() });
  }

  /** Appends the next event (seq is gapless from 1) and streams it to every follower. */
  publish(executionId: string, type: ExecutionEventType, data: unknown = null, nodeId: string | null = null): FixtureEvent {
    const execution = this.executions.get(executionId)!;
    const event: FixtureEvent = { executionId, seq: execution.events.length + 1, type, nodeId, at: new Date().toISOString(), data };
    execution.events.push(event);
    execution.status = type === 'EXECUTION_STARTED' ? 'RUNNING' : TERMINAL_EVENT_TYPES.has(type) ? type.replace('EXECUTION_', '') : execution.status;
    for (const follower of execution.followers) {
      follower.push({ executionEvents: event });
      if (TERMINAL_EVENT_TYPES.has(type)) follower.end();
    }
    return event;
  }

  private visible(id: string, ctx: FixtureContext): FixtureExecution | null {
    const execution = this.executions.get(id);
    return execution && execution.workspaceId === ctx.caller?.workspaceId ? execution : null;
  }

  private follow({ executionId, afterSeq }: { executionId: string; afterSeq?: number | null }, ctx: FixtureContext): AsyncIterable<unknown> {
    const execution = this.visible(executionId, ctx);
    if (!execution) throw notFound('Execution');
    this.subscriptions += 1;
    const queue: BoundedQueue<{ executionEvents: FixtureEvent }> = new BoundedQueue(1_000_000, () => execution.followers.delete(queue));
    for (const event of execution.events.slice(afterSeq ?? 0)) {
      queue.push({ executionEvents: event });
      if (TERMINAL_EVENT_TYPES.has(event.type)) {
        queue.end();
        return queue;
      }
    }
    execution.followers.add(queue);
    return queue;
  }
}

/** The flows side: flow names and owners, and `Execution.label`, resolved from another subgraph. */
export class CatalogFixture {
  readonly subgraph: FixtureSubgraph;
  readonly flows = new Map<string, { name: string; ownerId: string }>();
  readonly users = new Map<string, string>();

  constructor(signingKey: string) {
    const resolvers = {
      Query: { flow: (_: unknown, { id }: { id: string }) => this.flow(id) },
      Flow: {
        __resolveReference: (ref: { id: string }) => this.flow(ref.id),
        owner: (flow: { ownerId: string }) => ({ id: flow.ownerId }),
      },
      User: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id, email: this.users.get(ref.id) }),
        email: (user: { id: string }) => this.users.get(user.id),
      },
      Execution: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
        label: (execution: { id: string }) => `run ${execution.id}`,
      },
    } as unknown as GraphQLResolverMap<FixtureContext>;
    this.subgraph = new FixtureSubgraph('flows', buildSubgraphSchema([{ typeDefs: parse(catalogSdl), resolvers }]), signingKey);
  }

  private flow(id: string): { id: string; name: string; ownerId: string } | null {
    const flow = this.flows.get(id);
    return flow ? { id, ...flow } : null;
  }
}

/** Composes the two fixtures the way the build composes the real subgraphs. */
export function composeFixtureSupergraph(runs: RunsFixture, catalog: CatalogFixture): string {
  return composeSupergraph([
    { name: 'executions', url: runs.subgraph.url, sdl: printSubgraphSchema(runs.subgraph.schema) },
    { name: 'flows', url: catalog.subgraph.url, sdl: printSubgraphSchema(catalog.subgraph.schema) },
  ]);
}
