import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { EvaluateExpressionQuery } from '../../documents/expressions';
import { errorMessage } from '../../graphql/errors';
import type { ExpressionData } from './expression-scope';

/** Pause in typing before the server is asked. */
const SETTLE_MS = 250;

export type ExpressionPreviewState =
  | { readonly state: 'idle' }
  | { readonly state: 'pending' }
  | { readonly state: 'value'; readonly hasValue: boolean; readonly value: unknown }
  | { readonly state: 'error'; readonly message: string; readonly position: number | null }
  | { readonly state: 'unavailable'; readonly message: string };

function useSettled<T>(value: T): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

/**
 * The value of `text` against `data`, from the server's `evaluateExpression` (the engine's bounded
 * evaluator, which needs Node's heap statistics and is not bundled into the studio).
 */
export function useExpressionPreview(text: string, template: boolean, data: ExpressionData): ExpressionPreviewState {
  const settled = useSettled(text);
  const empty = settled.trim() === '' || (template && !settled.includes('{{'));
  const [{ data: answer, error, fetching }] = useQuery({ query: EvaluateExpressionQuery, variables: { expression: settled, template, context: data }, pause: empty });
  if (text.trim() === '') return { state: 'idle' };
  if (settled !== text || fetching) return { state: 'pending' };
  if (empty) return { state: 'idle' };
  if (error) return { state: 'unavailable', message: errorMessage(error) ?? 'The preview could not be computed' };
  const result = answer?.evaluateExpression;
  if (!result) return { state: 'pending' };
  if (result.error) return { state: 'error', message: result.error.message, position: result.error.position ?? null };
  return { state: 'value', hasValue: result.hasValue, value: result.value };
}
