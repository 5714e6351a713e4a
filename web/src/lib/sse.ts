// Server-Sent Events as the HTML standard parses them, for a stream read through fetch (the
// browser's EventSource cannot send an Authorization header). Pure: text goes in as it arrives,
// in pieces cut anywhere (mid-line, mid-"\r\n", mid-character when fed bytes), and whole events
// come out once the blank line that ends each one has arrived.

export interface SseEvent {
  /** The `event:` field; "message" when the event named none. */
  event: string;
  /** The `data:` lines, joined by "\n". */
  data: string;
  /** The last `id:` field seen so far, or "" when none. */
  id: string;
}

export interface SseParser {
  /** Takes the next piece of text; returns the events it completed, in order. */
  push(text: string): SseEvent[];
  /** The stream ended: a last event without its blank line is dropped, as the standard says. */
  end(): SseEvent[];
}

export function createSseParser(): SseParser {
  let buffer = '';
  let started = false;
  let event = '';
  let data: string[] = [];
  let lastId = '';

  const takeLine = (line: string, out: SseEvent[]) => {
    if (line === '') {
      if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n'), id: lastId });
      event = '';
      data = [];
      return;
    }
    if (line.startsWith(':')) return; // a comment, e.g. a keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    // `retry` and unknown fields mean nothing to a fetch reader.
  };

  return {
    push(text) {
      buffer += text;
      if (!started && buffer.length > 0) {
        started = true;
        if (buffer.startsWith('\uFEFF')) buffer = buffer.slice(1);
      }
      const out: SseEvent[] = [];
      let at = 0;
      for (;;) {
        const cr = buffer.indexOf('\r', at);
        const lf = buffer.indexOf('\n', at);
        if (cr === -1 && lf === -1) break;
        const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
        // A "\r" last in the buffer may be the first half of a "\r\n": wait for the next piece.
        if (end === cr && cr === buffer.length - 1) break;
        takeLine(buffer.slice(at, end), out);
        at = end + (end === cr && buffer[cr + 1] === '\n' ? 2 : 1);
      }
      buffer = buffer.slice(at);
      return out;
    },
    end() {
      const out: SseEvent[] = [];
      // A lone "\r" held back at the very end still ends its line.
      if (buffer.endsWith('\r')) takeLine(buffer.slice(0, -1), out);
      buffer = '';
      event = '';
      data = [];
      return out;
    },
  };
}

/**
 * Reads a response body as events, calling `onEvent` for each as soon as it is complete.
 * Bytes are decoded as UTF-8 across chunk boundaries. Resolves when the stream ends; rejects
 * when reading fails (the network dropped) or `signal` aborts.
 */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parser = createSseParser();
  const abort = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', abort, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
      const { done, value } = await reader.read();
      if (done) break;
      for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
    }
    if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
    for (const event of parser.push(decoder.decode())) onEvent(event);
    for (const event of parser.end()) onEvent(event);
  } finally {
    signal?.removeEventListener('abort', abort);
    reader.releaseLock();
  }
}
