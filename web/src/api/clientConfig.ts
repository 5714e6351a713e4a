// What the server tells the app at start (GET /api/v1/client-config): who signs users in.
// `builtin` is Dadly's own accounts; `supabase` names the project and its public anon key.
import type { ApiClient } from './client';
import type { Success, Op } from './typed';

export type ClientConfig = Success<Op<'/api/v1/client-config', 'get'>>;

export const BUILTIN_CONFIG: ClientConfig = { auth: 'builtin' };

/**
 * Reads the server's client config. A server that does not answer it (an older binary, a
 * network failure) is taken to use Dadly's own accounts, which is what every server did before.
 */
export async function loadClientConfig(client: ApiClient): Promise<ClientConfig> {
  try {
    const { data } = await client.call('get', '/api/v1/client-config', { auth: false });
    if (data.auth === 'supabase' && (!data.supabase_url || !data.supabase_anon_key)) {
      console.error('client-config: Supabase mode without a URL or anon key');
    }
    return data;
  } catch (error) {
    console.warn('client-config unavailable; using built-in sign-in', error);
    return BUILTIN_CONFIG;
  }
}
