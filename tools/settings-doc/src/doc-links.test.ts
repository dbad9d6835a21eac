import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './catalog';

const pages = ['README.md', ...readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const LINK = /\]\(([^)\s]+)\)/g;

describe('the README and docs/ point only inside the repository', () => {
  it.each(pages)('%s links only to files of the repository that exist', (page) => {
    const text = readFileSync(join(repoRoot, page), 'utf8');
    const outside: string[] = [];
    for (const [, target] of text.matchAll(LINK)) {
      const path = target!.split('#')[0]!;
      if (/^[a-z][a-z+.-]*:/i.test(target!)) outside.push(target!);
      else if (path) {
        const file = resolve(dirname(join(repoRoot, page)), path);
        if (relative(repoRoot, file).startsWith('..') || !existsSync(file)) outside.push(target!);
      }
    }
    expect(outside).toEqual([]);
    expect(text).not.toMatch(/\.\.\/shared\//);
  });

  it('has the architecture, operations, security and configuration pages', () => {
    expect(pages).toEqual(expect.arrayContaining(['docs/architecture.md', 'docs/operations.md', 'docs/security.md', 'docs/configuration.md']));
  });
});
