// The bearer token: kept in sessionStorage only (gone when the tab closes), never in a URL, never logged.
const TOKEN = 'livetally.token';
const MESSAGE = 'livetally.signin-message';

export const token = () => sessionStorage.getItem(TOKEN);

export function keep(value) {
  sessionStorage.setItem(TOKEN, value.trim().replace(/^Bearer\s+/i, ''));
}

/** Forgets the token and shows the sign-in page with a message; comes back to this page after signing in. */
export function signOut(message) {
  sessionStorage.removeItem(TOKEN);
  if (message) sessionStorage.setItem(MESSAGE, message);
  const back = location.pathname.startsWith('/screen/') && location.pathname !== '/screen/' ? location.pathname : '';
  location.assign(back ? `/screen/?next=${encodeURIComponent(back)}` : '/screen/');
}

/** The message a refused token left for the sign-in page, once. */
export function takeMessage() {
  const message = sessionStorage.getItem(MESSAGE);
  sessionStorage.removeItem(MESSAGE);
  return message;
}

/**
 * What the token says about its holder, read (not verified: the service verifies every request) to choose the
 * screens to offer: { role, regionCode, streamerId, expires }.
 */
export function claims(value = token()) {
  try {
    const part = value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
    const groups = Array.isArray(json.groups) ? json.groups : [];
    const role = ['admin', 'official', 'host', 'platform'].find((r) => groups.includes(r)) ?? null;
    return {
      role,
      regionCode: json.region_code == null ? null : String(json.region_code),
      streamerId: json.streamer_id == null ? null : String(json.streamer_id),
      expires: typeof json.exp === 'number' ? new Date(json.exp * 1000) : null,
    };
  } catch {
    return null;
  }
}

/** Signs out when the token expires, so a wall never shows figures on a token the service would refuse. */
export function watchExpiry() {
  const expires = claims()?.expires;
  if (!expires) return;
  const left = expires.getTime() - Date.now();
  if (left <= 0) signOut('登录已过期，请重新粘贴令牌登录。');
  else if (left < 2 ** 31) setTimeout(() => signOut('登录已过期，请重新粘贴令牌登录。'), left);
}
