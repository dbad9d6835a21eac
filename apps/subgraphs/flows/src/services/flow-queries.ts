import type { EntityManager } from '@mikro-orm/core';
import { notFound } from '@omnitron/schema';
import { selectRows, sqlRows } from '@omnitron/server-kit';
import { searchPatterns, tagPattern } from '../domain/flow-search';
import { triggerKindsOfIndex, type TriggerKind } from '../domain/flow-triggers';
import { Flow } from '../entities/flow.entity';
import { FlowVersion } from '../entities/flow-version.entity';
import { afterKey, pageSize, toPage, type Page, type PageRequest } from './connection';

export interface FlowListRequest extends PageRequest {
  readonly search?: string | null;
  readonly tag?: string | null;
  /** Only flows that are (true) or are not (false) active. */
  readonly active?: boolean | null;
  /** Only flows with a trigger of this kind. */
  readonly triggerType?: TriggerKind | null;
  /**
   * The GraphQL fields selected on each listed flow: only their columns are read (a page usually
   * needs a few small columns, not the large JSON of `nodes`, `edges` and `problems`).
   * @default every field
   */
  readonly selected?: ReadonlySet<string>;
}

type TimeKey = [number, string];
const isTimeKey = (key: (string | number)[]): key is TimeKey => key.length === 2 && typeof key[0] === 'number' && typeof key[1] === 'string';
const isVersionKey = (key: (string | number)[]): key is [number] => key.length === 1 && typeof key[0] === 'number';

type FlowColumn = keyof Flow & string;

/** Every column a list may read. */
const LIST_COLUMNS: readonly FlowColumn[] = ['id', 'workspaceId', 'ownerId', 'name', 'description', 'tags', 'nodes', 'edges', 'version', 'valid', 'problems', 'active', 'triggerIndex', 'concurrencyLimit', 'concurrencyKey', 'concurrencyKeyLimit', 'priority', 'errorFlowId', 'sampleInput', 'ephemeral', 'ephemeralAllowEffects', 'createdAt', 'updatedAt', 'deletedAt'];

/** Fields of `Flow` that read other columns than their own name: `versions` and `__typename` need only the id. */
const COLUMNS_OF_FIELD: Readonly<Record<string, readonly FlowColumn[]>> = { id: [], __typename: [], versions: [], owner: ['ownerId'], workspace: ['workspaceId'], triggerTypes: ['triggerIndex'], settings: ['concurrencyLimit', 'concurrencyKey', 'concurrencyKeyLimit', 'priority', 'errorFlowId', 'ephemeral', 'ephemeralAllowEffects'] };

/** The columns a page reads: the id, the keyset field, and what the selected fields need (all of them for a field this list does not know). */
function columnsFor(selected: ReadonlySet<string> | undefined, keyField: FlowColumn): readonly FlowColumn[] {
  if (!selected) return LIST_COLUMNS;
  const columns = new Set<FlowColumn>(['id', keyField]);
  for (const field of selected) {
    const needs = COLUMNS_OF_FIELD[field] ?? (LIST_COLUMNS.includes(field as FlowColumn) ? [field as FlowColumn] : undefined);
    if (!needs) return LIST_COLUMNS;
    for (const column of needs) columns.add(column);
  }
  return LIST_COLUMNS.filter((column) => columns.has(column));
}

/** A list's filter as SQL conditions (joined by `and`) and their parameters, in order. */
interface Conditions {
  readonly sql: readonly string[];
  readonly params: readonly unknown[];
}

/** `search_text`/`tag_index` `like` with `\` as escape character, spelled the same on SQLite and PostgreSQL. */
function searchConditions(request: FlowListRequest): Conditions {
  const patterns: Array<readonly [column: string, pattern: string]> = searchPatterns(request.search ?? '').map((pattern) => ['"search_text"', pattern]);
  if (request.tag && request.tag.trim()) patterns.push(['"tag_index"', tagPattern(request.tag)]);
  // Trigger kinds are a fixed vocabulary of letters: nothing in the pattern needs escaping.
  if (request.triggerType) patterns.push(['"trigger_index"', `%|${request.triggerType}|%`]);
  const sql = patterns.map(([column]) => `${column} like ? escape '\\'`);
  const params: unknown[] = patterns.map(([, pattern]) => pattern);
  if (request.active != null) {
    sql.push('"active" = ?');
    params.push(request.active);
  }
  return { sql, params };
}

/** The keyset field's column; the list is ordered by (it desc, id desc). */
const KEY_COLUMNS = { updatedAt: '"updated_at"', deletedAt: '"deleted_at"' } as const;

/**
 * One page of flows as plain rows with Flow's properties, read with one statement written here
 * and sent with bound parameters (see `selectRows`): a page is only read, so creating, hydrating
 * and registering entities, and building the same query through the ORM each time, cost more than
 * the query itself. Keyset on (time desc, id desc): stable while rows are added or edited between pages.
 *
 * Kept because MikroORM's own query API is not within 15 % (#17, measured with the subgraphs in
 * process, `flows(first: 50) { id name }` through the gateway, alternating rounds of the same bench
 * run): the same page read with the query builder (`readRows`, filters as `FilterQuery`, `em.count`)
 * cost the API process 1.3-1.75x the CPU per request (1.06 vs 0.61 ms in the larger run) and PostgreSQL's
 * backends about 2x (0.37 vs 0.22 ms: unnamed statements, parsed and planned each time).
 */
async function pageOfFlows(em: EntityManager, base: Conditions, field: keyof typeof KEY_COLUMNS, request: FlowListRequest): Promise<Page<Flow>> {
  const limit = pageSize(request.first);
  const key = afterKey(request.after, isTimeKey);
  const column = KEY_COLUMNS[field];
  const where = key ? [...base.sql, `(${column} < ? or (${column} = ? and "id" < ?))`] : base.sql;
  const keyParams = key ? [new Date(key[0]), new Date(key[0]), key[1]] : [];
  const rows = await selectRows(em, Flow, {
    fields: columnsFor(request.selected, field),
    rest: `where ${where.join(' and ')} order by ${column} desc, "id" desc limit ?`,
    params: [...base.params, ...keyParams, limit + 1],
  });
  for (const row of rows) withReferences(row);
  const count = async () => Number((await sqlRows(em, `select count(*) as "n" from "flows" where ${base.sql.join(' and ')}`, base.params))[0]!.n);
  return toPage(rows, limit, (flow) => [(flow[field] as Date).getTime(), flow.id], count);
}

/** A plain row gets the `owner` and `workspace` references the entity has as getters (when their columns were read). */
function withReferences(row: Flow): void {
  if (row.ownerId !== undefined) Object.assign(row, { owner: { id: row.ownerId } });
  if (row.workspaceId !== undefined) Object.assign(row, { workspace: { id: row.workspaceId } });
  if (row.triggerIndex !== undefined) Object.assign(row, { triggerTypes: triggerKindsOfIndex(row.triggerIndex) });
}

/**
 * Live flows of a workspace by id, every column but the derived search ones, as plain rows (see
 * `selectRows`): what `flow(id)`, `_entities` and exports read, one statement per batch. Read
 * only: nothing of it is flushed. An executions role pins the flow this way on every
 * `startExecution`, where building the same query through `em.find` and hydrating a managed entity
 * cost more than the read: `em.find` was about 11 % of the API process's CPU under bench stage 3b
 * (#17, started runs followed over graphql-ws), and the API process's CPU per run fell about a
 * quarter with this (alternated bench runs on a loaded machine: 4.7-10.1 ms before, 3.3-5.9 after).
 */
export async function liveFlowsById(em: EntityManager, workspaceId: string, ids: readonly string[]): Promise<Flow[]> {
  if (ids.length === 0) return [];
  const rows = await selectRows(em, Flow, {
    fields: LIST_COLUMNS,
    rest: `where "id" in (${ids.map(() => '?').join(', ')}) and "workspace_id" = ? and "deleted_at" is null`,
    params: [...ids, workspaceId],
  });
  for (const row of rows) withReferences(row);
  return rows;
}

/** Live flows of a workspace, most recently saved first, optionally searched and filtered by tag, trigger kind and activity. */
export function listFlows(em: EntityManager, workspaceId: string, request: FlowListRequest): Promise<Page<Flow>> {
  const search = searchConditions(request);
  return pageOfFlows(em, { sql: ['"workspace_id" = ?', '"deleted_at" is null', ...search.sql], params: [workspaceId, ...search.params] }, 'updatedAt', request);
}

/** The workspace's trash: flows deleted after `cutoff`, most recently deleted first. */
export function listDeletedFlows(em: EntityManager, workspaceId: string, cutoff: Date, request: FlowListRequest): Promise<Page<Flow>> {
  return pageOfFlows(em, { sql: ['"workspace_id" = ?', '"deleted_at" >= ?'], params: [workspaceId, cutoff] }, 'deletedAt', request);
}

/** A flow's history, newest first. The caller has already seen the flow in its workspace. */
export async function listVersions(em: EntityManager, flowId: string, request: PageRequest): Promise<Page<FlowVersion>> {
  const limit = pageSize(request.first);
  const key = afterKey(request.after, isVersionKey);
  const rows = await em.find(
    FlowVersion,
    { flowId, ...(key ? { version: { $lt: key[0] } } : {}) },
    { orderBy: { version: 'desc' }, limit: limit + 1 },
  );
  return toPage(rows, limit, (row) => [row.version], () => em.count(FlowVersion, { flowId }));
}

/** Whether the workspace has this flow, not deleted (a count: large content stays unloaded). */
export async function isLiveFlow(em: EntityManager, workspaceId: string, flowId: string): Promise<boolean> {
  return (await em.count(Flow, { id: flowId, workspaceId, deletedAt: null })) > 0;
}

/**
 * One exact version of a live flow of the workspace (the executions subgraph runs these).
 * Returns null for a missing or deleted flow, another workspace's flow, or a version that does not exist.
 */
export async function findVersion(em: EntityManager, workspaceId: string, flowId: string, version: number): Promise<FlowVersion | null> {
  if (!(await isLiveFlow(em, workspaceId, flowId))) return null;
  return em.findOne(FlowVersion, { flowId, workspaceId, version });
}

/** Both versions of a diff, or NOT_FOUND naming what is missing. */
export async function findVersionPair(em: EntityManager, workspaceId: string, flowId: string, from: number, to: number): Promise<[FlowVersion, FlowVersion]> {
  if (!(await isLiveFlow(em, workspaceId, flowId))) throw notFound(`Flow ${flowId}`);
  const rows = await em.find(FlowVersion, { flowId, workspaceId, version: { $in: [from, to] } });
  const pick = (version: number): FlowVersion => {
    const found = rows.find((row) => row.version === version);
    if (!found) throw notFound(`Version ${version} of flow ${flowId}`);
    return found;
  };
  return [pick(from), pick(to)];
}
