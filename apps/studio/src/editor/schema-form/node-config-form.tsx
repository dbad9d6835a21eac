import { ExpressionScopeContext } from './expression-scope';
import type { JsonSchema } from './json-schema';
import { SchemaFields } from './schema-fields';
import { useExpressionScope } from './use-expression-scope';

interface NodeConfigFormProps {
  readonly nodeId: string;
  readonly schema: JsonSchema;
  readonly value: Record<string, unknown>;
  readonly onChange: (value: Record<string, unknown>) => void;
}

/** A node's settings form, whose expression fields preview and complete against the node's data (pinned, or of the last run). */
export function NodeConfigForm({ nodeId, ...form }: NodeConfigFormProps) {
  const scope = useExpressionScope(nodeId);
  return (
    <ExpressionScopeContext value={scope}>
      <SchemaFields {...form} />
    </ExpressionScopeContext>
  );
}
