import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** What a setting's doc comment says: the text, and its `@default` tag. */
export interface DocComment {
  readonly meaning: string;
  readonly defaultText: string | undefined;
}

const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The doc comments of every UPPER_CASE property written in `file` (a settings schema), by name.
 * Comments are read from the source because zod keeps none at run time.
 */
export function settingComments(file: string): Map<string, DocComment> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = new Map<string, DocComment>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && SETTING_NAME.test(node.name.text)) {
      const comment = docCommentOf(node);
      if (comment) found.set(node.name.text, comment);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function docCommentOf(node: ts.Node): DocComment | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  if (docs.length === 0) return undefined;
  const doc = docs[docs.length - 1]!;
  const defaultTag = doc.tags?.find((tag) => tag.tagName.text === 'default');
  return {
    meaning: oneLine(ts.getTextOfJSDocComment(doc.comment) ?? ''),
    defaultText: defaultTag ? oneLine(ts.getTextOfJSDocComment(defaultTag.comment) ?? '') : undefined,
  };
}

/**
 * UPPER_CASE properties whose value is a zod schema, in one source file: `KEY: z.…`, or an
 * identifier declared in the file as `const positiveInt = z.…`. How the settings test finds a
 * schema that is read but not listed in SETTING_SOURCES.
 */
export function zodSettingKeys(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const zodAliases = new Set(['z']);
  const keys: string[] = [];
  const leftmost = (expression: ts.Expression): ts.Expression => {
    let current = expression;
    for (;;) {
      if (ts.isCallExpression(current)) current = current.expression;
      else if (ts.isPropertyAccessExpression(current)) current = current.expression;
      else return current;
    }
  };
  const isZod = (expression: ts.Expression): boolean => {
    const root = leftmost(expression);
    return ts.isIdentifier(root) && zodAliases.has(root.text);
  };
  // A setting is one environment variable, a scalar; an UPPER_CASE key holding `z.object(...)` (or
  // an array or record) names something else, such as a credential type's fields.
  const isStructured = (expression: ts.Expression): boolean => {
    let current = expression;
    while (ts.isCallExpression(current) || ts.isPropertyAccessExpression(current)) {
      if (ts.isPropertyAccessExpression(current) && ts.isIdentifier(current.expression) && zodAliases.has(current.expression.text)) {
        return ['object', 'strictObject', 'looseObject', 'array', 'record', 'map'].includes(current.name.text);
      }
      current = current.expression;
    }
    return false;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && isZod(node.initializer)) {
      zodAliases.add(node.name.text);
    }
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && SETTING_NAME.test(node.name.text) && isZod(node.initializer) && !isStructured(node.initializer)) {
      keys.push(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return keys;
}
