import type { EntityManager } from '@mikro-orm/core';
import { notFound } from '@omnitron/schema';
import type { Caller } from '@omnitron/server-kit';
import type { SampleInput } from '../domain/sample-input';
import { Flow } from '../entities/flow.entity';

/**
 * Stores a checked sample input (domain/sample-input) on a live flow of the caller's workspace and
 * answers the flow. Another workspace's flow reads as missing. Not content: no version, no
 * flow-change event (runs never read it; editors read it when they open the flow).
 */
export async function saveSampleInput(em: EntityManager, caller: Caller, id: string, sampleInput: SampleInput | null): Promise<Flow> {
  const affected = await em.nativeUpdate(Flow, { id, workspaceId: caller.workspaceId, deletedAt: null }, { sampleInput });
  if (affected === 0) throw notFound(`Flow ${id}`);
  return (await em.findOneOrFail(Flow, { id }, { refresh: true, exclude: ['searchText', 'tagIndex'] })) as Flow;
}
