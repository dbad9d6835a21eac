import { createRequire } from 'node:module';
import type { ASTVisitor, DocumentNode, GraphQLSchema, OperationDefinitionNode, ValidationContext, ValidationRule } from 'graphql';
import { ErrorCode, type OmnitronError } from '@omnitron/schema';
import type { BaseConfig } from '../config';
import { depthLimit } from './depth-limit';
import type { DocumentLimits } from './document-guard';
import { limitDetails, overLimit, type OperationLimitName } from './limit-refusal';
import { measureOperation, type OperationMeasure } from './operation-measure';

/** graphql's CommonJS entry, the copy the schemas are built with (see operation-executor). */
const { GraphQLError } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/**
 * How much one GraphQL request may ask for, so that one request cannot multiply itself (300
 * aliased `createFlow`s, 1,000 aliased `nodeTypes`). The document limits are checked on the text
 * before parsing (document-guard), the rest by validation rules, all before anything runs.
 */
export interface OperationLimits extends DocumentLimits {
  /** Deepest selection. */
  readonly maxDepth: number;
  /** Aliased fields per operation, fragments counted wherever they are spread. */
  readonly maxAliases: number;
  /** Distinct root fields per operation. */
  readonly maxRootFields: number;
  /** Highest estimated cost per operation (see `measureOperation`). */
  readonly maxCost: number;
  /** Items the cost estimate assumes for a list field without a size argument. */
  readonly listSize: number;
}

/** The limits the shared settings describe (MAX_QUERY_DEPTH, MAX_ALIASES, ...). */
export function operationLimitsOf(
  config: Pick<BaseConfig, 'MAX_QUERY_DEPTH' | 'MAX_ALIASES' | 'MAX_ROOT_FIELDS' | 'MAX_QUERY_COST' | 'QUERY_COST_LIST_SIZE' | 'MAX_QUERY_TOKENS' | 'MAX_QUERY_FRAGMENTS'>,
): OperationLimits {
  return {
    maxDepth: config.MAX_QUERY_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxRootFields: config.MAX_ROOT_FIELDS,
    maxCost: config.MAX_QUERY_COST,
    listSize: config.QUERY_COST_LIST_SIZE,
    maxTokens: config.MAX_QUERY_TOKENS,
    maxFragments: config.MAX_QUERY_FRAGMENTS,
  };
}

/**
 * How many times the gateway's token and cost limits a subgraph allows. Subgraphs check the same
 * limits again, behind the gateway, but the gateway's fetches are not the client's operation: they
 * add `__typename` and key fields at every entity boundary and may spell a fragment out wherever
 * it is spread, so a fetch can outweigh the operation it serves.
 */
export const SUBGRAPH_LIMIT_HEADROOM = 4;

/** A subgraph's limits: the gateway's, with SUBGRAPH_LIMIT_HEADROOM for tokens and cost. */
export function subgraphOperationLimitsOf(config: Parameters<typeof operationLimitsOf>[0]): OperationLimits {
  const limits = operationLimitsOf(config);
  return { ...limits, maxTokens: limits.maxTokens * SUBGRAPH_LIMIT_HEADROOM, maxCost: limits.maxCost * SUBGRAPH_LIMIT_HEADROOM };
}

/** The limits an operation's measure is over, in the order they are reported. */
function exceeded(measure: OperationMeasure, limits: OperationLimits): Array<[OperationLimitName, number, number]> {
  const checks: Array<[OperationLimitName, number, number]> = [
    ['MAX_ALIASES', limits.maxAliases, measure.aliases],
    ['MAX_ROOT_FIELDS', limits.maxRootFields, measure.rootFields],
    ['MAX_QUERY_COST', limits.maxCost, measure.cost],
  ];
  return checks.filter(([, maximum, found]) => found > maximum);
}

/**
 * Validation rules for every operation of a document: its depth, aliases, root fields and cost.
 * A size argument given by a variable is counted as the variable's default (else the default list
 * size) here, where variables are unknown; `costRefusal` counts it with the request's value.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const measureLimits = (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const measure = measureOperation(context.getSchema(), context.getDocument(), node, { listSize: limits.listSize });
      for (const [limit, maximum, found] of exceeded(measure, limits)) {
        const { message, details } = limitDetails(limit, maximum, found);
        context.reportError(new GraphQLError(message, { nodes: [node], extensions: { code: ErrorCode.VALIDATION_FAILED, ...details } }));
      }
      return false;
    },
  });
  return [measureLimits, depthLimit(limits.maxDepth)];
}

/**
 * The refusal of an operation whose cost, counted with the request's variables, is over the
 * limit; undefined when it is within it or no size argument is a variable (the validation rules
 * counted it already).
 */
export function costRefusal(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined, limits: OperationLimits): OmnitronError | undefined {
  if (!variables) return undefined;
  const measure = measureOperation(schema, document, operation, { listSize: limits.listSize, variables });
  return measure.sizedByVariables && measure.cost > limits.maxCost ? overLimit('MAX_QUERY_COST', limits.maxCost, measure.cost) : undefined;
}
