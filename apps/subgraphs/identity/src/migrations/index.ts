import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Users } from './0001-users';
import { Migration0002WorkspacesSessionsKeysAudit } from './0002-workspaces-sessions-keys-audit';
import { Migration0003Invitations } from './0003-invitations';
import { Migration0004PersonalWorkspaceOwner } from './0004-personal-workspace-owner';
import { Migration0005MembershipGenerations } from './0005-membership-generations';
import { Migration0006InvitationTokens } from './0006-invitation-tokens';
import { Migration0007Credentials } from './0007-credentials';

/** Applied in order on start. Never edit a shipped migration: add the next one. */
export const migrations: MigrationObject[] = [
  { name: '0001-users', class: Migration0001Users },
  { name: '0002-workspaces-sessions-keys-audit', class: Migration0002WorkspacesSessionsKeysAudit },
  { name: '0003-invitations', class: Migration0003Invitations },
  { name: '0004-personal-workspace-owner', class: Migration0004PersonalWorkspaceOwner },
  { name: '0005-membership-generations', class: Migration0005MembershipGenerations },
  { name: '0006-invitation-tokens', class: Migration0006InvitationTokens },
  { name: '0007-credentials', class: Migration0007Credentials },
];
