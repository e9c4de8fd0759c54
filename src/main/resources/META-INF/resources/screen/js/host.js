// /screen/session/{id}: a host's live session — ticking GMV and the session's figures from liveStats, the
// minute trend and latest orders refetched (throttled) when orders change, and the frozen report once ended.
import { ScreenError, errorAt, query } from './api.js';
import { claims } from './auth.js';
import { trendChart } from './charts.js';
import { setTitle, showConnection, showMessage } from './chrome.js';
import { byId, fill, h, setFigure } from './dom.js';
import { count, duration, percent, toFen, yuan } from './format.js';
import { openLive } from './live.js';
import { timeOfDay, dayAndTime } from './time.js';

const STATS = `fragment Stats on LiveStats { gmv netGmv refunds orderCount itemsSold averageOrderValue conversionRate gpm
  currentViewers peakViewers uniqueViewers views likes updatedAt byProduct { product { id } orderCount itemsSold gmv } }`;
const FEED = 'orders(first: 12) { edges { node { id quantity amount placedAt priceAlert status product { id name } } } }';
const TIMELINE = 'timeline(granularity: MINUTE) { start gmv orderCount }';
const SESSION = `query Session($id: ID!) { session(id: $id) { id title status scheduledStart startedAt endedAt
  streamer { displayName platform } region { name } products { id name unitPrice }
  stats { ...Stats } ${TIMELINE} ${FEED} } } ${STATS}`;
const REFRESH = `query Refresh($id: ID!, $timeline: Boolean!) { session(id: $id) { ${FEED}
  timeline(granularity: MINUTE) @include(if: $timeline) { start gmv orderCount } } }`;
const LIVE = `subscription Live($id: ID!) { liveStats(sessionId: $id) { ...Stats } } ${STATS}`;

/**
 * While orders keep coming, the latest orders are refetched at most once per FEED_MS and the minute chart at most
 * once per TREND_MS: the figures come pushed (liveStats), these two are queries, sent over the screen's socket, where
 * the service answers the identical queries of one scope that wait together with one read (docs/PERFORMANCE.md,
 * bench/screens).
 */
const FEED_MS = 5_000;
const TREND_MS = 30_000;

const STATUS = { LIVE: '直播中', SCHEDULED: '未开播', ENDED: '已结束', CANCELLED: '已取消' };
const FIGURES = [
  ['orderCount', '订单数', (s) => count(s.orderCount), '笔'],
  ['itemsSold', '成交件数', (s) => count(s.itemsSold), '件'],
  ['averageOrderValue', '客单价', (s) => yuan(s.averageOrderValue)],
  ['conversionRate', '转化率', (s) => percent(s.conversionRate, 2), '下单人数 / 观看人数'],
  ['gpm', 'GPM 千次观看成交', (s) => yuan(s.gpm)],
  ['currentViewers', '当前在线', (s) => count(s.currentViewers), '人'],
  ['peakViewers', '峰值在线', (s) => count(s.peakViewers), '人'],
  ['uniqueViewers', '累计观看人数', (s) => count(s.uniqueViewers), '人'],
  ['likes', '点赞', (s) => count(s.likes)],
];

export async function showSession(id) {
  setTitle('直播大屏', `场次 ${id}`);
  const session = await load(id);
  if (!session) return;
  const screen = render(session);
  if (session.status === 'SCHEDULED') waitForStart(id);
  if (session.status !== 'LIVE') return;
  follow(id, session, screen);
}

/** The session, or null after showing why there is none (refused, unknown, failed). */
async function load(id) {
  let result;
  try {
    result = await query(SESSION, { id });
  } catch (e) {
    if (e instanceof ScreenError && e.code !== 'invalid-token') {
      showMessage('error', '暂时无法读取这场直播', e.message, h('button', { type: 'button', onclick: () => location.reload() }, '重试'));
    }
    return null;
  }
  const error = errorAt(result, 'session');
  const code = error?.extensions?.code;
  if (code === 'forbidden' || code === 'unauthenticated') {
    const role = claims()?.role;
    showMessage('refused', '无权查看这场直播',
      role === 'host' ? `场次 ${id} 不属于您的主播账号：主播只能查看自己的直播场次。`
        : role === 'official' ? `场次 ${id} 不在您管辖的地区内：官员只能查看本地区及下属地区推介的直播。`
          : `您的令牌不能查看场次 ${id}。`);
    return null;
  }
  if (error || !result.data?.session) {
    if (!error || code === 'not-found') showMessage('missing', '没有这场直播', `场次 ${id} 不存在。`);
    else showMessage('error', '暂时无法读取这场直播', error.message, h('button', { type: 'button', onclick: () => location.reload() }, '重试'));
    return null;
  }
  return result.data.session;
}

function render(session) {
  const ended = session.status === 'ENDED';
  setTitle(session.title, `${session.streamer.displayName} · ${session.streamer.platform} · 推介 ${session.region.name}`);
  const figure = (key, label, unit) => h('div', { class: 'kpi' }, h('span', { class: 'kpi-label' }, label),
    h('strong', { class: 'kpi-value', dataset: { figure: key } }, '—'), unit ? h('span', { class: 'kpi-unit' }, unit) : null);
  const names = new Map(session.products.map((p) => [p.id, p]));
  const app = fill(byId('app'), h('div', { class: `host ${ended ? 'report' : ''}`, dataset: { mode: ended ? 'report' : session.status.toLowerCase() } },
    h('section', { class: 'panel state' },
      h('span', { class: `status status-${session.status}`, id: 'session-status' }, ended ? '已结束 · 本场战报' : STATUS[session.status]),
      h('span', { id: 'elapsed', class: 'elapsed' }),
      session.status === 'SCHEDULED' ? h('span', { class: 'muted' }, `预计 ${dayAndTime(session.scheduledStart)} 开播`) : null),
    h('section', { class: 'panel gmv' },
      h('span', { class: 'kpi-label' }, ended ? '本场销售额（GMV）' : '实时销售额（GMV）'),
      h('strong', { class: 'gmv-value', dataset: { figure: 'gmv' } }, '—'),
      h('span', { class: 'gmv-net' }, '净销售额 ', h('b', { dataset: { figure: 'netGmv' } }, '—'),
        ' · 退款 ', h('b', { dataset: { figure: 'refunds' } }, '—'))),
    h('section', { class: 'panel kpis' }, FIGURES.map(([key, label, , unit]) => figure(key, label, unit))),
    h('section', { class: 'panel trend' }, h('h2', {}, '每分钟订单与销售额'), h('div', { class: 'chart', id: 'trend' })),
    h('section', { class: 'panel feed' }, h('h2', {}, '最新订单'), h('ol', { class: 'orders', id: 'feed' })),
    h('section', { class: 'panel products' }, h('h2', {}, '商品成交'),
      h('table', { class: 'table', id: 'products' },
        h('thead', {}, h('tr', {}, h('th', {}, '商品'), h('th', { class: 'num' }, '订单'), h('th', { class: 'num' }, '件数'),
          h('th', { class: 'num' }, '销售额'), h('th', { class: 'share' }, '占比'))),
        h('tbody', {})))));
  const trend = trendChart(byId('trend'));
  const screen = {
    names,
    stats(stats) {
      setFigure(app.querySelector('[data-figure=gmv]'), yuan(stats.gmv), stats.gmv);
      setFigure(app.querySelector('[data-figure=netGmv]'), yuan(stats.netGmv), stats.netGmv);
      setFigure(app.querySelector('[data-figure=refunds]'), yuan(stats.refunds), stats.refunds);
      for (const [key, , text] of FIGURES) setFigure(app.querySelector(`[data-figure=${key}]`), text(stats), String(stats[key]));
      products(byId('products').tBodies[0], session.products, stats, names);
    },
    feed: (orders) => feed(byId('feed'), orders),
    trend,
  };
  screen.stats(session.stats);
  screen.feed(session.orders);
  trend(session.timeline);
  if (session.startedAt) {
    const elapsed = byId('elapsed');
    const started = new Date(session.startedAt).getTime();
    const end = session.endedAt ? new Date(session.endedAt).getTime() : null;
    const tick = () => { elapsed.textContent = `${end ? '直播时长' : '已开播'} ${duration(((end ?? Date.now()) - started) / 1000)}`; };
    tick();
    if (!end) screen.clock = setInterval(tick, 1000);
  }
  if (session.status === 'CANCELLED') showConnection('idle');
  return screen;
}

/** One row per featured product, by GMV; share of the session's GMV. */
function products(tbody, featured, stats, names) {
  const sales = new Map(stats.byProduct.map((p) => [p.product.id, p]));
  const total = toFen(stats.gmv);
  const rows = [...new Set([...featured.map((p) => p.id), ...sales.keys()])]
    .map((id) => ({ id, name: names.get(id)?.name ?? `商品 ${id}`, ...(sales.get(id) ?? { orderCount: 0, itemsSold: 0, gmv: '0.00' }) }))
    .sort((a, b) => Number(toFen(b.gmv) - toFen(a.gmv)) || a.name.localeCompare(b.name, 'zh-CN'));
  fill(tbody, rows.map((row) => {
    const share = total > 0n ? Number((toFen(row.gmv) * 10000n) / total) / 10000 : 0;
    const bar = h('span', { class: 'bar' });
    bar.style.width = `${(share * 100).toFixed(1)}%`;
    return h('tr', { dataset: { productId: row.id } },
      h('td', {}, row.name), h('td', { class: 'num', dataset: { cell: 'orderCount' } }, count(row.orderCount)),
      h('td', { class: 'num', dataset: { cell: 'itemsSold' } }, count(row.itemsSold)),
      h('td', { class: 'num', dataset: { cell: 'gmv', value: row.gmv } }, yuan(row.gmv)),
      h('td', { class: 'share' }, h('span', { class: 'bar-track' }, bar), h('span', {}, percent(share))));
  }));
}

function feed(list, orders) {
  const nodes = orders.edges.map((e) => e.node);
  if (!nodes.length) {
    fill(list, h('li', { class: 'muted' }, '还没有订单。'));
    return;
  }
  fill(list, nodes.map((o) => h('li', { dataset: { orderId: o.id }, class: o.priceAlert ? 'alerted' : '' },
    h('time', { datetime: o.placedAt }, timeOfDay(o.placedAt)),
    h('span', { class: 'what' }, `${o.product.name} × ${o.quantity}`),
    h('b', { class: 'num' }, yuan(o.amount)),
    o.priceAlert ? h('span', { class: 'flag flag-alert', title: '单价高于参考价 30% 以上' }, '价格预警') : null,
    o.status === 'REFUNDED' ? h('span', { class: 'flag' }, '已退款') : null)));
}

/** A scheduled session: its status read every 30 s (not its figures: there are none yet), the page reloaded when it starts. */
function waitForStart(id) {
  const timer = setInterval(async () => {
    const result = await query('query($id: ID!) { session(id: $id) { status } }', { id }).catch(() => null);
    const status = result?.data?.session?.status;
    if (status && status !== 'SCHEDULED') {
      clearInterval(timer);
      location.reload();
    }
  }, 30_000);
}

/** The live part: one socket, liveStats as it changes, the feed and trend refetched when orders change. */
function follow(id, session, screen) {
  let last = session.stats;
  let feedDue = 0;
  let trendDue = Date.now() + TREND_MS;
  let timer = null;
  let ended = false;
  let live = null;
  const refresh = async () => {
    timer = null;
    const withTrend = Date.now() >= trendDue;
    feedDue = Date.now() + FEED_MS;
    if (withTrend) trendDue = Date.now() + TREND_MS;
    try {
      // over the screen's socket: the service answers the screens of one session together (docs/SCREENS.md)
      const result = await live.query(REFRESH, { id, timeline: withTrend });
      const fresh = result.data?.session;
      if (!fresh || ended) return;
      screen.feed(fresh.orders);
      if (fresh.timeline) screen.trend(fresh.timeline);
    } catch {
      // the next change, or the reconnection, refetches
    }
  };
  const schedule = (trendNow = false) => {
    if (trendNow) trendDue = 0;
    if (!timer) timer = setTimeout(refresh, Math.max(0, feedDue - Date.now()));
  };
  live = openLive({ onState: showConnection, onReconnect: () => schedule(true) });
  live.subscribe(LIVE, { id }, {
    next: (data) => {
      const stats = data.liveStats;
      const changed = stats.orderCount !== last.orderCount || stats.refunds !== last.refunds;
      last = stats;
      screen.stats(stats);
      if (changed) schedule();
    },
    complete: async () => {
      // liveStats completes when the session ends (or is cancelled), and when the service shuts down (a restart):
      // the session's status tells which. Unknown (the service away) or still LIVE: subscribe again.
      const result = await query('query($id: ID!) { session(id: $id) { status } }', { id }).catch(() => null);
      const status = result?.data?.session?.status;
      if (!status || status === 'LIVE') return false;
      // ended or cancelled: show the frozen report
      ended = true;
      live.dispose();
      clearInterval(screen.clock);
      showConnection('idle');
      const final = await load(id);
      if (final) render(final);
      return true;
    },
    error: () => {},
  });
}
