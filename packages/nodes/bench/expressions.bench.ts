/**
 * What bounding costs per evaluation: the same expressions through ExpressionEvaluator (exit hook
 * on every step, bounded built-ins, RE2 regexes) and through plain JSONata (no hook, V8 regexes).
 * Rounds alternate between the two so machine load falls on both alike; the best round counts.
 */
import jsonata from 'jsonata';
import { ExpressionEvaluator } from '../src/expression/evaluator';
import { DEFAULT_EXPRESSION_LIMITS } from '../src/expression/limits';

const items = Array.from({ length: 50 }, (_, index) => ({ id: index, price: index * 3, name: `item ${index}` }));
const root = { n: 1, name: 'Ada Lovelace', email: 'ada@example.com', items };
const bindings = { input: root, nodes: { fetch: { items } } };

const expressions = [
  '$input.n * 2 + 1',
  '{"n": n + 1}',
  '"Hello " & $uppercase(name) & ", you have " & $string($count(items)) & " items"',
  'items[price > 60].name',
  '$join($map(items, function($i) { $i.name }), ", ")',
  '$match(email, /^([^@]+)@(.+)$/).groups',
  '$replace(name, /\\s+/, "-")',
  '$sum($nodes.fetch.items.price)',
];

const ROUNDS = 15;
const PER_ROUND = 2_000;

async function perEvaluationMicros(evaluate: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < PER_ROUND; index++) await evaluate();
  return ((performance.now() - started) * 1000) / PER_ROUND;
}

async function main(): Promise<void> {
  const evaluator = new ExpressionEvaluator('bench', { root, bindings, limits: DEFAULT_EXPRESSION_LIMITS });
  const rows = [];
  for (const source of expressions) {
    const plain = jsonata(source);
    const plainRuns: number[] = [];
    const boundedRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      plainRuns.push(await perEvaluationMicros(() => plain.evaluate(root, bindings)));
      boundedRuns.push(await perEvaluationMicros(() => evaluator.evaluate(source)));
    }
    const plainBest = Math.min(...plainRuns);
    const boundedBest = Math.min(...boundedRuns);
    rows.push({
      expression: source.length > 48 ? `${source.slice(0, 45)}...` : source,
      'plain µs': plainBest.toFixed(2),
      'bounded µs': boundedBest.toFixed(2),
      'added µs': (boundedBest - plainBest).toFixed(2),
    });
  }
  console.log(`Node ${process.version}, ${new Date().toISOString()}: one JSONata evaluation, best of ${ROUNDS} rounds`);
  console.table(rows);
}

await main();
