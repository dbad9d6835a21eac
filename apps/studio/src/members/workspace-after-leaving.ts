/** A workspace the user may go to, with whose personal workspace it is (null when shared). */
export interface RemainingWorkspace {
  readonly id: string;
  readonly personalOwner: { readonly id: string } | null;
}

/**
 * Where the studio goes once the user has left `leftId`: their own personal workspace when they
 * still have it (they always do, since it cannot be left), else the first other one; undefined
 * when none is left.
 */
export function workspaceAfterLeaving<T extends RemainingWorkspace>(workspaces: readonly T[], leftId: string, userId: string): T | undefined {
  const others = workspaces.filter((w) => w.id !== leftId);
  return others.find((w) => w.personalOwner?.id === userId) ?? others[0];
}
