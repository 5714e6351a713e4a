// Vitest setup: DOM matchers, a clean DOM and storage between tests, Korean by default.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { apiClient } from '../api';
import { initI18n } from '../i18n';

beforeEach(() => {
  initI18n('ko');
});

afterEach(() => {
  cleanup();
  apiClient.clearSession();
  localStorage.clear();
  sessionStorage.clear();
});
