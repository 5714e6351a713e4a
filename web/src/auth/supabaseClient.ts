// supabase-js's auth client for the project the server names. Imported on demand (Supabase mode
// only). The session is kept in localStorage under SUPABASE_STORAGE_KEY and refreshed by
// supabase-js itself.
import { createClient } from '@supabase/supabase-js';
import { SUPABASE_STORAGE_KEY, type SupabaseAuth } from './supabaseBackend';

export function createSupabaseAuth(url: string, anonKey: string): SupabaseAuth {
  const client = createClient(url, anonKey, {
    auth: {
      storageKey: SUPABASE_STORAGE_KEY,
      persistSession: true,
      autoRefreshToken: true,
      detectSessionInUrl: false,
    },
  });
  return client.auth;
}
