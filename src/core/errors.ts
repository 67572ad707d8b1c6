/**
 * Typed errors with a stable `code`. The server maps them to HTTP; user-facing text comes from
 * the locale files by code (src/locales), so the thrown `message` is only a developer fallback.
 */
export type ErrorDetails = Record<string, unknown> | unknown[] | undefined;

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetails;
  /** Values interpolated into the localized message, e.g. { columns: '订单编号' }. */
  readonly params: Record<string, string | number>;

  constructor(
    code: string,
    status: number,
    message: string,
    opts: { details?: ErrorDetails; params?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = opts.details;
    this.params = opts.params ?? {};
  }
}

type Opts = { details?: ErrorDetails; params?: Record<string, string | number> };

/** 400: input that cannot be accepted as given. */
export const badInput = (code: string, message: string, opts?: Opts) =>
  new AppError(code, 400, message, opts);
/** 401: not logged in (or the credentials are wrong). */
export const unauthenticated = (code: string, message: string, opts?: Opts) =>
  new AppError(code, 401, message, opts);
/** 403: logged in, but the roles do not allow it. */
export const forbidden = (code: string, message: string, opts?: Opts) =>
  new AppError(code, 403, message, opts);
/** 404: absent, or belongs to a store the person cannot see (never reveal which). */
export const notFound = (code: string, message: string, opts?: Opts) =>
  new AppError(code, 404, message, opts);
/** 409: conflicts with what is stored (duplicate login, store code taken, import running). */
export const conflict = (code: string, message: string, opts?: Opts) =>
  new AppError(code, 409, message, opts);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
