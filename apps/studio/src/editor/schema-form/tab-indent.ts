const INDENT = '  ';

export interface TextEdit {
  readonly text: string;
  readonly selectionStart: number;
  readonly selectionEnd: number;
}

/**
 * Tab in a code editor: indents at the caret, or every line of a selection; with Shift, removes one
 * indent from each line touched. Pure, so the textarea only applies the result.
 */
export function tabEdit(text: string, start: number, end: number, outdent: boolean): TextEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (!outdent && start === end) {
    return { text: text.slice(0, start) + INDENT + text.slice(end), selectionStart: start + INDENT.length, selectionEnd: start + INDENT.length };
  }
  // A selection ending at the start of a line does not take that line along.
  const blockEnd = end > start && text[end - 1] === '\n' ? end - 1 : end;
  const lines = text.slice(lineStart, blockEnd).split('\n');
  let firstShift = 0;
  let total = 0;
  const changed = lines.map((line, index) => {
    if (!outdent) {
      if (index === 0) firstShift = INDENT.length;
      total += INDENT.length;
      return INDENT + line;
    }
    const removed = line.startsWith(INDENT) ? INDENT.length : line.startsWith(' ') || line.startsWith('\t') ? 1 : 0;
    if (index === 0) firstShift = -removed;
    total -= removed;
    return line.slice(removed);
  });
  return {
    text: text.slice(0, lineStart) + changed.join('\n') + text.slice(blockEnd),
    // A selection from the start of a line keeps the whole line, its new indent included.
    selectionStart: start === lineStart && !outdent ? start : Math.max(lineStart, start + firstShift),
    selectionEnd: Math.max(lineStart, end + total),
  };
}
