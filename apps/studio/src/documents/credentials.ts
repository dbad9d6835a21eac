import { graphql } from '../generated';

export const CredentialsQuery = graphql(`
  query Credentials { credentials { id name type createdAt updatedAt lastUsedAt } }
`);

export const CredentialTypesQuery = graphql(`
  query CredentialTypes { credentialTypes { type fieldsSchema secretFields } }
`);

export const CreateCredentialMutation = graphql(`
  mutation CreateCredential($input: CredentialInput!) { createCredential(input: $input) { id name type } }
`);

export const UpdateCredentialMutation = graphql(`
  mutation UpdateCredential($id: ID!, $input: CredentialInput!) { updateCredential(id: $id, input: $input) { id name type updatedAt } }
`);

export const DeleteCredentialMutation = graphql(`
  mutation DeleteCredential($id: ID!) { deleteCredential(id: $id) }
`);

export const TestCredentialMutation = graphql(`
  mutation TestCredential($id: ID!) { testCredential(id: $id) { ok code message } }
`);

export const FlowsUsingCredentialQuery = graphql(`
  query FlowsUsingCredential($name: String!) { flowsUsingCredential(name: $name) { id name } }
`);
