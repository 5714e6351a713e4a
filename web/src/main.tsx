import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { api, apiClient, loadClientConfig } from './api';
import { createAuthBackend } from './auth/backend';
import { initI18n } from './i18n';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/controls.css';
import './styles/feedback.css';
import './styles/timeline.css';
import './styles/entry.css';
import './styles/insight.css';
import './styles/search.css';
import './styles/chat.css';
import './styles/emotions.css';
import './styles/access.css';

initI18n();

// The server says who signs users in (its own accounts, or Supabase) before the first render.
async function start() {
  const config = await loadClientConfig(apiClient);
  const backend = await createAuthBackend(config, apiClient, api);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App backend={backend} />
    </StrictMode>,
  );
}

void start();
