import type { WorkspaceRole } from '../generated/graphql';

/** Roles from least to most trusted, as the invite form offers them. */
export const ROLES: readonly WorkspaceRole[] = ['VIEWER', 'EDITOR', 'OWNER'];

/** `EDITOR` -> `editor`, as the workspace switcher writes roles. */
export const roleLabel = (role: WorkspaceRole): string => role.toLowerCase();
