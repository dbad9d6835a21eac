import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { ErrorCode, OmnitronError, notFound } from '@omnitron/schema';
import type { Caller } from '@omnitron/server-kit';
import { uncheckedCredentials, withProblems, type CredentialReferenceChecker } from './credential-references';
import { checkFlowContent, type CheckedFlowContent, type FlowContentInput } from '../domain/flow-content';
import { searchTextOf, tagIndexOf } from '../domain/flow-search';
import { hasRegisteredTrigger, triggerIndexOf } from '../domain/flow-triggers';
import { Flow } from '../entities/flow.entity';
import { FlowVersion } from '../entities/flow-version.entity';
import type { FlowsSettings } from '../settings';
import { recordFlowChange, silentFlowChanges, type FlowChangeSink, type RecordedFlowChange } from './flow-change-feed';
import { streamOnlyRegistrar, type TriggerRegistrar } from './trigger-registrar';

const DAY_MS = 86_400_000;
/** Saves without `expectedVersion` retry this often when another save lands in between. */
const LAST_WRITE_WINS_ATTEMPTS = 5;
const PURGE_BATCH = 500;

function columnsOf(content: CheckedFlowContent) {
  const { name, description, tags, nodes, edges, valid, problems } = content;
  return { name, description, tags, nodes, edges, valid, problems, searchText: searchTextOf(name, description, tags), tagIndex: tagIndexOf(tags), triggerIndex: triggerIndexOf(nodes) };
}

function conflict(id: string, expected: number, current: number): OmnitronError {
  return new OmnitronError(
    ErrorCode.CONFLICT,
    `Flow ${id} is at version ${current}, not ${expected}: someone saved it meanwhile. Reload it and reapply your change.`,
    { currentVersion: current, expectedVersion: expected },
  );
}

/**
 * Writes flows. Every save is one transaction that bumps `version` with a compare-and-set
 * (`update ... where version = expected`), appends the matching immutable FlowVersion and records
 * the change in the flow-change outbox; the change is announced after the commit.
 *
 * New flows start inactive. A save, restore or delete of an active flow re-registers its triggers
 * with the executions subgraph before it returns (`registrar`): the saved version's triggers
 * replace the previous version's at once (the "re-register atomically" model; docs/architecture.md).
 * When executions is unreachable the save stands and the flow-change stream registers them a
 * little later; when the saved version's triggers are refused (a path taken) it is deactivated.
 */
export class FlowStore {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: FlowsSettings,
    /** Told about every committed change (executions and intelligence follow it). */
    private readonly changes: FlowChangeSink = silentFlowChanges,
    /** Registers an active flow's triggers before a save returns. */
    private readonly triggers: TriggerRegistrar = streamOnlyRegistrar,
    /** Names missing or wrong-typed credentials on the saved content. */
    private readonly credentials: CredentialReferenceChecker = uncheckedCredentials,
  ) {}

  /** The catalog's checks, then the credential references (one signed lookup at most). */
  private async checked(caller: Caller, input: FlowContentInput): Promise<CheckedFlowContent> {
    const content = checkFlowContent(input, this.settings);
    return withProblems(content, await this.credentials.problems(caller, content.nodes));
  }

  /** Trash cut-off: flows deleted before it are gone for good. */
  trashCutoff(now = Date.now()): Date {
    return new Date(now - this.settings.trashRetentionDays * DAY_MS);
  }

  async create(caller: Caller, input: FlowContentInput, message?: string | null): Promise<Flow> {
    const content = await this.checked(caller, input);
    const now = new Date();
    const { flow, recorded } = await this.em.transactional(async (tx) => {
      const created = tx.create(Flow, {
        id: randomUUID(),
        workspaceId: caller.workspaceId,
        ownerId: caller.userId,
        ...columnsOf(content),
        version: 1,
        active: false,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      });
      tx.create(FlowVersion, this.versionRow(created.id, caller, 1, content, message ?? 'Created', now));
      return { flow: created, recorded: await this.record(tx, caller, created, 'saved') };
    });
    await this.changes.announce(recorded);
    return flow;
  }

  async update(caller: Caller, id: string, input: FlowContentInput, expectedVersion?: number | null, message?: string | null): Promise<Flow> {
    const content = await this.checked(caller, input);
    return this.save(caller, id, content, expectedVersion, message ?? null);
  }

  /** Saves the content of an old version as a new version; history is never rewritten. */
  async restoreVersion(caller: Caller, id: string, version: number, expectedVersion?: number | null): Promise<Flow> {
    await this.liveVersion(caller, id);
    const old = await this.em.findOne(FlowVersion, { flowId: id, workspaceId: caller.workspaceId, version });
    if (!old) throw notFound(`Version ${version} of flow ${id}`);
    const content = await this.checked(caller, old);
    return this.save(caller, id, content, expectedVersion, `Restored version ${version}`);
  }

  /** Soft delete: the flow leaves every list and read, and stays restorable for the retention period. */
  async remove(caller: Caller, id: string): Promise<boolean> {
    const recorded = await this.em.transactional(async (tx) => {
      const affected = await tx.nativeUpdate(Flow, { id, workspaceId: caller.workspaceId, deletedAt: null }, { deletedAt: new Date() });
      if (affected === 0) throw notFound(`Flow ${id}`);
      const { version, active } = await tx.findOneOrFail(Flow, { id }, { fields: ['version', 'active'], refresh: true });
      return { recorded: await this.record(tx, caller, { id, version }, 'deleted'), active };
    });
    await this.changes.announce(recorded.recorded);
    if (recorded.active) await this.triggers.sync(caller, id).catch(() => undefined);
    return true;
  }

  async restore(caller: Caller, id: string): Promise<Flow> {
    const { flow, recorded } = await this.em.transactional(async (tx) => {
      const affected = await tx.nativeUpdate(Flow, { id, workspaceId: caller.workspaceId, deletedAt: { $gte: this.trashCutoff() } }, { deletedAt: null });
      if (affected === 0) throw notFound(`Deleted flow ${id}`);
      const restored = await tx.findOneOrFail(Flow, { id }, { refresh: true });
      return { flow: restored, recorded: await this.record(tx, caller, restored, 'saved') };
    });
    await this.changes.announce(recorded);
    if (flow.active) return this.resync(caller, flow);
    return flow;
  }

  /**
   * Activates or deactivates the flow. Activation needs a valid flow with a webhook or schedule
   * trigger, and returns once executions has registered its triggers; when it cannot (a webhook
   * path another flow holds: CONFLICT; executions unreachable: INTERNAL) the flow is put back to
   * inactive and the error thrown. Deactivation stands even when executions cannot be told at once:
   * the flow-change stream removes the triggers then.
   */
  async setActive(caller: Caller, id: string, active: boolean): Promise<Flow> {
    const recorded = await this.em.transactional(async (tx) => {
      const flow = await tx.findOne(Flow, { id, workspaceId: caller.workspaceId, deletedAt: null }, { fields: ['version', 'valid', 'problems', 'triggerIndex'], refresh: true });
      if (!flow) throw notFound(`Flow ${id}`);
      if (active && !hasRegisteredTrigger(flow.triggerIndex)) {
        throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `Flow ${id} has no webhook or schedule trigger: there is nothing to activate`, { field: 'id' });
      }
      if (active && !flow.valid) {
        throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `Flow ${id} has problems; fix them before activating it`, { field: 'id', problems: flow.problems.filter((p) => p.severity !== 'warning') });
      }
      await tx.nativeUpdate(Flow, { id }, { active });
      return this.record(tx, caller, flow, 'saved');
    });
    await this.changes.announce(recorded);
    if (!active) {
      // Stands even when executions cannot be told now: the change stream removes the triggers.
      await this.triggers.sync(caller, id).catch(() => undefined);
    } else {
      try {
        await this.triggers.sync(caller, id);
      } catch (error) {
        const undone = await this.em.transactional(async (tx) => {
          await tx.nativeUpdate(Flow, { id }, { active: false });
          return this.record(tx, caller, { id, version: recorded.change.version }, 'saved');
        });
        await this.changes.announce(undone);
        throw error;
      }
    }
    return this.em.findOneOrFail(Flow, { id }, { refresh: true });
  }

  /** Removes flows (and their history) deleted longer ago than the retention period, in batches. */
  async purgeExpired(now = Date.now()): Promise<number> {
    let purged = 0;
    for (;;) {
      const batch = await this.em.transactional(async (tx) => {
        const expired = await tx.find(Flow, { deletedAt: { $lt: this.trashCutoff(now) } }, { fields: ['id'], limit: PURGE_BATCH });
        const ids = expired.map((flow) => flow.id);
        if (ids.length === 0) return 0;
        await tx.nativeDelete(FlowVersion, { flowId: { $in: ids } });
        return tx.nativeDelete(Flow, { id: { $in: ids } });
      });
      purged += batch;
      if (batch < PURGE_BATCH) return purged;
    }
  }

  private async save(caller: Caller, id: string, content: CheckedFlowContent, expectedVersion: number | null | undefined, message: string | null): Promise<Flow> {
    const attempts = expectedVersion == null ? LAST_WRITE_WINS_ATTEMPTS : 1;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const expected = expectedVersion ?? (await this.liveVersion(caller, id));
      const recorded = await this.compareAndSet(caller, id, content, expected, message);
      if (recorded) {
        const flow = await this.em.findOneOrFail(Flow, { id }, { refresh: true });
        await this.changes.announce(recorded);
        if (flow.active) return this.resync(caller, flow);
        return flow;
      }
      const current = await this.liveVersion(caller, id);
      if (expectedVersion != null) throw conflict(id, expected, current);
    }
    throw new OmnitronError(ErrorCode.CONFLICT, `Flow ${id} is being saved by others right now; try again`);
  }

  /** The saved change (recorded in the outbox), or null when another save got there first. */
  private async compareAndSet(caller: Caller, id: string, content: CheckedFlowContent, expected: number, message: string | null): Promise<RecordedFlowChange | null> {
    return this.em.transactional(async (tx) => {
      const now = new Date();
      const affected = await tx.nativeUpdate(
        Flow,
        { id, workspaceId: caller.workspaceId, deletedAt: null, version: expected },
        { ...columnsOf(content), version: expected + 1, updatedAt: now },
      );
      if (affected === 0) return null;
      tx.create(FlowVersion, this.versionRow(id, caller, expected + 1, content, message, now));
      return this.record(tx, caller, { id, version: expected + 1 }, 'saved');
    });
  }

  /**
   * Re-registers a saved active flow's triggers now, returning the flow as it then stands. When
   * executions cannot be reached the save stands active (the registrar logs it) and the flow-change
   * stream, recorded in the same transaction, registers them later. When the saved version cannot
   * be registered (CONFLICT: another flow holds a webhook path it now uses) the flow is
   * deactivated, its previous triggers removed too, so `active` never claims triggers that are not
   * the saved version's.
   */
  private async resync(caller: Caller, flow: Flow): Promise<Flow> {
    try {
      await this.triggers.sync(caller, flow.id);
      return flow;
    } catch (error) {
      if (!(error instanceof OmnitronError) || error.code !== ErrorCode.CONFLICT) return flow;
    }
    const recorded = await this.em.transactional(async (tx) => {
      await tx.nativeUpdate(Flow, { id: flow.id }, { active: false });
      return this.record(tx, caller, flow, 'saved');
    });
    await this.changes.announce(recorded);
    await this.triggers.sync(caller, flow.id).catch(() => undefined);
    return this.em.findOneOrFail(Flow, { id: flow.id }, { refresh: true });
  }

  /** Records the change in the outbox, inside the transaction `tx` that makes it. */
  private record(tx: EntityManager, caller: Caller, flow: Pick<Flow, 'id' | 'version'>, change: 'saved' | 'deleted'): Promise<RecordedFlowChange> {
    return recordFlowChange(tx, { flowId: flow.id, workspaceId: caller.workspaceId, version: flow.version, change, actorId: caller.userId });
  }

  /** The live flow's version, or NOT_FOUND (also for another workspace's flow). */
  private async liveVersion(caller: Caller, id: string): Promise<number> {
    const row = await this.em.findOne(Flow, { id, workspaceId: caller.workspaceId, deletedAt: null }, { fields: ['version'], refresh: true });
    if (!row) throw notFound(`Flow ${id}`);
    return row.version;
  }

  private versionRow(flowId: string, caller: Caller, version: number, content: CheckedFlowContent, message: string | null, at: Date) {
    const { name, description, tags, nodes, edges, valid, problems } = content;
    return { id: randomUUID(), flowId, workspaceId: caller.workspaceId, version, name, description, tags, nodes, edges, valid, problems, authorId: caller.userId, message, createdAt: at };
  }
}
