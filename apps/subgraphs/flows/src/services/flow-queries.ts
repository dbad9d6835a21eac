import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { notFound } from '@omnitron/schema';
import { readRows } from '@omnitron/server-kit';
import { searchPatterns, tagPattern } from '../domain/flow-search';
import { Flow } from '../entities/flow.entity';
import { FlowVersion } from '../entities/flow-version.entity';
import { afterKey, pageSize, toPage, type Page, type PageRequest } from './connection';

export interface FlowListRequest extends PageRequest {
  readonly search?: string | null;
  readonly tag?: string | null;
  /** Load `nodes`, `edges` and `problems` (large JSON); lists usually need only metadata. @default true */
  readonly withContent?: boolean;
}

/** Content columns lists skip unless selected (the derived `searchText`/`tagIndex` no reader needs). */
const CONTENT_COLUMNS = ['nodes', 'edges', 'problems'] as const;

type TimeKey = [number, string];
const isTimeKey = (key: (string | number)[]): key is TimeKey => key.length === 2 && typeof key[0] === 'number' && typeof key[1] === 'string';
const isVersionKey = (key: (string | number)[]): key is [number] => key.length === 1 && typeof key[0] === 'number';

/** `column like pattern` with `\` as escape character, spelled the same on SQLite and PostgreSQL. */
const like = (column: string, pattern: string): FilterQuery<Flow> =>
  ({ [raw((alias) => `${alias}.${column} like ? escape '\\'`, [pattern])]: [] }) as FilterQuery<Flow>;

function searchFilters(request: FlowListRequest): FilterQuery<Flow>[] {
  const filters = searchPatterns(request.search ?? '').map((pattern) => like('search_text', pattern));
  if (request.tag && request.tag.trim()) filters.push(like('tag_index', tagPattern(request.tag)));
  return filters;
}

/** Keyset on (time desc, id desc): stable while rows are added or edited between pages. */
function keysetAfter(field: 'updatedAt' | 'deletedAt', key: TimeKey | undefined): FilterQuery<Flow>[] {
  if (!key) return [];
  const at = new Date(key[0]);
  return [{ $or: [{ [field]: { $lt: at } }, { [field]: at, id: { $lt: key[1] } }] } as FilterQuery<Flow>];
}

/** Every column a list may read; `exclude` takes some away. */
const LIST_COLUMNS = ['id', 'workspaceId', 'ownerId', 'name', 'description', 'tags', 'nodes', 'edges', 'version', 'valid', 'problems', 'createdAt', 'updatedAt', 'deletedAt'] as const;

/**
 * One page of flows as plain rows with Flow's properties (mapped and typed by the driver), not
 * managed entities: a page is only read, so creating, hydrating and registering 51 entities in the
 * identity map was the largest cost of a list request.
 */
async function pageOfFlows(em: EntityManager, base: FilterQuery<Flow>[], field: 'updatedAt' | 'deletedAt', request: FlowListRequest): Promise<Page<Flow>> {
  const limit = pageSize(request.first);
  const key = afterKey(request.after, isTimeKey);
  const columns = request.withContent === false ? LIST_COLUMNS.filter((c) => !(CONTENT_COLUMNS as readonly string[]).includes(c)) : [...LIST_COLUMNS];
  const rows = await readRows(em, Flow, { $and: [...base, ...keysetAfter(field, key)] }, { fields: columns, orderBy: { [field]: 'desc', id: 'desc' }, limit: limit + 1 });
  for (const row of rows) withReferences(row);
  return toPage(rows, limit, (flow) => [(flow[field] as Date).getTime(), flow.id], () => em.count(Flow, { $and: base }));
}

/** A plain row gets the `owner` and `workspace` references the entity has as getters. */
function withReferences(row: Flow): void {
  Object.assign(row, { owner: { id: row.ownerId }, workspace: { id: row.workspaceId } });
}

/** Live flows of a workspace, most recently saved first, optionally searched and filtered by tag. */
export function listFlows(em: EntityManager, workspaceId: string, request: FlowListRequest): Promise<Page<Flow>> {
  return pageOfFlows(em, [{ workspaceId, deletedAt: null }, ...searchFilters(request)], 'updatedAt', request);
}

/** The workspace's trash: flows deleted after `cutoff`, most recently deleted first. */
export function listDeletedFlows(em: EntityManager, workspaceId: string, cutoff: Date, request: FlowListRequest): Promise<Page<Flow>> {
  return pageOfFlows(em, [{ workspaceId, deletedAt: { $gte: cutoff } }], 'deletedAt', request);
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
