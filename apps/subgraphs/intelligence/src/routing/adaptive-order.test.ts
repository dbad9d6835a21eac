import { describe, expect, it } from 'vitest';
import { rankTargets, summarise, type AttemptSample } from './adaptive-order';

const now = 1_000_000;
const ok = (latencyMs: number, ago = 1_000): AttemptSample => ({ at: now - ago, ok: true, latencyMs });
const fail = (ago = 1_000): AttemptSample => ({ at: now - ago, ok: false, latencyMs: 0 });
const order = (samples: Record<string, AttemptSample[]>) =>
  rankTargets(Object.keys(samples), (t) => samples[t]!, now, 60_000).map((r) => r.target);

describe('rankTargets', () => {
  it('keeps the configured order without any recorded runs', () => {
    expect(order({ a: [], b: [], c: [] })).toEqual(['a', 'b', 'c']);
  });

  it('puts a provider that has been failing behind its fallback', () => {
    expect(order({ a: [fail(), fail()], b: [ok(100)] })).toEqual(['b', 'a']);
    expect(order({ a: [fail(), fail(), ...Array.from({ length: 8 }, () => ok(100))], b: [ok(100)] })).toEqual(['b', 'a']);
  });

  it('does not move traffic for a single failure', () => {
    expect(order({ a: [fail()], b: [ok(100)] })).toEqual(['a', 'b']);
  });

  it('forgives one failure among many successes', () => {
    expect(order({ a: [fail(), ...Array.from({ length: 15 }, () => ok(100))], b: [ok(100)] })).toEqual(['a', 'b']);
  });

  it('lets failures that left the window be forgotten (recovery)', () => {
    expect(order({ a: [fail(120_000), fail(120_000), fail(120_000)], b: [ok(100)] })).toEqual(['a', 'b']);
  });

  it('breaks ties by latency only when one is at least twice as fast', () => {
    const three = (ms: number) => [ok(ms), ok(ms), ok(ms)];
    expect(order({ a: three(400), b: three(100) })).toEqual(['b', 'a']);
    expect(order({ a: three(300), b: three(260) })).toEqual(['a', 'b']);
  });

  it('does not let a provider of unknown speed overtake a measured one', () => {
    expect(order({ a: [ok(900), ok(900), ok(900)], b: [] })).toEqual(['a', 'b']);
    expect(order({ a: [ok(900)], b: [ok(10), ok(10), ok(10)] })).toEqual(['a', 'b']);
  });
});

describe('summarise', () => {
  it('smooths the success rate and takes the median latency of successes', () => {
    expect(summarise([ok(10), ok(30), ok(20), fail()], now, 60_000)).toEqual({ successRate: 0.75, failures: 1, latencyP50Ms: 20 });
  });
});
