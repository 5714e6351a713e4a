// ApiClient: the one place that talks HTTP to the Dadly API. It keeps the access token in
// memory and the refresh token in localStorage, refreshes before expiry or after a 401, and
// makes sure only one refresh is in flight: one promise per tab, and a Web Lock across tabs
// (a refresh token is single-use; presenting a spent one revokes the whole session).
// When the server signs users in through Supabase, a TokenSource (supabase-js's session) hands
// out the access tokens instead and Dadly's own refresh tokens are not used.
import { ApiError } from './errors';
import {
  fillPath,
  toQueryString,
  type CallOptions,
  type MethodOf,
  type Op,
  type Path,
  type Success,
} from './typed';
import type { AuthResponse } from './types';

export const REFRESH_KEY = 'dadly.refresh_token';
const LOCK_NAME = 'dadly.refresh';
/** Refresh this long before the access token expires, to cover clock skew and slow requests. */
const EXPIRY_MARGIN_MS = 30_000;

export interface ApiClientOptions {
  baseUrl?: string;
  fetchFn?: typeof fetch;
  storage?: Storage;
  /** Web Locks; null to use only the in-tab guard. */
  locks?: LockManager | null;
  now?: () => number;
}

export interface ApiResult<T> {
  data: T;
  etag: string | null;
}

type Listener = () => void;

/** Where access tokens come from when another service (Supabase Auth) holds the session. */
export interface TokenSource {
  /** The current access token, renewed by the source when due; null when signed out. */
  accessToken(): Promise<string | null>;
  /**
   * Renews the session after the server refused a token. Resolves false when the session is
   * over; rejects on network trouble, which does not end it.
   */
  refresh(): Promise<boolean>;
  /** True when a session may exist; synchronous, for the first render. */
  hasSession(): boolean;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly storage: Storage;
  private readonly locks: LockManager | null;
  private readonly now: () => number;
  private access: { token: string; expiresAt: number } | null = null;
  private inflightRefresh: Promise<boolean> | null = null;
  private source: TokenSource | null = null;
  /** Whose tokens this tab holds, as the last login, signup or refresh said. */
  private userId: string | null = null;
  private readonly expiredListeners = new Set<Listener>();
  private readonly accountListeners = new Set<Listener>();

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchFn = options.fetchFn ?? ((...args) => globalThis.fetch(...args));
    this.storage = options.storage ?? globalThis.localStorage;
    this.locks =
      options.locks !== undefined ? options.locks : (globalThis.navigator?.locks ?? null);
    this.now = options.now ?? Date.now;
  }

  /** Takes access tokens from `source` from now on (Supabase mode). */
  useTokenSource(source: TokenSource): void {
    this.source = source;
    this.access = null;
  }

  /** True when a session may exist: a refresh token is stored or an access token is held. */
  hasSession(): boolean {
    if (this.source) return this.source.hasSession();
    return this.access !== null || this.storage.getItem(REFRESH_KEY) !== null;
  }

  refreshToken(): string | null {
    return this.storage.getItem(REFRESH_KEY);
  }

  /** Keeps the pair from signup, login or refresh, and whose it is when the answer says. */
  setSession(
    auth: Pick<AuthResponse, 'access_token' | 'refresh_token' | 'expires_in'> & { user?: { id: string } },
  ): void {
    this.access = { token: auth.access_token, expiresAt: this.now() + auth.expires_in * 1000 };
    this.storage.setItem(REFRESH_KEY, auth.refresh_token);
    if (auth.user) this.userId = auth.user.id;
  }

  clearSession(): void {
    this.access = null;
    this.userId = null;
    this.storage.removeItem(REFRESH_KEY);
  }

  /** Forget the in-memory access token only (another tab signed out). */
  dropAccessToken(): void {
    this.access = null;
  }

  /** Called when the session cannot be renewed; returns an unsubscribe function. */
  onSessionExpired(listener: Listener): () => void {
    this.expiredListeners.add(listener);
    return () => this.expiredListeners.delete(listener);
  }

  /**
   * Called when a refresh turned out to be another account's: another tab signed out and someone
   * else signed in, and this tab missed it. Returns an unsubscribe function.
   */
  onAccountChanged(listener: Listener): () => void {
    this.accountListeners.add(listener);
    return () => this.accountListeners.delete(listener);
  }

  async call<P extends Path, M extends MethodOf<P>>(
    method: M,
    path: P,
    options: CallOptions<Op<P, M>>,
  ): Promise<ApiResult<Success<Op<P, M>>>> {
    const res = await this.send(method, path, options, 'application/json');
    const data = res.status === 204 ? undefined : await res.json();
    return { data: data as Success<Op<P, M>>, etag: res.headers.get('ETag') };
  }

  /**
   * The same call asking for Server-Sent Events (`Accept: text/event-stream`), for a route that
   * streams its answer. Resolves with the response once its headers are in, so the caller reads
   * `body` as it arrives; a refusal before the stream (400, 404, ...) rejects as for `call`.
   * The bearer token and a refresh after a 401 work as for `call`: EventSource could do neither.
   */
  stream<P extends Path, M extends MethodOf<P>>(
    method: M,
    path: P,
    options: CallOptions<Op<P, M>>,
  ): Promise<Response> {
    return this.send(method, path, options, 'text/event-stream');
  }

  /** Sends a request with the session's token, refreshing once after a 401; throws unless ok. */
  private async send<P extends Path, M extends MethodOf<P>>(
    method: M,
    path: P,
    options: CallOptions<Op<P, M>>,
    accept: string,
  ): Promise<Response> {
    const opts = options as CallOptions<unknown> & {
      path?: Record<string, string>;
      query?: Record<string, unknown>;
      body?: unknown;
    };
    const url = this.baseUrl + fillPath(path, opts.path) + toQueryString(opts.query);
    const useAuth = opts.auth !== false;
    const send = (token: string | null) => {
      const headers: Record<string, string> = { Accept: accept };
      if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
      if (token) headers.Authorization = `Bearer ${token}`;
      if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
      return this.fetchOrThrow(url, {
        method: method.toUpperCase(),
        headers,
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        signal: opts.signal,
      });
    };

    let token = useAuth ? await this.validAccessToken() : null;
    let res = await send(token);
    if (res.status === 401 && useAuth) {
      token = await this.tokenAfterRefusal(token);
      if (token === null) throw new ApiError({ status: 401, code: 'unauthenticated' });
      res = await send(token);
      if (res.status === 401) {
        this.expire();
        throw await ApiError.fromResponse(res);
      }
    }
    if (!res.ok) throw await ApiError.fromResponse(res);
    return res;
  }

  /**
   * Trades the stored refresh token for a new pair. Concurrent callers share one attempt.
   * Resolves false when the session is over (no token, or the server refused it); rejects on
   * network or server trouble, which does not end the session.
   */
  refresh(): Promise<boolean> {
    if (this.source) return this.source.refresh();
    if (!this.inflightRefresh) {
      const attempt = this.locks
        ? // request() resolves with what the callback's promise resolves to (the lib types nest it).
          (this.locks.request(LOCK_NAME, () => this.refreshOnce()) as unknown as Promise<boolean>)
        : this.refreshOnce();
      this.inflightRefresh = attempt.finally(() => {
        this.inflightRefresh = null;
      });
    }
    return this.inflightRefresh;
  }

  private async refreshOnce(): Promise<boolean> {
    // Read the token only now, under the lock: another tab may have rotated it while we waited.
    const token = this.storage.getItem(REFRESH_KEY);
    if (!token) {
      this.access = null;
      return false;
    }
    const res = await this.fetchOrThrow(`${this.baseUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh_token: token }),
    });
    if (res.ok) {
      const auth = (await res.json()) as AuthResponse;
      const before = this.userId;
      // Keep the new pair even so: the stored token is spent, and the other account's tabs need it.
      this.setSession(auth);
      if (before !== null && auth.user.id !== before) {
        // The call that asked must not go out as someone else (it may carry the previous
        // account's writing); the session is not over, so this is no expiry either.
        for (const listener of [...this.accountListeners]) listener();
        throw new ApiError({ status: 401, code: 'unauthenticated', detail: 'signed in as another account' });
      }
      return true;
    }
    if (res.status === 401 || res.status === 400) {
      this.access = null;
      if (this.storage.getItem(REFRESH_KEY) === token) this.storage.removeItem(REFRESH_KEY);
      return false;
    }
    throw await ApiError.fromResponse(res);
  }

  /** A token to try once more after the server refused `refused`; null when the session is over. */
  private async tokenAfterRefusal(refused: string | null): Promise<string | null> {
    if (this.source) {
      const fresh = (await this.source.refresh()) ? await this.source.accessToken() : null;
      if (fresh === null || fresh === refused) {
        this.expire();
        return null;
      }
      return fresh;
    }
    // Another request may have refreshed meanwhile; else refresh now, then try once more.
    if (this.access?.token === refused && !(await this.refresh())) this.expire();
    return this.access?.token ?? null;
  }

  private async validAccessToken(): Promise<string> {
    if (this.source) {
      const token = await this.source.accessToken();
      if (token === null) {
        this.expire();
        throw new ApiError({ status: 401, code: 'unauthenticated' });
      }
      return token;
    }
    if (this.access && this.access.expiresAt - EXPIRY_MARGIN_MS > this.now()) {
      return this.access.token;
    }
    if (!(await this.refresh()) || !this.access) {
      this.expire();
      throw new ApiError({ status: 401, code: 'unauthenticated' });
    }
    return this.access.token;
  }

  private expire(): void {
    this.access = null;
    for (const listener of [...this.expiredListeners]) listener();
  }

  private async fetchOrThrow(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchFn(url, init);
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw ApiError.network(cause);
    }
  }
}
