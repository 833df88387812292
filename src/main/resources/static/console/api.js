// The management API, the console's only way to read and change anything. The browser's session (the
// login form) authenticates; a change carries the CSRF token that Spring Security put in the XSRF-TOKEN cookie.

export const BASE = '/api/integrations/product-sync';

/** The API's refusal, in the API's own words, with its HTTP status. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : '';
}

/** Calls the API and answers its data; throws ApiError with the API's "error" when it refuses. */
export async function api(path, {method = 'GET', body} = {}) {
  const headers = {Accept: 'application/json'};
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(BASE + path, {method, headers, credentials: 'same-origin', redirect: 'manual',
      body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (e) {
    throw new ApiError(0, `the hub did not answer (${e.message})`);
  }
  const answer = await response.json().catch(() => null);
  if (answer === null) {
    throw new ApiError(response.status, `the hub answered ${response.status || 'a redirect'} without JSON: log in again`);
  }
  if (!response.ok || answer.success === false) {
    throw new ApiError(response.status, answer.error || `HTTP ${response.status}`);
  }
  return answer.data;
}

/** A path segment or query value, escaped. */
export const q = encodeURIComponent;

/** Logs out (Spring Security's POST /logout, with the CSRF token) and goes to the login form. */
export async function logout() {
  await fetch('/logout', {method: 'POST', headers: {'X-XSRF-TOKEN': csrfToken()}, credentials: 'same-origin'});
  location.assign('/login?logout');
}
