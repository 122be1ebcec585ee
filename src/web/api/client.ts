/**
 * The one fetch wrapper: JSON in and out, the session cookie (same origin), the CSRF header on
 * every write, and the error shape of API.md turned into ApiError.
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const CSRF_KEY = "yousu.csrf";
let csrfHeader = "x-csrf-token";

export function setCsrf(token: string | null, header?: string): void {
  if (header) csrfHeader = header;
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}

type UnauthorizedListener = (err: ApiError) => void;
let onUnauthorized: UnauthorizedListener | null = null;
/** The session layer registers here to send the user back to the login page on any 401. */
export function setUnauthorizedListener(fn: UnauthorizedListener | null): void {
  onUnauthorized = fn;
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** Raw body with its own content type (e.g. an .ics file). */
  raw?: { body: string; contentType: string };
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Do not treat a 401 as "session over" (the login call itself). */
  skipAuthRedirect?: boolean;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Idempotency-Key on creation endpoints). */
  headers?: Record<string, string>;
}

export function buildUrl(path: string, query?: RequestOptions["query"]): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ""}`;
}

let csrfFetch: Promise<string | null> | null = null;
/**
 * A new tab (or one where another tab signed in again) has the cookie but not the session's
 * CSRF token: ask the server for it once, shared by concurrent writes.
 */
function refreshCsrf(): Promise<string | null> {
  csrfFetch ??= fetch("/api/v1/auth/csrf", {
    credentials: "same-origin",
    headers: { accept: "application/json" },
  })
    .then(async (r) => {
      if (!r.ok) return null;
      const j = (await r.json()) as { csrfToken: string; csrfHeader?: string };
      setCsrf(j.csrfToken, j.csrfHeader);
      return j.csrfToken;
    })
    .catch(() => null)
    .finally(() => {
      csrfFetch = null;
    });
  return csrfFetch;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  try {
    return await request<T>(path, opts);
  } catch (e) {
    // The stored token belongs to an older session: fetch the current one and try once more.
    if (e instanceof ApiError && e.code === "CSRF_FAILED" && (await refreshCsrf()))
      return request<T>(path, opts);
    throw e;
  }
}

async function request<T>(path: string, opts: RequestOptions): Promise<T> {
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
  let body: string | undefined;
  if (opts.raw) {
    headers["content-type"] = opts.raw.contentType;
    body = opts.raw.body;
  } else if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  if (method !== "GET" && !opts.skipAuthRedirect) {
    const csrf = sessionStorage.getItem(CSRF_KEY) ?? (await refreshCsrf());
    if (csrf) headers[csrfHeader] = csrf;
  } else if (method !== "GET") {
    const csrf = sessionStorage.getItem(CSRF_KEY);
    if (csrf) headers[csrfHeader] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "NETWORK", "无法连接服务器，请检查网络后重试");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const err = toApiError(res.status, data);
    if (res.status === 401 && !opts.skipAuthRedirect) onUnauthorized?.(err);
    throw err;
  }
  return data as T;
}

function toApiError(status: number, data: unknown): ApiError {
  const e = (data as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null)?.error;
  if (e?.code) return new ApiError(status, e.code, e.message ?? "请求失败", e.details ?? []);
  const fallback =
    status === 401
      ? "请先登录"
      : status === 403
        ? "当前角色无权执行此操作"
        : status >= 500
          ? "服务器内部错误，请稍后重试"
          : "请求失败";
  return new ApiError(status, `HTTP_${status}`, fallback);
}

/** The Chinese message of any error, for toasts and alerts. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return "操作失败";
}
