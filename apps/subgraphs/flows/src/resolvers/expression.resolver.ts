import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { z } from 'zod';
import { previewExpression, type PreviewScope } from '@omnitron/nodes';
import { ErrorCode, JSONScalar, OmnitronError } from '@omnitron/schema';
import { requireRole } from '@omnitron/server-kit';
import type { FlowsContext } from '../context';
import { ExpressionEvaluationType } from '../types/expression-evaluation.type';

/** As long as the longest field an expression can sit in (a code node's body). */
const MAX_EXPRESSION_LENGTH = 100_000;
/** The data sent along, as JSON: about what a studio holds of one run's outputs for a preview. */
const MAX_CONTEXT_CHARS = 4_194_304;

const contextSchema = z
  .object({
    root: z.unknown().optional(),
    input: z.unknown().optional(),
    nodes: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

const invalid = (field: string, message: string) => new OmnitronError(ErrorCode.VALIDATION_FAILED, message, { field });

function contextOf(value: unknown): PreviewScope {
  if (value === null || value === undefined) return { root: undefined, input: undefined, nodes: {} };
  if (JSON.stringify(value).length > MAX_CONTEXT_CHARS) throw invalid('context', `context is larger than ${MAX_CONTEXT_CHARS} characters as JSON`);
  const parsed = contextSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid('context', `context${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}`);
  }
  return { root: parsed.data.root, input: parsed.data.input, nodes: parsed.data.nodes };
}

/** JSONata answers sequences and may answer functions; the studio gets plain JSON. */
const asJson = (value: unknown): unknown => (value === undefined ? null : (JSON.parse(JSON.stringify(value) ?? 'null') as unknown));

/** The studio's expression preview: an expression tried against data the editor holds, nothing stored read or written. */
@Resolver()
export class ExpressionResolver {
  /**
   * Evaluates `expression` (a whole JSONata expression, or with `template` a text with `{{ }}`
   * parts) with the engine's bounded evaluator against `context` — `{ root: $, input: $input,
   * nodes: $nodes }` — under tighter limits than a run. A failing expression is an answer with
   * `error` (and the position in the text), not a GraphQL error; a too long expression or a
   * malformed context is VALIDATION_FAILED naming the field. Editor role: it runs what the caller types.
   */
  @Query(() => ExpressionEvaluationType)
  async evaluateExpression(
    @Arg('expression', () => String) expression: string,
    @Ctx() ctx: FlowsContext,
    @Arg('template', () => Boolean, { nullable: true }) template?: boolean | null,
    @Arg('context', () => JSONScalar, { nullable: true }) context?: unknown,
  ): Promise<ExpressionEvaluationType> {
    requireRole(ctx, 'editor', 'flows:write');
    if (expression.length > MAX_EXPRESSION_LENGTH) throw invalid('expression', `expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
    const scope = contextOf(context);
    const result = await previewExpression(expression, template ? 'template' : 'expression', scope);
    if (!result.ok) return { hasValue: false, value: null, error: { ...result.error, position: result.error.position ?? null } };
    return { hasValue: result.value !== undefined, value: asJson(result.value), error: null };
  }
}
