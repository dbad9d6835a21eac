import { at, edge, type FlowTemplate } from './flow-template';

const cleanup = `const rows = Array.isArray(input && input.rows) ? input.rows : [];
const seen = new Set();
const clean = [];
for (const row of rows) {
  const email = String((row && row.email) || '').trim().toLowerCase();
  if (!email.includes('@') || seen.has(email)) continue;
  seen.add(email);
  clean.push({ name: String((row && row.name) || '').trim(), email });
}
return { rows: clean, dropped: rows.length - clean.length };`;

export const codeCleanup: FlowTemplate = {
  id: 'code-cleanup',
  name: 'Clean up records with code',
  description: 'Trims names, lowercases emails, drops rows without a valid email and removes duplicates, in sandboxed JavaScript.',
  category: 'Data',
  tags: ['code', 'data'],
  sampleInput: {
    rows: [
      { name: ' Ada Lovelace ', email: 'ADA@example.com' },
      { name: 'Ada again', email: 'ada@example.com ' },
      { name: 'No email', email: 'nobody' },
      { name: 'Alan Turing', email: 'alan@example.org' },
    ],
  },
  nodes: [
    { id: 'start', type: 'trigger.manual', position: at(0), data: {} },
    { id: 'clean', type: 'code', position: at(1), data: { label: 'Clean rows', code: cleanup } },
    { id: 'cleaned', type: 'output', position: at(2), data: {} },
  ],
  edges: [edge('start', 'clean'), edge('clean', 'cleaned')],
};
