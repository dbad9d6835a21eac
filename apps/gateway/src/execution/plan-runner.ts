import type { GraphQLDataSource, ServiceMap } from '@apollo/gateway';
import { applyRewrites, isObjectOfType } from '@apollo/gateway/dist/dataRewrites.js';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { generateHydratedPaths } from '@apollo/gateway/dist/executeQueryPlan.js';
import { computeResponse } from '@apollo/gateway/dist/resultShaping.js';
import { deepMerge } from '@apollo/gateway/dist/utilities/deepMerge.js';
import { ERRORS, errorCodeDef, type Operation } from '@apollo/federation-internals';
import { evaluateCondition, getResponseName, type FetchNode, type PlanNode, type QueryPlan, type QueryPlanSelectionNode, type ResponsePath } from '@apollo/query-planner';
import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { createRequire } from 'node:module';
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { UNCLEAN, type ResponseShaper } from './response-shaper';

/** graphql's CommonJS entry, the copy `@apollo/*` build their errors with. */
const { GraphQLError: GraphQLErrorClass } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** An operation planned once, with what running it needs besides the request. */
export interface PlannedOperation {
  readonly plan: QueryPlan;
  /** The operation as federation-internals models it over the API schema (what shaping walks). */
  readonly operation: Operation;
  /** Shapes clean merged data without Apollo's `computeResponse` (undefined: always Apollo's). */
  readonly shaper?: ResponseShaper;
}

/** Where in the merged data a plan node works: the path so far and the objects there. */
interface Cursor {
  readonly path: ResponsePath;
  readonly data: unknown;
  readonly fullResult: Record<string, unknown>;
}

interface Run {
  readonly planned: PlannedOperation;
  readonly services: ServiceMap;
  readonly requestContext: GatewayGraphQLRequestContext;
  readonly errors: GraphQLError[];
}

type ResultMap = Record<string, unknown>;

/**
 * Runs a query plan the way `@apollo/gateway`'s `executeQueryPlan` does — same fetches, same
 * variables and representations, same merging, same errors and error paths — without its
 * per-request work that does not change the answer: no OpenTelemetry spans, no usage-reporting
 * trace nodes (the gateway never reports traces), and the operation model built once per
 * document instead of once per request. Clean merged data is shaped by the operation's compiled
 * `ResponseShaper`; anything else by Apollo's own `computeResponse`.
 *
 * Plans with `@defer` or subscription nodes are not run here (`runs` says which are).
 *
 * Kept, though it imports private modules of `@apollo/gateway` (pinned: re-check them on every
 * upgrade), because the public path is not within 15 % (#17, measured with the subgraphs in
 * process, `flows(first: 50)` through the gateway, alternating rounds of the same bench run, two
 * runs): `ApolloGateway`'s own executor cost the API process 1.3-1.8x this runner's CPU per
 * request (medians of the same-round ratios; 1.53 vs 0.88 ms with the owner's identity hop,
 * 1.12 vs 0.61 ms without it, in the larger run).
 */
export class PlanRunner {
  /** How many results were shaped by a compiled shaper, and how many by Apollo's `computeResponse`. */
  readonly shaped = { compiled: 0, apollo: 0 };

  constructor(
    /** The supergraph as graphql-js (rewrites and type conditions of `@requires` selections). */
    private readonly supergraphSchema: GraphQLSchema,
  ) {}

  /** Whether this runner can run `plan` with `services` (every node kind it knows; every subgraph served). */
  runs(plan: QueryPlan, services: ServiceMap): boolean {
    const known = (node: PlanNode | undefined): boolean => {
      if (!node) return true;
      switch (node.kind) {
        case 'Fetch':
          return node.serviceName in services;
        case 'Sequence':
        case 'Parallel':
          return node.nodes.every(known);
        case 'Flatten':
          return known(node.node);
        case 'Condition':
          return known(node.ifClause) && known(node.elseClause);
        default:
          return false;
      }
    };
    return plan.node?.kind !== 'Subscription' && known(plan.node as PlanNode | undefined);
  }

  async run(planned: PlannedOperation, requestContext: GatewayGraphQLRequestContext, services: ServiceMap): Promise<GatewayExecutionResult> {
    const run: Run = { planned, requestContext, services, errors: [] };
    const merged = Object.create(null) as ResultMap;
    if (planned.plan.node) await this.node(run, planned.plan.node as PlanNode, { path: [], data: merged, fullResult: merged });
    const { errors } = run;
    let data: Record<string, unknown> | null | undefined;
    try {
      const shaped = planned.shaper ? planned.shaper(merged) : UNCLEAN;
      if (shaped !== UNCLEAN) {
        data = shaped;
        this.shaped.compiled++;
      } else {
        this.shaped.apollo++;
        let postProcessingErrors: GraphQLError[];
        ({ data, errors: postProcessingErrors } = computeResponse({
          operation: planned.operation,
          variables: requestContext.request.variables,
          input: merged,
          introspectionHandling: () => {
            // PreparedOperations leaves documents that introspect to Apollo Server.
            throw new Error('Introspection is not answered by the plan runner');
          },
        }));
        if (errors.length === 0 && postProcessingErrors.length > 0) return { extensions: { valueCompletion: postProcessingErrors }, data };
      }
    } catch (error) {
      if (isGraphQLError(error)) return { errors: [error] };
      if (error instanceof Error) return { errors: [new GraphQLErrorClass(error.message, { originalError: error })] };
      requestContext.logger?.error(`Unexpected error during query plan execution: ${String(error)}`);
      return { errors: [new GraphQLErrorClass('Unexpected error during query plan execution')] };
    }
    return errors.length === 0 ? { data } : { errors, data };
  }

  private async node(run: Run, node: PlanNode, cursor: Cursor | undefined): Promise<void> {
    if (!cursor) return;
    switch (node.kind) {
      case 'Sequence':
        for (const child of node.nodes) await this.node(run, child, cursor);
        return;
      case 'Parallel':
        await Promise.all(node.nodes.map((child) => this.node(run, child, cursor)));
        return;
      case 'Flatten':
        return this.node(run, node.node, moveIntoCursor(cursor, node.path));
      case 'Fetch':
        try {
          await this.fetch(run, node, cursor);
        } catch (error) {
          run.errors.push(error as GraphQLError);
        }
        return;
      case 'Condition': {
        const { variables } = run.requestContext.request;
        const branch = evaluateCondition(node, run.planned.operation.variableDefinitions, variables) ? node.ifClause : node.elseClause;
        if (branch) await this.node(run, branch, cursor);
        return;
      }
      default:
        throw new Error(`The plan runner cannot run a ${node.kind} node`);
    }
  }

  private async fetch(run: Run, fetch: FetchNode, cursor: Cursor): Promise<void> {
    const service = run.services[fetch.serviceName];
    if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
    const entities = (Array.isArray(cursor.data) ? cursor.data.filter((entity) => entity !== null && entity !== undefined) : [cursor.data]) as ResultMap[];
    if (entities.length < 1) return;
    const variables = Object.create(null) as Record<string, unknown>;
    const provided = run.requestContext.request.variables;
    for (const name of fetch.variableUsages ?? []) {
      if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
    }
    if (!fetch.requires) {
      const received = await this.send(run, service, fetch, cursor, variables);
      if (received) applyRewrites(this.supergraphSchema, fetch.outputRewrites, received);
      for (const entity of entities) deepMerge(entity, received);
      return;
    }
    const representations: ResultMap[] = [];
    const representationToEntity: number[] = [];
    entities.forEach((entity, index) => {
      const representation = this.selectionOf(entity, fetch.requires!);
      if (representation && representation.__typename) {
        applyRewrites(this.supergraphSchema, fetch.inputRewrites, representation);
        representations.push(representation);
        representationToEntity.push(index);
      }
    });
    if (representations.length < 1) return;
    if ('representations' in variables) throw new Error(`Variables cannot contain key "representations"`);
    const received = await this.send(run, service, fetch, cursor, { ...variables, representations });
    if (!received) return;
    const receivedEntities = received._entities;
    if (!Array.isArray(receivedEntities)) throw new Error(`Expected "data._entities" in response to be an array`);
    if (receivedEntities.length !== representations.length) throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
    // As executeQueryPlan: over every entity, not only those that had a representation.
    for (let index = 0; index < entities.length; index++) {
      const receivedEntity = receivedEntities[index] as ResultMap | null | undefined;
      const existingEntity = entities[representationToEntity[index]!];
      if (receivedEntity && !receivedEntity.__typename) receivedEntity.__typename = existingEntity!.__typename;
      applyRewrites(this.supergraphSchema, fetch.outputRewrites, receivedEntity as ResultMap);
      deepMerge(entities[representationToEntity[index]!], receivedEntity);
    }
  }

  /** The fetch's answer's data, its errors (paths made the client's) added to the run's. */
  private async send(run: Run, service: GraphQLDataSource, fetch: FetchNode, cursor: Cursor, variables: Record<string, unknown>): Promise<ResultMap | null | undefined> {
    const { requestContext } = run;
    const response = await service.process({
      kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
      request: { query: fetch.operation, variables, operationName: fetch.operationName },
      incomingRequestContext: requestContext,
      context: requestContext.context,
      document: fetch.operationDocumentNode,
      pathInIncomingRequest: cursor.path,
    });
    if (response.errors) {
      const pathOf = lazyErrorPaths(fetch, cursor);
      run.errors.push(...response.errors.map((error) => downstreamServiceError(error, fetch.serviceName, pathOf)));
      if (!response.extensions?.ftv1) {
        const errorPaths = response.errors.map((error) => ({ subgraph: fetch.serviceName, path: error.path }));
        const metrics = requestContext.metrics as { nonFtv1ErrorPaths?: Array<{ subgraph: string; path: unknown }> };
        if (metrics.nonFtv1ErrorPaths) metrics.nonFtv1ErrorPaths.push(...errorPaths);
        else metrics.nonFtv1ErrorPaths = errorPaths;
      }
    }
    return response.data as ResultMap | null | undefined;
  }

  /** A `@requires`/key selection of `source` (executeQueryPlan's executeSelectionSet). */
  private selectionOf(source: ResultMap | null, selections: readonly QueryPlanSelectionNode[]): ResultMap | null {
    if (source === null) return null;
    const result = Object.create(null) as ResultMap;
    for (const selection of selections) {
      if (selection.kind === 'Field') {
        const responseName = getResponseName(selection);
        const nested = selection.selections;
        const value = source[responseName];
        if (!Object.hasOwn(source, responseName) || value === undefined) return null;
        if (Array.isArray(value)) result[responseName] = value.map((item) => (nested ? this.selectionOf(item as ResultMap | null, nested) : item));
        else if (nested) result[responseName] = this.selectionOf(value as ResultMap | null, nested);
        else result[responseName] = value;
      } else {
        if (!selection.typeCondition || !source) continue;
        if (isObjectOfType(this.supergraphSchema, source, selection.typeCondition)) deepMerge(result, this.selectionOf(source, selection.selections));
      }
    }
    return result;
  }
}

function moveIntoCursor(cursor: Cursor, path: ResponsePath): Cursor | undefined {
  const data = flattenResultsAtPath(cursor.data, path);
  return data ? { path: cursor.path.concat(path), data, fullResult: cursor.fullResult } : undefined;
}

function flattenResultsAtPath(value: unknown, path: ResponsePath): unknown {
  if (path.length === 0 || value === undefined || value === null) return value;
  const [current, ...rest] = path;
  if (current === '@') return (value as unknown[]).flatMap((element) => flattenResultsAtPath(element, rest));
  if (typeof current !== 'string') throw new Error(`Unexpected ${typeof current} found in path`);
  if (Array.isArray(value)) throw new Error(`Unexpected array in result for path element ${current}`);
  const object = value as ResultMap;
  return flattenResultsAtPath(Object.hasOwn(object, current) ? object[current] : undefined, rest);
}

/** Turns a subgraph's error path into the client's (an `_entities` index into the entity's own path). */
function lazyErrorPaths(fetch: FetchNode, cursor: Cursor): (path: GraphQLFormattedError['path']) => ResponsePath | undefined {
  let hydratedPaths: ResponsePath[] | undefined;
  return (errorPath) => {
    if (fetch.requires && typeof errorPath?.[1] === 'number') {
      if (!hydratedPaths) {
        hydratedPaths = [];
        generateHydratedPaths([], cursor.path, cursor.fullResult, hydratedPaths);
      }
      return [...(hydratedPaths[errorPath[1]] ?? []), ...errorPath.slice(2)];
    }
    return errorPath ? [...cursor.path, ...errorPath] : undefined;
  };
}

/** A subgraph's error as the client sees it: its message and extensions, the subgraph named, coded. */
function downstreamServiceError(original: GraphQLFormattedError, serviceName: string, pathOf: (path: GraphQLFormattedError['path']) => ResponsePath | undefined): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const { extensions } = original;
  const options = { originalError: original as Error, path: pathOf(original.path), extensions: { ...extensions, serviceName } };
  const codeDef = errorCodeDef(original as GraphQLError);
  if (!codeDef && extensions?.code) return new GraphQLErrorClass(message, options);
  return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options) as unknown as GraphQLError;
}

/** By shape: errors may come from either copy of graphql. */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && typeof (error as GraphQLError).toJSON === 'function' && typeof (error as GraphQLError).extensions === 'object';
}
