import { JsonClient, routeOf, signCaller, type Caller, type SignedRoute } from '@omnitron/server-kit';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { FlowGraph, FlowProblem } from '@omnitron/nodes';

/** A flow version as the executions subgraph pins it. */
export interface PinnedFlow {
  readonly id: string;
  readonly version: number;
  readonly graph: FlowGraph;
  /** From the flows subgraph when it validates; `undefined` when it does not (we validate ourselves). */
  readonly valid?: boolean;
  readonly problems?: readonly Pick<FlowProblem, 'code' | 'message' | 'nodeId'>[];
}

/** How the executions subgraph reads flows. An interface so tests can serve it from a small real server. */
export interface FlowsClient {
  /** The flow's current version in the caller's workspace, or null when missing (or another workspace's). */
  currentFlow(caller: Caller, flowId: string): Promise<PinnedFlow | null>;
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

interface FlowFields {
  id: string;
  version: number;
  nodes: FlowGraph['nodes'];
  edges: FlowGraph['edges'];
  valid?: boolean;
  problems?: Array<{ code: string; message: string; nodeId?: string | null; severity?: string }>;
}

const WITH_VALIDATION = `query ($id: ID!) { flow(id: $id) { id version nodes edges valid problems { code message nodeId severity } } }`;
const PLAIN = `query ($id: ID!) { flow(id: $id) { id version nodes edges } }`;

/**
 * Calls the flows subgraph over HTTP, signed as the caller (the same header the gateway sends).
 * Asks for `valid`/`problems` and falls back to the plain fields when the flows schema has none yet.
 */
export class HttpFlowsClient implements FlowsClient {
  private validationFields: boolean | undefined;
  private readonly http: JsonClient;
  private readonly route: SignedRoute;

  constructor(
    url: string,
    private readonly signingKey: string,
    timeoutMs = 10_000,
  ) {
    this.http = new JsonClient({ url, timeoutMs });
    this.route = routeOf('POST', url);
  }

  async currentFlow(caller: Caller, flowId: string): Promise<PinnedFlow | null> {
    if (this.validationFields !== false) {
      const response = await this.post<{ flow: FlowFields | null }>(caller, WITH_VALIDATION, { id: flowId });
      const unknownField = response.errors?.some((e) => /Cannot query field "(valid|problems)"/.test(e.message));
      if (!unknownField) {
        this.validationFields = true;
        return toPinned(unwrap(response).flow);
      }
      this.validationFields = false;
    }
    return toPinned(unwrap(await this.post<{ flow: FlowFields | null }>(caller, PLAIN, { id: flowId })).flow);
  }

  private async post<T>(caller: Caller, query: string, variables: Record<string, unknown>): Promise<GraphqlResponse<T>> {
    try {
      const answer = await this.http.post(JSON.stringify({ query, variables }), { ...signCaller(this.signingKey, this.route, caller), 'content-type': 'application/json' });
      if (answer.body === null || typeof answer.body !== 'object') throw new Error('no JSON answer');
      return answer.body as GraphqlResponse<T>;
    } catch {
      throw new OmnitronError(ErrorCode.INTERNAL, 'The flows service is not reachable');
    }
  }
}

function unwrap<T>(response: GraphqlResponse<T>): T {
  const error = response.errors?.[0];
  if (error || !response.data) {
    const code = error?.extensions?.code === ErrorCode.NOT_FOUND ? ErrorCode.NOT_FOUND : ErrorCode.INTERNAL;
    throw new OmnitronError(code, code === ErrorCode.NOT_FOUND ? 'Flow not found' : 'The flows service answered with an error');
  }
  return response.data;
}

function toPinned(flow: FlowFields | null): PinnedFlow | null {
  if (!flow) return null;
  return {
    id: flow.id,
    version: flow.version,
    graph: { nodes: flow.nodes ?? [], edges: flow.edges ?? [] },
    ...(flow.valid === undefined ? {} : { valid: flow.valid }),
    ...(flow.problems === undefined
      ? {}
      : {
          problems: flow.problems
            .filter((p) => p.severity !== 'warning')
            .map((p) => ({ code: p.code, message: p.message, ...(p.nodeId ? { nodeId: p.nodeId } : {}) })),
        }),
  };
}
