import { graphql } from '../generated';

graphql(`
  fragment SessionFields on AuthPayload {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user { id email name }
    workspace { id name }
    role
  }
`);

export const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) { register(input: $input) { ...SessionFields } }
`);

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) { login(input: $input) { ...SessionFields } }
`);

export const RefreshSessionMutation = graphql(`
  mutation RefreshSession($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ...SessionFields } }
`);

export const LogoutMutation = graphql(`
  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }
`);

export const MeQuery = graphql(`
  query Me { me { id email name } }
`);

export const WorkspacesQuery = graphql(`
  query Workspaces { workspaces { id name personal myRole } }
`);

export const SwitchWorkspaceMutation = graphql(`
  mutation SwitchWorkspace($workspaceId: ID!) { switchWorkspace(workspaceId: $workspaceId) { ...SessionFields } }
`);

export const ApiKeysQuery = graphql(`
  query ApiKeys { apiKeys { id name scopes displayPrefix lastUsedAt createdAt } }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { secret apiKey { id name scopes displayPrefix lastUsedAt createdAt } }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) }
`);
