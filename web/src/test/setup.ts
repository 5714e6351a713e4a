// Vitest setup: DOM matchers, a clean DOM and storage between tests, Korean by default.
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { apiClient } from '../api';
import { initI18n } from '../i18n';

// findBy/waitFor give up after 1 s by default, which a busy two-core machine can reach while a
// page renders; what they wait for still has to happen, only later.
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  initI18n('ko');
});

afterEach(() => {
  cleanup();
  apiClient.clearSession();
  localStorage.clear();
  sessionStorage.clear();
});
