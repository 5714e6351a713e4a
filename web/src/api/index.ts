// The app's single API client and the functions built on it.
import { ApiClient } from './client';
import { createApi } from './endpoints';

export const apiClient = new ApiClient();
export const api = createApi(apiClient);

export { ApiClient, type TokenSource } from './client';
export { BUILTIN_CONFIG, loadClientConfig, type ClientConfig } from './clientConfig';
export { ApiError, isApiError } from './errors';
export { etagOf, type Api } from './endpoints';
export type * from './types';
