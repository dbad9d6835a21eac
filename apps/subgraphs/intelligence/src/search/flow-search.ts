import type { EntityManager } from '@mikro-orm/core';
import { forbidden, notFound } from '@omnitron/schema';
import type { Logger } from 'pino';
import { FlowSearchDocument } from '../entities/flow-search-document.entity';
import { attemptSignal, embedTexts } from '../providers';
import type { ProviderCatalog } from '../routing/provider-catalog';
import { planRoute, type PlannedTarget } from '../routing/route-plan';
import { rankBm25 } from './bm25';
import { cosineSimilarity } from './cosine';
import { embeddingTextOf, withDerivedFields, type IndexRequest } from './flow-document';

export interface FlowSearchHit {
  readonly flowId: string;
  readonly score: number;
  readonly ranking: 'SEMANTIC' | 'LEXICAL';
}

export interface FlowSearchOptions {
  readonly timeoutMs: number;
  readonly backfill: number;
}

/**
 * The flow search index of this subgraph. BM25 by default; cosine similarity over embeddings when
 * the workspace has an OpenAI-compatible provider with the `embeddings` task type. Every read and
 * write is scoped to one workspace.
 */
export class FlowSearch {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly catalog: ProviderCatalog,
    private readonly log: Logger,
    private readonly options: FlowSearchOptions,
    /** A fresh unit of work for background embedding (outlives the request that indexed). */
    private readonly fork: () => EntityManager,
  ) {}

  /** Resolves when background embeddings started so far have finished (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async index(em: EntityManager, workspaceId: string, raw: IndexRequest): Promise<void> {
    if (raw.workspaceId && raw.workspaceId !== workspaceId) throw forbidden('A flow can only be indexed for the caller\'s workspace');
    const existing = await em.findOne(FlowSearchDocument, { flowId: raw.flowId });
    if (existing && existing.workspaceId !== workspaceId) throw notFound(`Flow ${raw.flowId}`);
    if (raw.deleted) {
      if (existing) await em.remove(existing).flush();
      return;
    }
    const request = withDerivedFields(raw);
    const fields = { name: request.name, description: request.description, tags: request.tags, nodeTypes: request.nodeTypes, configText: request.configText, embedding: null, embeddingModel: null };
    if (existing) em.assign(existing, fields);
    else em.create(FlowSearchDocument, { flowId: request.flowId, workspaceId, ...fields });
    await em.flush();
    // The flows subgraph should not wait for an embeddings provider: embed after answering.
    const embedder = await this.embedderFor(workspaceId);
    if (embedder) this.track(this.embedStored(embedder, request.flowId));
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async embedStored(embedder: PlannedTarget, flowId: string): Promise<void> {
    try {
      const em = this.fork();
      const doc = await em.findOne(FlowSearchDocument, { flowId });
      if (!doc) return;
      await this.embed(embedder, [doc]);
      await em.flush();
    } catch (error) {
      this.log.warn({ err: errorName(error) }, 'flow embedding failed; it is retried on search, and lexical search still works');
    }
  }

  async search(em: EntityManager, workspaceId: string, query: string, first: number): Promise<FlowSearchHit[]> {
    const docs = await em.find(FlowSearchDocument, { workspaceId });
    if (docs.length === 0 || !query.trim()) return [];
    const embedder = await this.embedderFor(workspaceId);
    if (embedder) {
      try {
        const hits = await this.semantic(em, embedder, docs, query);
        return hits.slice(0, first);
      } catch (error) {
        this.log.warn({ err: errorName(error) }, 'semantic search failed; answering with lexical ranking');
      }
    }
    return rankBm25(query, docs.map(lexicalDocument)).slice(0, first).map((h) => ({ flowId: h.id, score: h.score, ranking: 'LEXICAL' }));
  }

  private async semantic(em: EntityManager, embedder: PlannedTarget, docs: FlowSearchDocument[], query: string): Promise<FlowSearchHit[]> {
    const stale = docs.filter((d) => d.embeddingModel !== embedder.model || !d.embedding).slice(0, this.options.backfill);
    if (stale.length) {
      await this.embed(embedder, stale);
      await em.flush();
    }
    const [vector] = await embedTexts(await this.catalog.endpointOf(embedder.provider), embedder.model, [query], attemptSignal(this.options.timeoutMs));
    return docs
      .filter((d) => d.embedding && d.embeddingModel === embedder.model)
      .map((d) => ({ flowId: d.flowId, score: cosineSimilarity(vector!, d.embedding!), ranking: 'SEMANTIC' as const }))
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score || a.flowId.localeCompare(b.flowId));
  }

  private async embed(embedder: PlannedTarget, docs: FlowSearchDocument[]): Promise<void> {
    const vectors = await embedTexts(await this.catalog.endpointOf(embedder.provider), embedder.model, docs.map(embeddingTextOf), attemptSignal(this.options.timeoutMs));
    docs.forEach((doc, i) => {
      doc.embedding = vectors[i]!;
      doc.embeddingModel = embedder.model;
    });
  }

  private async embedderFor(workspaceId: string): Promise<PlannedTarget | undefined> {
    const catalog = await this.catalog.forWorkspace(workspaceId);
    return planRoute(catalog, 'embeddings').find((t) => t.provider.kind === 'OPENAI_COMPATIBLE');
  }
}

function lexicalDocument(doc: FlowSearchDocument) {
  return {
    id: doc.flowId,
    fields: { name: doc.name, description: doc.description, tags: doc.tags.join(' '), nodeTypes: doc.nodeTypes.join(' '), configText: doc.configText },
  };
}

/** Only the error's class and code are logged: provider bodies may echo keys. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 80) : 'unknown';
}
