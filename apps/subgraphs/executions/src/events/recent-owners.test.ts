import { describe, expect, it } from 'vitest';
import { RecentOwners } from './recent-owners';

describe('RecentOwners: the workspaces of runs started here lately', () => {
  it('answers a remembered run by its workspace and nothing else', () => {
    const owners = new RecentOwners();
    owners.remember('run-1', 'ws-a');
    expect(owners.workspaceOf('run-1')).toBe('ws-a');
    expect(owners.workspaceOf('run-2')).toBeUndefined();
    owners.forget('run-1');
    expect(owners.workspaceOf('run-1')).toBeUndefined();
  });

  it('forgets a run once its time is up', () => {
    const owners = new RecentOwners(-1);
    owners.remember('run-1', 'ws-a');
    expect(owners.workspaceOf('run-1')).toBeUndefined();
    expect(owners.size).toBe(0);
  });

  it('keeps at most its bound, dropping the oldest first', () => {
    const owners = new RecentOwners(60_000, 2);
    for (const id of ['run-1', 'run-2', 'run-3']) owners.remember(id, 'ws-a');
    expect([owners.workspaceOf('run-1'), owners.workspaceOf('run-2'), owners.workspaceOf('run-3')]).toEqual([undefined, 'ws-a', 'ws-a']);
    expect(owners.size).toBe(2);
  });
});
