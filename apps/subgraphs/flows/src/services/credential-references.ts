import { listNodeTypes, type FlowProblem } from '@omnitron/nodes';
import { CredentialStoreClient, type Caller, type InternalRoutes } from '@omnitron/server-kit';

/** Problem codes of credential references (beside the catalog's ProblemCode). */
export const CredentialProblemCode = {
  /** No credential of that name in the workspace (a warning: it may be created after the save or import). */
  CREDENTIAL_MISSING: 'CREDENTIAL_MISSING',
  /** A credential of that name exists but the node cannot use its type (an error: the node could not run). */
  CREDENTIAL_WRONG_TYPE: 'CREDENTIAL_WRONG_TYPE',
  /** The credential store could not be reached: references were not checked (a warning). */
  CREDENTIALS_UNCHECKED: 'CREDENTIALS_UNCHECKED',
} as const;

export interface CredentialReference {
  readonly nodeId: string;
  readonly field: string;
  readonly name: string;
  /** The credential types the field accepts. */
  readonly types: readonly string[];
}

/** Per node type, the config fields that name a credential (declared with `widget: "credential"` in the catalog). */
let credentialFields: Map<string, Array<{ field: string; types: string[] }>> | undefined;

function fieldsOf(type: string): Array<{ field: string; types: string[] }> {
  credentialFields ??= new Map(
    listNodeTypes().map((description) => {
      const properties = (description.configSchema.properties ?? {}) as Record<string, { widget?: unknown; credentialTypes?: unknown }>;
      const fields = Object.entries(properties)
        .filter(([, schema]) => schema.widget === 'credential' && Array.isArray(schema.credentialTypes))
        .map(([field, schema]) => ({ field, types: schema.credentialTypes as string[] }));
      return [description.type, fields];
    }),
  );
  return credentialFields.get(type) ?? [];
}

/** The credential names a flow's nodes reference (React Flow nodes as saved; malformed ones are skipped). */
export function credentialReferencesOf(nodes: readonly unknown[]): CredentialReference[] {
  const references: CredentialReference[] = [];
  for (const node of nodes) {
    if (typeof node !== 'object' || node === null) continue;
    const { id, type, data } = node as { id?: unknown; type?: unknown; data?: unknown };
    if (typeof id !== 'string' || typeof type !== 'string' || typeof data !== 'object' || data === null) continue;
    for (const { field, types } of fieldsOf(type)) {
      const name = (data as Record<string, unknown>)[field];
      if (typeof name === 'string' && name.length > 0) references.push({ nodeId: id, field, name, types });
    }
  }
  return references;
}

/** Checks a flow's credential references against identity's store, signed as the caller (its workspace). */
export interface CredentialReferenceChecker {
  problems(caller: Caller, nodes: readonly unknown[]): Promise<FlowProblem[]>;
}

/** Flows alone (tests without identity): references are not checked. */
export const uncheckedCredentials: CredentialReferenceChecker = { problems: async () => [] };

/**
 * Asks identity (one signed lookup per save) for the types of the names a flow uses. When identity
 * cannot answer, the save goes through with one CREDENTIALS_UNCHECKED warning: a flow editor
 * must not depend on identity being up, and a run still fails clearly on a bad reference.
 */
export class IdentityCredentialChecker implements CredentialReferenceChecker {
  private readonly store: CredentialStoreClient;

  /** `identity`: IDENTITY_URL (signed HTTP), or identity's routes when it is hosted in this process. */
  constructor(identity: string | InternalRoutes, signingKey?: string) {
    this.store = new CredentialStoreClient(identity, signingKey);
  }

  async problems(caller: Caller, nodes: readonly unknown[]): Promise<FlowProblem[]> {
    const references = credentialReferencesOf(nodes);
    if (references.length === 0) return [];
    let types: Record<string, string>;
    try {
      types = await this.store.lookup(caller, [...new Set(references.map((reference) => reference.name))], AbortSignal.timeout(5_000));
    } catch {
      return [{ code: CredentialProblemCode.CREDENTIALS_UNCHECKED, message: 'Credential references could not be checked (the credential store is unreachable)', severity: 'warning' }];
    }
    return references.flatMap(({ nodeId, field, name, types: accepted }): FlowProblem[] => {
      const type = types[name];
      if (type === undefined) {
        return [{ nodeId, code: CredentialProblemCode.CREDENTIAL_MISSING, message: `Node "${nodeId}": ${field} names credential "${name}", which does not exist in this workspace`, severity: 'warning' }];
      }
      if (!accepted.includes(type)) {
        return [{ nodeId, code: CredentialProblemCode.CREDENTIAL_WRONG_TYPE, message: `Node "${nodeId}": credential "${name}" is ${type}; ${field} needs ${accepted.join(' or ')}`, severity: 'error' }];
      }
      return [];
    });
  }
}

/** `content` with the credential problems added (an error among them makes the flow a draft). */
export function withProblems<T extends { valid: boolean; problems: FlowProblem[] }>(content: T, extra: readonly FlowProblem[]): T {
  if (extra.length === 0) return content;
  return { ...content, problems: [...content.problems, ...extra], valid: content.valid && !extra.some((problem) => problem.severity === 'error') };
}
