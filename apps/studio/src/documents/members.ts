import { graphql } from '../generated';

graphql(`
  fragment InvitationFields on WorkspaceInvitation {
    id
    email
    role
    invitedAt
    expiresAt
    workspace { id name }
  }
`);

graphql(`
  fragment MemberFields on WorkspaceMember {
    role
    joinedAt
    user { id email name }
  }
`);

export const WorkspaceMembersQuery = graphql(`
  query WorkspaceMembers($id: ID!) { workspace(id: $id) { id name myRole personalOwner { id } members { ...MemberFields } } }
`);

export const WorkspaceInvitationsQuery = graphql(`
  query WorkspaceInvitations($workspaceId: ID!) { workspaceInvitations(workspaceId: $workspaceId) { ...InvitationFields } }
`);

export const MyInvitationsQuery = graphql(`
  query MyInvitations { myInvitations { ...InvitationFields } }
`);

/** The answer's `token` is shown once: the studio turns it into the link the inviter hands on. */
export const InviteMemberMutation = graphql(`
  mutation InviteMember($workspaceId: ID!, $email: String!, $role: WorkspaceRole!) {
    inviteMember(workspaceId: $workspaceId, email: $email, role: $role) { token invitation { ...InvitationFields } }
  }
`);

export const RevokeInvitationMutation = graphql(`
  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) }
`);

/** The invitation an accept link's token opens, if it is the signed-in user's (null otherwise). */
export const InvitationByTokenQuery = graphql(`
  query InvitationByToken($token: String!) { invitationByToken(token: $token) { ...InvitationFields } }
`);

export const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { id name myRole } }
`);

export const ChangeMemberRoleMutation = graphql(`
  mutation ChangeMemberRole($workspaceId: ID!, $userId: ID!, $role: WorkspaceRole!) {
    changeMemberRole(workspaceId: $workspaceId, userId: $userId, role: $role) { ...MemberFields }
  }
`);

export const RemoveMemberMutation = graphql(`
  mutation RemoveMember($workspaceId: ID!, $userId: ID!) { removeMember(workspaceId: $workspaceId, userId: $userId) }
`);

/** Where the studio can go after leaving a workspace; `personalOwner` picks out the user's own. */
export const RemainingWorkspacesQuery = graphql(`
  query RemainingWorkspaces { workspaces { id personalOwner { id } } }
`);

/** urql context for queries of invitations: a mutation answering one refreshes them (see `additionalTypenames`). */
export const INVITATION_TYPES = { additionalTypenames: ['WorkspaceInvitation'] };

/**
 * urql context for member changes: `removeMember` answers a bare Boolean, which names no typename
 * to refresh, and either change can alter the caller's own `Workspace.myRole` (the switcher's label).
 */
export const MEMBER_TYPES = { additionalTypenames: ['WorkspaceMember', 'Workspace'] };
