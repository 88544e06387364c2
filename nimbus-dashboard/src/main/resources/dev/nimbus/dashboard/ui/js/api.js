// The JSON API as the dashboard calls it: the signed-in key as "Authorization: Bearer", and every
// failure turned into an ApiError carrying the server's own message.

const KEY = 'nimbus.apiKey';

/** The API key of this browser tab (sessionStorage: gone when the tab closes). */
export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, code, message, requestId) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

let onUnauthorized = () => {};

/** Called when the signed-in key is refused (401): it was revoked or expired. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** A path segment: names are checked by the server, but never make a path of their own here. */
export const seg = (s) => encodeURIComponent(s);

/**
 * The error of a failed response: the native document {"error": {"code", "message", "requestId"}},
 * the Lambda API's {"Type"/"message"}, or the text itself.
 */
async function errorOf(response) {
  const text = await response.text();
  let code = response.headers.get('x-amzn-ErrorType');
  let message = null;
  let requestId = response.headers.get('X-Nimbus-Request-Id') || response.headers.get('x-amzn-RequestId');
  try {
    const body = JSON.parse(text);
    if (body && typeof body.error === 'object' && body.error) {
      ({ code, message } = body.error);
      requestId = body.error.requestId || requestId;
    } else if (body && typeof body === 'object') {
      message = body.message || body.Message || body.errorMessage || null;
    }
  } catch {
    // not JSON: the text is the message
  }
  if (!message) {
    message = text.trim() || `HTTP ${response.status} ${response.statusText}`;
  }
  return new ApiError(response.status, code, message, requestId);
}

/**
 * Sends a request; resolves with the Response when it succeeded (2xx), rejects with an ApiError.
 * A plain object body is sent as JSON; a Blob or string as is.
 */
export async function request(path, { method = 'GET', body, headers = {}, signal, key } = {}) {
  const usedKey = key ?? session.key();
  const h = { ...headers };
  if (usedKey) {
    h.Authorization = `Bearer ${usedKey}`;
  }
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Blob)) {
    body = JSON.stringify(body);
    h['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers: h, body, signal, cache: 'no-store' });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, 'NetworkError', `The server could not be reached (${e.message})`);
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && key === undefined && usedKey) {
      onUnauthorized(error);
    }
    throw error;
  }
  return response;
}

/** A call of the native API under /api/v1: the parsed JSON answer, null for 204. */
export async function api(path, options) {
  const response = await request('/api/v1' + path, options);
  const text = response.status === 204 ? '' : await response.text();
  return text ? JSON.parse(text) : null;
}
