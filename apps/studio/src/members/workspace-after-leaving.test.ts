import { expect, it } from 'vitest';
import { workspaceAfterLeaving } from './workspace-after-leaving';

const me = 'user-me';
const team = { id: 'team', personalOwner: null };
const theirs = { id: 'theirs', personalOwner: { id: 'user-other' } };
const mine = { id: 'mine', personalOwner: { id: me } };

it("goes to the user's own personal workspace, wherever it is listed", () => {
  expect(workspaceAfterLeaving([team, theirs, mine], 'team', me)).toBe(mine);
  expect(workspaceAfterLeaving([theirs, mine, team], 'theirs', me)).toBe(mine);
});

it('goes to the first other workspace when the user has no personal one left', () => {
  expect(workspaceAfterLeaving([team, theirs], 'team', me)).toBe(theirs);
  expect(workspaceAfterLeaving([team, theirs], 'theirs', me)).toBe(team);
});

it('never picks the workspace just left, and answers undefined when nothing else remains', () => {
  // The list may still name it if it was read before the removal landed.
  expect(workspaceAfterLeaving([team], 'team', me)).toBeUndefined();
  expect(workspaceAfterLeaving([], 'team', me)).toBeUndefined();
});
