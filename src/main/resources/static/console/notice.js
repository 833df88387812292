// The line above the view: the API's words when it refused, or what an action did.
import {show} from './dom.js';

export function tell(message, kind = 'error') {
  const notice = document.getElementById('notice');
  notice.hidden = !message;
  notice.className = kind;
  show(notice, message || '');
}

/** Runs an API call; when the API refuses, shows its words and answers null. */
export async function attempt(call, success) {
  try {
    const data = await call();
    if (success) tell(success, 'ok');
    return data;
  } catch (e) {
    tell(e.message);
    return null;
  }
}
