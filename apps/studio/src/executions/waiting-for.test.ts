import { describe, expect, it } from 'vitest';
import { waitingFor } from './waiting-for';

describe('waitingFor', () => {
  it('says what each parked node waits for', () => {
    const until = '2030-01-02T03:04:05.000Z';
    const lines = waitingFor([
      { nodeId: 'pause', kind: 'time', until, event: null },
      { nodeId: 'paid', kind: 'event', until, event: 'order.paid' },
      { nodeId: 'ok', kind: 'approval', until, event: null },
    ]);
    expect(lines).toEqual([
      `node pause: until ${new Date(until).toLocaleString()}`,
      `node paid: the event "order.paid" (times out ${new Date(until).toLocaleString()})`,
      `node ok: an answer on its approval page (times out ${new Date(until).toLocaleString()})`,
    ]);
  });
});
