// The API as functions the pages call. Each one names its route exactly as in
// api/openapi.yaml; the types of its arguments and result come from the generated schema.
import { readReply } from '../lib/chat';
import type { ApiClient } from './client';
import type { JsonBody, Op, QueryParams } from './typed';
import type {
  ChatExchange, EntryCreate, EntryPatch, Locale, MemberCreate, MemberPatch, Role, SearchRequest,
} from './types';

type SignupBody = JsonBody<Op<'/api/v1/auth/signup', 'post'>>;
type LoginBody = JsonBody<Op<'/api/v1/auth/login', 'post'>>;
export type TimelineQuery = QueryParams<Op<'/api/v1/families/{fid}/timeline', 'get'>>;
export type EntryQuery = QueryParams<Op<'/api/v1/families/{fid}/entries', 'get'>>;
export type PageQuery = QueryParams<Op<'/api/v1/families/{fid}/trash', 'get'>>;
export type EmotionQuery = QueryParams<Op<'/api/v1/families/{fid}/emotions', 'get'>>;
export type ConversationQuery = QueryParams<Op<'/api/v1/families/{fid}/conversations', 'get'>>;

/** The ETag of an entry or a member: its version, quoted. Sent back as `If-Match`. */
export const etagOf = (thing: { version: number }) => `"${thing.version}"`;

export function createApi(client: ApiClient) {
  return {
    async signup(body: SignupBody & { locale?: Locale }) {
      const { data } = await client.call('post', '/api/v1/auth/signup', { body, auth: false });
      client.setSession(data);
      return data;
    },
    async login(body: LoginBody) {
      const { data } = await client.call('post', '/api/v1/auth/login', { body, auth: false });
      client.setSession(data);
      return data;
    },
    async logout() {
      const token = client.refreshToken();
      client.clearSession();
      if (!token) return;
      // Best effort: the local session is gone either way.
      await client
        .call('post', '/api/v1/auth/logout', { body: { refresh_token: token }, auth: false })
        .catch(() => undefined);
    },
    me: () => client.call('get', '/api/v1/me', {}).then((r) => r.data),
    updateMe: (body: JsonBody<Op<'/api/v1/me', 'patch'>>) =>
      client.call('patch', '/api/v1/me', { body }).then((r) => r.data),

    createFamily: (name: string) =>
      client.call('post', '/api/v1/families', { body: { name } }).then((r) => r.data),
    getFamily: (fid: string) =>
      client.call('get', '/api/v1/families/{fid}', { path: { fid } }).then((r) => r.data),

    /** Everyone with access to the family and their role (owner only; always one page). */
    listFamilyUsers: (fid: string, signal?: AbortSignal) =>
      client.call('get', '/api/v1/families/{fid}/users', { path: { fid }, signal }).then((r) => r.data.items),
    /** 409 `conflict` when it would leave the family without an owner. */
    changeRole: (fid: string, uid: string, role: Role) =>
      client
        .call('patch', '/api/v1/families/{fid}/users/{uid}', { path: { fid, uid }, body: { role } })
        .then((r) => r.data),
    /** The user loses access; what they wrote stays. 409 when they are the last owner. */
    removeFamilyUser: (fid: string, uid: string) =>
      client
        .call('delete', '/api/v1/families/{fid}/users/{uid}', { path: { fid, uid } })
        .then(() => undefined),

    listMembers: (fid: string) =>
      client.call('get', '/api/v1/families/{fid}/members', { path: { fid } }).then((r) => r.data.items),
    createMember: (fid: string, body: MemberCreate) =>
      client.call('post', '/api/v1/families/{fid}/members', { path: { fid }, body }).then((r) => r.data),
    getMember: (fid: string, mid: string) =>
      client.call('get', '/api/v1/families/{fid}/members/{mid}', { path: { fid, mid } }).then((r) => r.data),
    /** With `ifMatch` (etagOf the member as read), a member changed since answers 412 and stays as it is. */
    updateMember: (fid: string, mid: string, body: MemberPatch, ifMatch?: string) =>
      client
        .call('patch', '/api/v1/families/{fid}/members/{mid}', { path: { fid, mid }, body, ifMatch })
        .then((r) => r.data),
    /** The member's tags go from its entries; the entries stay. */
    deleteMember: (fid: string, mid: string) =>
      client
        .call('delete', '/api/v1/families/{fid}/members/{mid}', { path: { fid, mid } })
        .then(() => undefined),

    listEntries: (fid: string, query: EntryQuery, signal?: AbortSignal) =>
      client
        .call('get', '/api/v1/families/{fid}/entries', { path: { fid }, query, signal })
        .then((r) => r.data),

    createEntry: (fid: string, body: EntryCreate) =>
      client.call('post', '/api/v1/families/{fid}/entries', { path: { fid }, body }).then((r) => r.data),
    getEntry: (fid: string, eid: string, signal?: AbortSignal) =>
      client
        .call('get', '/api/v1/families/{fid}/entries/{eid}', { path: { fid, eid }, signal })
        .then((r) => r.data),
    updateEntry: (fid: string, eid: string, body: EntryPatch, ifMatch?: string) =>
      client
        .call('patch', '/api/v1/families/{fid}/entries/{eid}', { path: { fid, eid }, body, ifMatch })
        .then((r) => r.data),
    deleteEntry: (fid: string, eid: string) =>
      client
        .call('delete', '/api/v1/families/{fid}/entries/{eid}', { path: { fid, eid } })
        .then(() => undefined),
    restoreEntry: (fid: string, eid: string) =>
      client
        .call('post', '/api/v1/families/{fid}/entries/{eid}/restore', { path: { fid, eid } })
        .then((r) => r.data),
    listTrash: (fid: string, query: PageQuery = {}) =>
      client.call('get', '/api/v1/families/{fid}/trash', { path: { fid }, query }).then((r) => r.data),

    timeline: (fid: string, query: TimelineQuery, signal?: AbortSignal) =>
      client
        .call('get', '/api/v1/families/{fid}/timeline', { path: { fid }, query, signal })
        .then((r) => r.data),

    search: (fid: string, body: SearchRequest, signal?: AbortSignal) =>
      client
        .call('post', '/api/v1/families/{fid}/search', { path: { fid }, body, signal })
        .then((r) => r.data),
    emotions: (fid: string, query: EmotionQuery, signal?: AbortSignal) =>
      client
        .call('get', '/api/v1/families/{fid}/emotions', { path: { fid }, query, signal })
        .then((r) => r.data),

    createConversation: (fid: string, title?: string) =>
      client
        .call('post', '/api/v1/families/{fid}/conversations', { path: { fid }, body: title ? { title } : {} })
        .then((r) => r.data),
    listConversations: (fid: string, query: ConversationQuery = {}, signal?: AbortSignal) =>
      client
        .call('get', '/api/v1/families/{fid}/conversations', { path: { fid }, query, signal })
        .then((r) => r.data),
    getConversation: (fid: string, cid: string, signal?: AbortSignal) =>
      client
        .call('get', '/api/v1/families/{fid}/conversations/{cid}', { path: { fid, cid }, signal })
        .then((r) => r.data),
    deleteConversation: (fid: string, cid: string) =>
      client
        .call('delete', '/api/v1/families/{fid}/conversations/{cid}', { path: { fid, cid } })
        .then(() => undefined),
    /**
     * Asks in a conversation; the reply streams in: `onDelta` sees each piece of its text, and
     * the promise resolves with the question and the reply as stored (see lib/chat readReply).
     */
    async sendMessage(
      fid: string,
      cid: string,
      content: string,
      onDelta: (text: string) => void,
      signal?: AbortSignal,
    ): Promise<ChatExchange> {
      const res = await client.stream('post', '/api/v1/families/{fid}/conversations/{cid}/messages', {
        path: { fid, cid },
        body: { content },
        signal,
      });
      // A server (or proxy) that answers without streaming sends the exchange as JSON.
      if (!res.body || !res.headers.get('Content-Type')?.startsWith('text/event-stream')) {
        return (await res.json()) as ChatExchange;
      }
      return readReply(res.body, onDelta, signal);
    },
  };
}

export type Api = ReturnType<typeof createApi>;
