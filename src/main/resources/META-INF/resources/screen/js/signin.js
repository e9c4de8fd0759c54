// /screen/: sign in by pasting a token (dev mode offers the demo tokens), then the screens this token may open.
import { claims, keep, signOut, takeMessage, token } from './auth.js';
import { ScreenError, query, whole } from './api.js';
import { offerSignOut, setTitle, showMessage } from './chrome.js';
import { byId, fill, h } from './dom.js';
import { dayAndTime } from './time.js';

/** Where to go after signing in: a screen path only (never another site). */
function nextPath() {
  const next = new URLSearchParams(location.search).get('next');
  return next && /^\/screen\/(session|region)\/[^/]+$/.test(next) ? next : null;
}

export async function showSignIn() {
  setTitle('livetally 大屏', '直播带货 · 消费扶贫 实时数据');
  const message = takeMessage();
  const held = claims();
  if (token() && held && (!held.expires || held.expires > new Date())) {
    if (nextPath()) {
      location.replace(nextPath());
      return;
    }
    offerSignOut();
    await showList(held);
    return;
  }
  if (token()) sessionStorage.clear();
  showForm(message);
}

function showForm(message) {
  const field = h('textarea', { id: 'token', name: 'token', rows: 5, spellcheck: 'false', autocomplete: 'off',
    placeholder: '粘贴令牌（eyJ… 开头的一长串字符）', 'aria-label': '令牌' });
  const error = h('p', { class: 'form-error', id: 'signin-error', role: 'alert' }, message ?? '');
  const devTokens = h('div', { class: 'dev-tokens', id: 'dev-tokens' });
  const form = h('form', { class: 'signin', id: 'signin', onsubmit: (event) => {
    event.preventDefault();
    signIn(field.value, error);
  } },
  h('h2', {}, '登录大屏'),
  h('p', {}, '大屏使用与 API 相同的令牌：主播看自己的直播场次，官员看本地区及下属地区，管理员看全市。令牌只保存在本标签页，关闭即失效。'),
  h('label', { for: 'token' }, '令牌'),
  field,
  error,
  h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '登录')),
  devTokens);
  fill(byId('app'), form);
  offerDevTokens(devTokens, field, error);
}

async function signIn(value, error) {
  const text = value.trim().replace(/^Bearer\s+/i, '');
  if (!claims(text)) {
    error.textContent = '这不是一个有效的令牌，请完整粘贴（三段以点分隔的字符）。';
    return;
  }
  keep(text);
  try {
    whole(await query('{ __typename }', {}, { signOutOnRefusal: false }));
  } catch (e) {
    sessionStorage.clear();
    error.textContent = e instanceof ScreenError ? e.message : String(e);
    return;
  }
  if (nextPath()) location.replace(nextPath());
  else location.reload();
}

/** Dev mode only: the service offers its dev tokens (204 No Content elsewhere). */
async function offerDevTokens(container, field, error) {
  const response = await fetch('/screen/dev-tokens.json', { cache: 'no-store' }).catch(() => null);
  if (response?.status !== 200) return;
  const tokens = await response.json();
  fill(container, h('p', {}, '开发模式：使用演示令牌'),
    ...tokens.map((t) => h('button', { type: 'button', class: 'chip', onclick: () => {
      field.value = t.token;
      signIn(t.token, error);
    } }, t.label)));
}

const STATUS = { LIVE: '直播中', SCHEDULED: '未开播', ENDED: '已结束', CANCELLED: '已取消' };
const ORDER = { LIVE: 0, SCHEDULED: 1, ENDED: 2, CANCELLED: 3 };

async function showList(held) {
  if (held.role !== 'admin' && held.role !== 'official' && held.role !== 'host') {
    showMessage('refused', '此令牌不能查看大屏', '大屏给主播、官员和管理员使用；平台令牌只能写入订单。',
      h('button', { type: 'button', onclick: () => signOut() }, '换一个令牌'));
    return;
  }
  const code = held.role === 'admin' ? '500000' : held.regionCode;
  const sessionsOnly = held.role === 'host';
  let data;
  try {
    data = whole(sessionsOnly ? await query(`{ liveSessions { ...S } } ${SESSION}`)
      : await query(`query($code: ID!) { region(code: $code) { code name level children { code name } }
          liveSessions(regionCode: $code) { ...S } } ${SESSION}`, { code }));
  } catch (e) {
    showMessage('error', '无法读取可查看的大屏', e.message);
    return;
  }
  const sessions = [...data.liveSessions].sort((a, b) => ORDER[a.status] - ORDER[b.status]
    || String(b.startedAt ?? b.scheduledStart).localeCompare(String(a.startedAt ?? a.scheduledStart))).slice(0, 40);
  const regions = data.region ? [data.region, ...data.region.children] : [];
  fill(byId('app'), h('div', { class: 'list' },
    regions.length ? h('section', { class: 'panel' }, h('h2', {}, '地区大屏'),
      h('ul', { class: 'links', id: 'region-links' }, regions.map((r, i) => h('li', {},
        h('a', { href: `/screen/region/${encodeURIComponent(r.code)}`, class: i === 0 ? 'strong' : '' }, r.name),
        h('span', { class: 'muted' }, ` ${r.code}`))))) : null,
    h('section', { class: 'panel' }, h('h2', {}, sessionsOnly ? '我的直播大屏' : '直播大屏'),
      sessions.length ? h('ul', { class: 'links', id: 'session-links' }, sessions.map((s) => h('li', {},
        h('a', { href: `/screen/session/${encodeURIComponent(s.id)}` }, s.title),
        h('span', { class: `status status-${s.status}` }, STATUS[s.status] ?? s.status),
        h('span', { class: 'muted' }, ` ${s.streamer.displayName} · ${dayAndTime(s.startedAt ?? s.scheduledStart)}`))))
        : h('p', { class: 'muted' }, '暂无直播场次。'))));
}

const SESSION = 'fragment S on LiveSession { id title status scheduledStart startedAt streamer { displayName } }';
