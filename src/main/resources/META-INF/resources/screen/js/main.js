// The screens' entry: /screen/ signs in and lists; /screen/session/{id} is a host's live session;
// /screen/region/{code} is an official's region. Every figure comes from /graphql with the signed-in token.
import { claims, signOut, token, watchExpiry } from './auth.js';
import { offerSignOut, startClock } from './chrome.js';

const route = /^\/screen\/(session|region)\/([^/]+)$/.exec(location.pathname);
startClock();
if (!route) {
  const { showSignIn } = await import('./signin.js');
  await showSignIn();
} else if (!token() || !claims()) {
  signOut('请先登录：粘贴您的令牌。');
} else {
  watchExpiry();
  offerSignOut();
  const id = decodeURIComponent(route[2]);
  if (route[1] === 'session') {
    const { showSession } = await import('./host.js');
    await showSession(id);
  } else {
    const { showRegion } = await import('./region.js');
    await showRegion(id);
  }
}
