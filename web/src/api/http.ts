/**
 * The one fetch wrapper of the web desk: JSON in and out, the session cookie, the CSRF header on
 * every non-GET request, Accept-Language = the current locale, and `ApiError` from the server's
 * `{ "error": { "code", "message", "details" } }` body.
 */

export type ApiErrorDetails = Record<string, unknown> | unknown[] | undefined;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetails;

  constructor(status: number, code: string, message: string, details?: ApiErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export const API_BASE = '/api/v1';
const CSRF_COOKIE = 'storeops_csrf';

let requestLocale = 'zh-CN';
let csrfFallback: string | undefined;

/** Called by the i18n provider whenever the locale changes. */
export function setRequestLocale(locale: string): void {
  requestLocale = locale;
}

/** The token from GET /me, used only when the cookie cannot be read. */
export function setCsrfFallback(token: string | undefined): void {
  csrfFallback = token;
}

export function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The headers of every call: Accept, Accept-Language and, for anything but GET, the CSRF token. */
export function requestHeaders(method: Method): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': requestLocale,
  };
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE) ?? csrfFallback;
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  return headers;
}

/** The body text of an answer as JSON, or undefined when it is empty or not JSON. */
export function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `ApiError` of a non-2xx answer, from its `{ error: { code, message, details } }` body. */
export function apiErrorOf(status: number, statusText: string, data: unknown): ApiError {
  const err = (data as { error?: { code?: string; message?: string; details?: ApiErrorDetails } } | undefined)
    ?.error;
  return new ApiError(
    status,
    err?.code ?? `http.${status}`,
    err?.message ?? (statusText || `HTTP ${status}`),
    err?.details,
  );
}

export async function request<T>(method: Method, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers = requestHeaders(method);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(`${API_BASE}${path}`, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  const data = parseBody(await res.text());
  if (!res.ok) throw apiErrorOf(res.status, res.statusText, data);
  return data as T;
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  del: <T>(path: string) => request<T>('DELETE', path),
};

export type Page<T> = { items: T[]; total: number };

/** Fetches every page of a paged list (for exports). */
export async function fetchAllPages<T>(
  load: (limit: number, offset: number) => Promise<Page<T>>,
  pageSize = 200,
  max = 50_000,
): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; offset < max; offset += pageSize) {
    const page = await load(pageSize, offset);
    all.push(...page.items);
    if (page.items.length < pageSize || all.length >= page.total) break;
  }
  return all;
}
