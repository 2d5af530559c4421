import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('answers a named event with its id and data once its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 3000\n\nevent: live\nid: 1\nda')).toEqual([]);
    expect(parser.push('ta: {"a":1}\n\n')).toEqual([{ event: 'live', id: '1', data: '{"a":1}' }]);
  });

  it('skips comments (heartbeats) and joins data lines with LF', () => {
    const parser = new SseParser();
    expect(parser.push(': heartbeat\n\ndata: one\ndata:two\n\n')).toEqual([{ event: 'message', id: undefined, data: 'one\ntwo' }]);
  });

  it('reads several messages of one chunk and CRLF line ends', () => {
    const parser = new SseParser();
    expect(parser.push('event: live\r\ndata: 1\r\n\r\nevent: live\r\ndata: 2\r\n\r\n').map((message) => message.data)).toEqual(['1', '2']);
  });
});
