import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { TokenUsage } from '../providers';

export interface CachedAnswer {
  readonly text: string;
  readonly provider: string;
  readonly model: string;
  readonly usage: TokenUsage;
}

export interface CacheableRequest {
  readonly taskType: string;
  readonly prompt: string;
  readonly model?: string | undefined;
  readonly temperature?: number | undefined;
  readonly maxTokens?: number | undefined;
}

/** Identical requests of one workspace within the TTL share one answer (`cache:{workspace}:{sha256}`). */
export class ResponseCache {
  constructor(private readonly redis: Redis, private readonly ttlSeconds: number) {}

  keyOf(workspaceId: string, request: CacheableRequest): string {
    const identity = JSON.stringify([request.taskType, request.model ?? null, request.temperature ?? null, request.maxTokens ?? null, request.prompt]);
    return `cache:${workspaceId}:${createHash('sha256').update(identity).digest('base64url')}`;
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    const text = await this.redis.get(key);
    return text ? (JSON.parse(text) as CachedAnswer) : undefined;
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    await this.redis.set(key, JSON.stringify(answer), 'EX', this.ttlSeconds);
  }
}
