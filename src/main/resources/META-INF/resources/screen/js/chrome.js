// What every screen shares around its figures: title, clock, connection state, banner, sign-out, and the
// messages shown instead of figures (refusals, errors).
import { signOut } from './auth.js';
import { byId, fill, h } from './dom.js';
import { clock } from './time.js';

export function setTitle(title, subtitle = '') {
  byId('title').textContent = title;
  byId('subtitle').textContent = subtitle;
  document.title = `${title} · livetally 大屏`;
}

export function startClock() {
  const tick = () => { byId('clock').textContent = clock(); };
  tick();
  setInterval(tick, 1000);
}

export function offerSignOut() {
  const button = byId('sign-out');
  button.hidden = false;
  button.addEventListener('click', () => signOut());
}

const STATES = {
  idle: '',
  connecting: '连接中…',
  live: '● 实时',
  reconnecting: '连接中断 · 正在重连…',
  refused: '令牌被拒绝',
};

/** Shows the socket's state in the header, and a banner while the figures may be stale. */
export function showConnection(state, attempt) {
  const conn = byId('conn');
  conn.dataset.state = state;
  conn.textContent = STATES[state] ?? state;
  const banner = byId('banner');
  if (state === 'reconnecting') {
    banner.hidden = false;
    banner.textContent = `实时连接已中断，正在重连${attempt ? `（第 ${attempt} 次）` : ''}…… 下方数据停留在断开前，恢复后自动更新。`;
  } else {
    banner.hidden = true;
    banner.textContent = '';
  }
}

/** Replaces the screen with a message and no figure: a refusal, a missing object, an error. */
export function showMessage(kind, title, detail, ...actions) {
  fill(byId('app'), h('section', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', dataset: { notice: kind } },
    h('h2', {}, title),
    detail ? h('p', {}, detail) : null,
    h('p', { class: 'actions' }, ...actions, h('a', { href: '/screen/' }, '返回大屏列表'))));
}
