import {
  API_BASE,
  ApiError,
  apiErrorOf,
  http,
  type Page,
  parseBody,
  requestHeaders,
  withQuery,
} from './http';

/** Data imports: platform export files (CSV / XLSX / JSON lines) into a store. */

export const IMPORT_KINDS = [
  'taobao-orders',
  'taobao-order-items',
  'taobao-refunds',
  'reviews',
  'store-metrics',
  'product-metrics',
  'industry-metrics',
  'competitor-metrics',
  'ads',
  'chat-log',
  'cs-daily',
  'cs-attendance',
  'stock',
  'jd-orders',
  'affiliate-orders',
  'traffic-sources',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** What to import a file as: a kind, or `auto` to detect it from the file name and headers. */
export type ImportKindParam = ImportKind | 'auto';

export const IMPORT_STATUSES = ['running', 'done', 'rejected', 'failed', 'duplicate'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One refused row: `message` in Chinese, `messageEn` in English. */
export type RejectedRow = {
  row: number;
  column: string | null;
  value: string;
  message: string;
  messageEn: string;
  code: string;
};

/** One import of one file. `kind` is `unknown` when the file was refused before its kind was known. */
export type ImportRun = {
  id: string;
  kind: string;
  version: string | null;
  file: string;
  fileHash: string;
  fileBytes: number;
  status: ImportStatus;
  allowPartial: boolean;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejectedCount: number;
  /** The first rejected rows (the server keeps at most 1,000; `rejectedCount` is the total). */
  rejected: RejectedRow[];
  /** File-level error: message in zh-CN, messageEn in en-US (older runs may lack messageEn). */
  error: {
    code: string;
    message: string;
    messageEn?: string;
    params?: Record<string, string | number>;
  } | null;
  duplicateOf?: string | null;
  personId: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  progressRows: number;
};

export type ImportsQuery = { kind?: string; status?: ImportStatus; limit?: number; offset?: number };

export type UploadOptions = { kind: ImportKindParam; allowPartial: boolean };

const imports = (code: string) => `/stores/${encodeURIComponent(code)}/imports`;

/**
 * Uploads one file (multipart field `file`) with `async=true`: resolves with the run's id as soon as
 * the server has stored the file. XMLHttpRequest, not fetch, for the upload progress (0–1).
 */
export function uploadImport(
  storeCode: string,
  file: Blob,
  fileName: string,
  opts: UploadOptions,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<{ id: string; status: ImportStatus }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = withQuery(`${API_BASE}${imports(storeCode)}`, {
      kind: opts.kind,
      allowPartial: opts.allowPartial,
      async: true,
    });
    xhr.open('POST', url);
    for (const [k, v] of Object.entries(requestHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const data = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(data as { id: string; status: ImportStatus });
      } else reject(apiErrorOf(xhr.status, xhr.statusText, data));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'upload cancelled'));
    if (signal) {
      if (signal.aborted) {
        reject(new ApiError(0, 'aborted', 'upload cancelled'));
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    const form = new FormData();
    form.append('file', file, fileName);
    xhr.send(form);
  });
}

export const importsApi = {
  list: (storeCode: string, q: ImportsQuery) => http.get<Page<ImportRun>>(imports(storeCode), q),
  get: (storeCode: string, id: string) =>
    http.get<ImportRun>(`${imports(storeCode)}/${encodeURIComponent(id)}`),
  upload: uploadImport,
};
