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
  query WorkspaceMembers($id: ID!) { workspace(id: $id) { id name myRole members { ...MemberFields } } }
`);

export const WorkspaceInvitationsQuery = graphql(`
  query WorkspaceInvitations($workspaceId: ID!) { workspaceInvitations(workspaceId: $workspaceId) { ...InvitationFields } }
`);

export const MyInvitationsQuery = graphql(`
  query MyInvitations { myInvitations { ...InvitationFields } }
`);

export const InviteMemberMutation = graphql(`
  mutation InviteMember($workspaceId: ID!, $email: String!, $role: WorkspaceRole!) {
    inviteMember(workspaceId: $workspaceId, email: $email, role: $role) { ...InvitationFields }
  }
`);

export const RevokeInvitationMutation = graphql(`
  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) }
`);

export const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($id: ID!) { acceptInvitation(id: $id) { id name myRole } }
`);

/** urql context for queries of invitations: a mutation answering one refreshes them (see `additionalTypenames`). */
export const INVITATION_TYPES = { additionalTypenames: ['WorkspaceInvitation'] };
