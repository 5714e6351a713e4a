// Types that read a route's parameters, body and success payload out of the generated
// `paths`, so a call that no longer matches api/openapi.yaml fails to compile.
import type { paths } from './schema';

export type Method = 'get' | 'post' | 'patch' | 'delete';
export type Path = keyof paths;
export type MethodOf<P extends Path> = Extract<
  { [M in Method]: paths[P][M] extends undefined | never ? never : M }[Method],
  Method
>;
export type Op<P extends Path, M extends MethodOf<P>> = NonNullable<paths[P][M]>;

export type PathParams<O> = O extends { parameters: { path: infer PP } }
  ? PP extends Record<string, string>
    ? PP
    : never
  : never;

export type QueryParams<O> = O extends { parameters: { query?: infer Q } }
  ? [Q] extends [never | undefined]
    ? never
    : NonNullable<Q>
  : never;

export type JsonBody<O> = O extends { requestBody?: infer RB }
  ? [NonNullable<RB>] extends [never]
    ? never
    : NonNullable<RB> extends { content: { 'application/json': infer B } }
      ? B
      : never
  : never;

type ContentOf<R> = R extends { content: { 'application/json': infer T } } ? T : void;

export type Success<O> = O extends { responses: infer R }
  ? R extends { 200: infer A }
    ? ContentOf<A>
    : R extends { 201: infer A }
      ? ContentOf<A>
      : void
  : never;

/** Options of one call, each present only when the route has it. */
export type CallOptions<O> = ([PathParams<O>] extends [never] ? { path?: never } : { path: PathParams<O> }) &
  ([QueryParams<O>] extends [never] ? { query?: never } : { query?: QueryParams<O> }) &
  ([JsonBody<O>] extends [never] ? { body?: never } : { body: JsonBody<O> }) & {
    ifMatch?: string;
    /** false for the auth routes, which take no bearer token. */
    auth?: boolean;
    signal?: AbortSignal;
  };

/** `/api/v1/families/{fid}` with `{fid: "x"}` becomes `/api/v1/families/x`. */
export function fillPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

export function toQueryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
