import { graphql } from '../generated';

export const EvaluateExpressionQuery = graphql(`
  query EvaluateExpression($expression: String!, $template: Boolean, $context: JSON) {
    evaluateExpression(expression: $expression, template: $template, context: $context) { hasValue value error { code message position } }
  }
`);
