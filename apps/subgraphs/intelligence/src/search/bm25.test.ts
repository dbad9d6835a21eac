import { describe, expect, it } from 'vitest';
import { rankBm25, type SearchDocument } from './bm25';
import { cosineSimilarity } from './cosine';
import { tokenize } from './tokenize';

const doc = (id: string, name: string, description = '', nodeTypes = '', config = ''): SearchDocument => ({
  id,
  fields: { name, description, tags: '', nodeTypes, configText: config },
});

const corpus = [
  doc('slack', 'Post alerts to Slack', 'Sends a message to a Slack channel when a webhook fires', 'trigger.webhook http.request', 'https://hooks.slack.com/services'),
  doc('invoice', 'Invoice reminders', 'Emails customers whose invoices are overdue', 'trigger.schedule database.query http.request', 'select * from invoices where due < now()'),
  doc('summary', 'Daily news summary', 'Summarises the morning headlines with AI', 'trigger.schedule http.request ai.generate', 'Summarize: {{ $nodes.fetch.body }}'),
  doc('sentiment', 'Review sentiment', 'Classifies product reviews as positive or negative', 'trigger.webhook ai.generate condition', 'sentiment of {{ $input.review }}'),
];

describe('tokenize', () => {
  it('splits camelCase and dotted node types, drops stop words and stems', () => {
    expect(tokenize('sendEmails to the http.request')).toEqual(['send', 'email', 'http', 'request']);
    expect(tokenize('summarised')).toEqual(tokenize('Summarise'));
  });
});

describe('rankBm25', () => {
  it('finds the flow whose name matches best first', () => {
    expect(rankBm25('slack alerts', corpus).map((h) => h.id)).toEqual(['slack']);
  });

  it('matches node types and config text', () => {
    expect(rankBm25('database invoices', corpus)[0]?.id).toBe('invoice');
    expect(rankBm25('ai.generate', corpus).map((h) => h.id).sort()).toEqual(['sentiment', 'summary']);
  });

  it('weighs a name match above the same word in a config', () => {
    const ranked = rankBm25('summary', [doc('in-config', 'Digest', '', '', 'summary summary'), doc('in-name', 'Summary', '', '', '')]);
    expect(ranked.map((h) => h.id)).toEqual(['in-name', 'in-config']);
  });

  it('answers nothing for a query of stop words or a word no flow has', () => {
    expect(rankBm25('the and of', corpus)).toEqual([]);
    expect(rankBm25('kubernetes', corpus)).toEqual([]);
  });

  it('ranks rarer terms higher (idf)', () => {
    const [first] = rankBm25('schedule sentiment', corpus);
    expect(first?.id).toBe('sentiment');
  });
});

describe('cosineSimilarity', () => {
  it('is 1 for the same direction, 0 for orthogonal or empty vectors', () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
  });
});
