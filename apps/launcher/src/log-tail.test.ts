import { appendFileSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logTail } from './log-tail';

const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`).join('\n') + '\n';

describe('log tail', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omt-log-tail-'));

  it('returns the last lines written since the process started, not an earlier run', () => {
    const file = join(dir, 'runs.log');
    writeFileSync(file, numbered(1, 100));
    const from = statSync(file).size;
    appendFileSync(file, numbered(101, 130));
    expect(logTail(file, from, { lines: 50 })).toEqual(numbered(101, 130).trimEnd().split('\n'));
    expect(logTail(file, from, { lines: 5 })).toEqual(['line 126', 'line 127', 'line 128', 'line 129', 'line 130']);
  });

  it('reads at most maxBytes of a huge file and never returns a cut first line', () => {
    const file = join(dir, 'huge.log');
    writeFileSync(file, numbered(1, 200_000));
    const lines = logTail(file, 0, { lines: 50, maxBytes: 100 });
    expect(lines.at(-1)).toBe('line 200000');
    expect(lines.length).toBeLessThan(10);
    for (const line of lines) expect(line).toMatch(/^line \d+$/);
  });

  it('shortens one enormous line', () => {
    const file = join(dir, 'wide.log');
    writeFileSync(file, `${'x'.repeat(10_000)}\nlast\n`);
    const [wide, last] = logTail(file, 0, { maxLineChars: 100 });
    expect(wide).toBe(`${'x'.repeat(100)}... (9900 more characters)`);
    expect(last).toBe('last');
  });

  it('returns nothing for a missing file or one the process never wrote to', () => {
    expect(logTail(join(dir, 'missing.log'))).toEqual([]);
    const file = join(dir, 'quiet.log');
    writeFileSync(file, 'earlier run\n');
    expect(logTail(file, statSync(file).size)).toEqual([]);
  });
});
