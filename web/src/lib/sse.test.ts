import { describe, expect, it } from 'vitest';
import { createSseParser, readSse, type SseEvent } from './sse';

const ev = (event: string, data: string, id = ''): SseEvent => ({ event, data, id });

/** Every event of `pieces` pushed one after another, then the end. */
function parseAll(pieces: string[]): SseEvent[] {
  const parser = createSseParser();
  return [...pieces.flatMap((p) => parser.push(p)), ...parser.end()];
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

const STREAM = 'event: delta\ndata: {"text":"기록에서"}\n\nevent: delta\ndata: {"text":" 찾았어요"}\n\nevent: done\ndata: {"ok":true}\n\n';

describe('createSseParser', () => {
  it('gives several events that arrive in one piece, in order', () => {
    expect(parseAll([STREAM])).toEqual([
      ev('delta', '{"text":"기록에서"}'),
      ev('delta', '{"text":" 찾았어요"}'),
      ev('done', '{"ok":true}'),
    ]);
  });

  it('gives the same events however the text is cut, even one character at a time', () => {
    const whole = parseAll([STREAM]);
    for (const size of [1, 2, 3, 5, 7, 13]) {
      const pieces: string[] = [];
      for (let i = 0; i < STREAM.length; i += size) pieces.push(STREAM.slice(i, i + size));
      expect(parseAll(pieces)).toEqual(whole);
    }
  });

  it('gives an event only once its blank line has arrived', () => {
    const parser = createSseParser();
    expect(parser.push('event: delta\ndata: {"text":"a"}\n')).toEqual([]);
    expect(parser.push('\nevent: delta\ndata: {"te')).toEqual([ev('delta', '{"text":"a"}')]);
    expect(parser.push('xt":"b"}\n\n')).toEqual([ev('delta', '{"text":"b"}')]);
  });

  it('ends lines at \\r\\n and \\r as well, even with \\r\\n cut in two', () => {
    const crlf = 'event: delta\r\ndata: one\r\n\r\nevent: done\rdata: two\r\r';
    expect(parseAll([crlf])).toEqual([ev('delta', 'one'), ev('done', 'two')]);
    const parser = createSseParser();
    expect(parser.push('data: one\r')).toEqual([]);
    // The "\n" completes the "\r\n"; it is not a second, blank line.
    expect(parser.push('\ndata: two\r')).toEqual([]);
    expect(parser.push('\n\r\n')).toEqual([ev('message', 'one\ntwo')]);
  });

  it('joins data lines, skips comments, names unnamed events "message" and remembers the id', () => {
    const text = ': keep-alive\n\nid: 7\ndata: first\ndata:second\n\nevent:done\ndata\n\n';
    expect(parseAll([text])).toEqual([ev('message', 'first\nsecond', '7'), ev('done', '', '7')]);
  });

  it('drops an event the stream ended in the middle of, and a leading byte order mark', () => {
    expect(parseAll(['\uFEFFdata: whole\n\ndata: cut'])).toEqual([ev('message', 'whole')]);
  });

  it('reads an error event and its problem', () => {
    const problem = { type: 'urn:dadly:problem:unavailable', title: 'x', status: 503, detail: 'AI busy', code: 'unavailable' };
    const [error] = parseAll([`event: delta\ndata: {"text":"a"}\n\nevent: error\ndata: ${JSON.stringify(problem)}\n\n`]).slice(1);
    expect(error.event).toBe('error');
    expect(JSON.parse(error.data)).toEqual(problem);
  });
});

describe('readSse', () => {
  it('decodes UTF-8 cut in the middle of a character and passes events on as they complete', async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"text":"서윤이"}\n\n');
    // Cut inside "서" (three bytes in UTF-8).
    const cut = bytes.indexOf(0xec) + 1;
    const seen: SseEvent[] = [];
    await readSse(streamOf([bytes.slice(0, cut), bytes.slice(cut)]), (e) => seen.push(e));
    expect(seen).toEqual([ev('delta', '{"text":"서윤이"}')]);
  });

  it('rejects when the body fails part-way, after giving what had arrived', async () => {
    const seen: SseEvent[] = [];
    let pull = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pull++ === 0) controller.enqueue(new TextEncoder().encode('data: a\n\ndata: b'));
        else controller.error(new TypeError('network error'));
      },
    });
    await expect(readSse(body, (e) => seen.push(e))).rejects.toThrow('network error');
    expect(seen).toEqual([ev('message', 'a')]);
  });

  it('stops reading when aborted', async () => {
    const abort = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: a\n\n'));
      },
    });
    const seen: SseEvent[] = [];
    const reading = readSse(body, (e) => {
      seen.push(e);
      abort.abort();
    }, abort.signal);
    await expect(reading).rejects.toThrow();
    expect(seen).toHaveLength(1);
  });
});
