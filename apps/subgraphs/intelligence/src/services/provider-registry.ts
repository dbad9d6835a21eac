import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { plainlyBlockedReason, type HttpPolicy } from '@omnitron/nodes';
import { ErrorCode, OmnitronError, notFound } from '@omnitron/schema';
import type { Caller, SecretBox } from '@omnitron/server-kit';
import { AiProvider } from '../entities/ai-provider.entity';
import { AiRoute, type RouteTarget } from '../entities/ai-route.entity';
import { adapters } from '../providers';
import type { CredentialKeys } from '../routing/credential-keys';
import { keyContext, type ProviderCatalog } from '../routing/provider-catalog';
import type { ProviderStateStore } from '../routing/provider-state';
import type { ProviderInput } from './provider-input';

/** Configuring providers and routes of one workspace. Keys are sealed before they touch the database. */
export class ProviderRegistry {
  constructor(
    private readonly box: SecretBox,
    private readonly catalog: ProviderCatalog,
    private readonly state: ProviderStateStore,
    /** The outbound address policy, checked at save for what needs no DNS; every call is vetted again. */
    private readonly policy: HttpPolicy,
    private readonly credentialKeys?: CredentialKeys,
  ) {}

  async configure(em: EntityManager, caller: Caller, input: ProviderInput): Promise<AiProvider> {
    const { workspaceId } = caller;
    const baseUrl = input.baseUrl ?? adapters[input.kind].defaultBaseUrl;
    if (!baseUrl) throw invalid('baseUrl', 'is required for OpenAI-compatible providers');
    const blocked = plainlyBlockedReason(new URL(baseUrl), this.policy);
    if (blocked) throw invalid('baseUrl', `points at a ${blocked}, which the platform's address policy refuses (operators allow hosts with HTTP_ALLOW_LIST)`);
    let provider = await em.findOne(AiProvider, { workspaceId, name: input.name });
    if (input.apiKeyCredential !== undefined) await this.checkCredential(caller, input.apiKeyCredential);
    if (!provider && input.apiKey === undefined && input.apiKeyCredential === undefined) {
      throw invalid('apiKey', 'is required for a new provider (use "" for a keyless local server, or apiKeyCredential)');
    }
    // A credential reference replaces the stored key (sealed empty); a new apiKey drops the reference.
    const apiKey = input.apiKeyCredential !== undefined ? '' : input.apiKey;
    const sealedKey = apiKey === undefined ? undefined : this.box.seal(apiKey, keyContext(workspaceId, input.name));
    // Fields left out of an update keep their stored values.
    const fields = {
      kind: input.kind, baseUrl, models: input.models,
      ...(input.taskTypes === undefined ? {} : { taskTypes: input.taskTypes }),
      ...(input.priority === undefined ? {} : { priority: input.priority }),
      ...(input.dailyQuota === undefined ? {} : { quotaLimit: input.dailyQuota }),
      ...(sealedKey ? { apiKeyCiphertext: sealedKey } : {}),
      ...(input.apiKeyCredential !== undefined ? { apiKeyCredential: input.apiKeyCredential } : input.apiKey !== undefined ? { apiKeyCredential: null } : {}),
    };
    if (provider) em.assign(provider, fields);
    else provider = em.create(AiProvider, { id: randomUUID(), workspaceId, name: input.name, apiKeyCiphertext: sealedKey!, apiKeyCredential: null, quotaLimit: null, taskTypes: [], priority: 0, ...fields });
    await em.flush();
    await this.catalog.changed(workspaceId);
    return provider;
  }

  /**
   * The named credential must exist in the workspace and be an AI_PROVIDER_KEY. When identity
   * cannot be reached the reference is saved unchecked: calls then fail with CREDENTIAL_* codes
   * until it exists, which is what they would do after a later delete anyway.
   */
  private async checkCredential(caller: Caller, name: string): Promise<void> {
    let type: string | null;
    try {
      type = (await this.credentialKeys?.typeOf(caller, name)) ?? null;
    } catch {
      return;
    }
    if (type === null) throw invalid('apiKeyCredential', `names no credential of this workspace ("${name}")`);
    if (type !== 'AI_PROVIDER_KEY') throw invalid('apiKeyCredential', `"${name}" is a ${type} credential; an AI provider needs an AI_PROVIDER_KEY`);
  }

  async remove(em: EntityManager, workspaceId: string, name: string): Promise<void> {
    const provider = await this.find(em, workspaceId, name);
    await em.remove(provider).flush();
    await this.state.forget({ workspaceId, providerId: provider.id });
    await this.catalog.changed(workspaceId);
  }

  /** Another workspace's provider answers exactly like a missing one. */
  async find(em: EntityManager, workspaceId: string, name: string): Promise<AiProvider> {
    const provider = await em.findOne(AiProvider, { workspaceId, name });
    if (!provider) throw notFound(`AI provider ${name}`);
    return provider;
  }

  async setRoute(em: EntityManager, workspaceId: string, taskType: string, targets: RouteTarget[]): Promise<void> {
    const names = new Set((await em.find(AiProvider, { workspaceId }, { fields: ['name'] })).map((p) => p.name));
    const missing = targets.find((t) => !names.has(t.provider));
    if (missing) throw notFound(`AI provider ${missing.provider}`);
    const existing = await em.findOne(AiRoute, { workspaceId, taskType });
    if (targets.length === 0) {
      // An empty route goes back to the default order.
      if (existing) await em.remove(existing).flush();
    } else if (existing) {
      existing.targets = targets;
      await em.flush();
    } else {
      em.create(AiRoute, { id: randomUUID(), workspaceId, taskType, targets });
      await em.flush();
    }
    await this.catalog.changed(workspaceId);
  }
}

function invalid(field: string, message: string): OmnitronError {
  return new OmnitronError(ErrorCode.VALIDATION_FAILED, `${field} ${message}`, { problems: [{ field, message }] });
}
