import { describe, expect, it } from 'vitest';
import { tabEdit } from './tab-indent';

describe('Tab in a code editor', () => {
  it('indents at the caret', () => {
    expect(tabEdit('ab', 1, 1, false)).toEqual({ text: 'a  b', selectionStart: 3, selectionEnd: 3 });
  });

  it('indents and outdents every line of a selection, keeping it selected', () => {
    const text = 'if (x) {\nreturn 1;\n}';
    const indented = tabEdit(text, 0, text.length, false);
    expect(indented.text).toBe('  if (x) {\n  return 1;\n  }');
    expect(indented.text.slice(indented.selectionStart, indented.selectionEnd)).toBe(indented.text);
    expect(tabEdit(indented.text, 0, indented.text.length, true).text).toBe(text);
  });

  it('outdents the caret line with Shift+Tab', () => {
    expect(tabEdit('  return 1;', 5, 5, true)).toEqual({ text: 'return 1;', selectionStart: 3, selectionEnd: 3 });
  });
});
