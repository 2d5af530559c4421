import type { OutgoingMessage } from '../message-bus';
import { PublishCoalescer } from './publish-coalescer';

/** A fake producer whose requests complete when the test says so. */
function controllableSend() {
  const requests: Array<{ topic: string; values: string[]; succeed: () => void; fail: (error: Error) => void }> = [];
  const send = (topic: string, messages: OutgoingMessage[]) =>
    new Promise<void>((resolve, reject) => {
      requests.push({ topic, values: messages.map((message) => String(message.value)), succeed: resolve, fail: reject });
    });
  return { send, requests };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const message = (value: string): OutgoingMessage => ({ key: 'k', value });

describe('PublishCoalescer', () => {
  it('sends the publishes of one tick as one request, in call order', async () => {
    const { send, requests } = controllableSend();
    const coalescer = new PublishCoalescer(send);
    const published = [coalescer.publish('t', [message('a')]), coalescer.publish('t', [message('b'), message('c')])];
    await tick();
    expect(requests.map((request) => request.values)).toEqual([['a', 'b', 'c']]);
    requests[0].succeed();
    await expect(Promise.all(published)).resolves.toEqual([undefined, undefined]);
  });

  it('resolves nobody before the request carrying their messages is acknowledged', async () => {
    const { send, requests } = controllableSend();
    const coalescer = new PublishCoalescer(send);
    let settled = false;
    void coalescer.publish('t', [message('a')]).then(() => (settled = true));
    await tick();
    await tick();
    expect(settled).toBe(false);
    requests[0].succeed();
    await tick();
    expect(settled).toBe(true);
  });

  it('carries publishes that arrive during a request in the next one, after it', async () => {
    const { send, requests } = controllableSend();
    const coalescer = new PublishCoalescer(send);
    const first = coalescer.publish('t', [message('a')]);
    await tick();
    const second = coalescer.publish('t', [message('b')]);
    const third = coalescer.publish('t', [message('c')]);
    await tick();
    expect(requests).toHaveLength(1);
    requests[0].succeed();
    await first;
    await tick();
    expect(requests.map((request) => request.values)).toEqual([['a'], ['b', 'c']]);
    requests[1].succeed();
    await Promise.all([second, third]);
  });

  it('rejects exactly the callers whose request failed, and goes on with the next ones', async () => {
    const { send, requests } = controllableSend();
    const coalescer = new PublishCoalescer(send);
    const failed = coalescer.publish('t', [message('a')]);
    await tick();
    const later = coalescer.publish('t', [message('b')]);
    requests[0].fail(new Error('broker unreachable'));
    await expect(failed).rejects.toThrow('broker unreachable');
    await tick();
    requests[1].succeed();
    await expect(later).resolves.toBeUndefined();
  });

  it('keeps topics apart', async () => {
    const { send, requests } = controllableSend();
    const coalescer = new PublishCoalescer(send);
    void coalescer.publish('one', [message('a')]);
    void coalescer.publish('two', [message('b')]);
    await tick();
    expect(requests.map((request) => [request.topic, request.values])).toEqual([
      ['one', ['a']],
      ['two', ['b']],
    ]);
  });
});
