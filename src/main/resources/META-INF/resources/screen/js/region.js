// /screen/region/{code}: an official's region — period totals, the district map (or a ranked table of the
// children where no map exists), top hosts and products, channels, campaigns, price alerts, and today's totals
// live through regionTotals; who bought (buyer types) and from where (the buyers' provinces on the China map), and
// the month's bulletin (月度通报) to download.
import { ScreenError, download, query } from './api.js';
import { claims } from './auth.js';
import { buyerTypeRing, campaignGauge, channelRing, districtMap, provinceMap } from './charts.js';
import { setTitle, showConnection, showMessage } from './chrome.js';
import { byId, fill, h, setFigure } from './dom.js';
import { echarts } from './lib.js';
import { count, percent, toFen, yuan, yuanShort } from './format.js';
import { openLive } from './live.js';
import { day, dayAndTime, dates, learnOffset, month, period, recentMonths } from './time.js';

const FIGURES = `gmv refunds netGmv orderCount itemsSold averageOrderValue priceAlertCount refundCount byChannel { channel netGmv orderCount }
  byBuyerType { buyerType figures { netGmv orderCount } } byBuyerProvince { province figures { netGmv orderCount } }`;
const REGION = `query Region($code: ID!, $from: DateTime!, $to: DateTime!) {
  region(code: $code) { code name level povertyFocus parent { code name } totals(from: $from, to: $to) { ${FIGURES} } }
  children: topRegions(regionCode: $code, from: $from, to: $to, limit: 100) { rank region { code name povertyFocus } totals { netGmv orderCount } }
  hosts: topStreamers(regionCode: $code, from: $from, to: $to, limit: 10) { rank streamer { id displayName platform } totals { netGmv orderCount } }
  products: topProducts(regionCode: $code, from: $from, to: $to, limit: 10) { rank product { id name } totals { netGmv itemsSold } }
  campaigns(regionCode: $code) { id name startsOn endsOn targetAmount completionRate achieved { netGmv } } }`;
const ALERTS = `query Alerts($code: ID!, $from: DateTime!, $to: DateTime!) {
  orders(filter: { regionCode: $code, priceAlert: true, from: $from, to: $to }, first: 50) { totalCount
    edges { node { id platform externalId placedAt quantity unitPrice amount product { name referencePrice } } } } }`;
const TODAY = 'subscription Today($code: ID!) { regionTotals(code: $code) { from to gmv netGmv orderCount } }';
const LEVELS = { MUNICIPALITY: '市', DISTRICT: '区县', TOWNSHIP: '乡镇', VILLAGE: '村' };
const MAPS = { MUNICIPALITY: 'chongqing' };
/** After today's totals change, the period's figures are read again at most this often. */
const REFRESH_MS = 5_000;

export async function showRegion(code) {
  setTitle('地区大屏', code);
  const state = { code, choice: new URLSearchParams(location.search).get('period') ?? 'year', campaigns: [], data: null };
  state.reload = () => reload(state);
  await reload(state);
  // The socket opens once the region answered: a screen refused (or of no such region) opens none, so no
  // subscription is sent that the service would refuse and no socket is closed while it is still being opened.
  if (!state.data) return;
  const live = openLive({ onState: showConnection, onReconnect: () => reload(state) });
  state.live = live;
  live.subscribe(TODAY, { code }, {
    next: ({ regionTotals: today }) => {
      const changed = state.today && (state.today.orderCount !== today.orderCount || state.today.netGmv !== today.netGmv
        || state.today.from !== today.from);
      state.today = today;
      if (learnOffset(today.from)) reload(state);
      showToday(today);
      if (changed && state.period && state.period.from <= Date.now() && Date.now() < state.period.to) schedule(state);
    },
    error: () => {},
  });
}

/** The period chosen: today, this month, this year (business calendar) or a campaign's window. */
function chosenPeriod(state) {
  if (state.choice.startsWith('campaign-')) {
    const campaign = state.campaigns.find((c) => `campaign-${c.id}` === state.choice);
    if (campaign) return { ...dates(campaign.startsOn, campaign.endsOn), label: `活动期：${campaign.name}`, campaign };
    state.choice = 'year';
  }
  const labels = { today: '今日', month: '本月', year: '本年' };
  if (!labels[state.choice]) state.choice = 'year';
  return { ...period(state.choice), label: labels[state.choice] };
}

async function reload(state) {
  const chosen = chosenPeriod(state);
  const seq = (state.seq = (state.seq ?? 0) + 1);
  let result;
  try {
    result = await query(REGION, { code: state.code, from: chosen.from.toISOString(), to: chosen.to.toISOString() });
  } catch (e) {
    if (e instanceof ScreenError && e.code !== 'invalid-token' && !state.data) {
      showMessage('error', '暂时无法读取该地区', e.message, h('button', { type: 'button', onclick: () => location.reload() }, '重试'));
    }
    return;
  }
  if (seq !== state.seq) return; // a later choice or refresh is under way: its answer is the one to show
  const error = result.errors[0];
  const refused = result.errors.find((e) => ['forbidden', 'unauthenticated'].includes(e.extensions?.code));
  if (refused) {
    state.live?.dispose();
    showConnection('idle');
    await showRefusal(state.code);
    return;
  }
  if (!result.data?.region) {
    state.live?.dispose();
    showConnection('idle');
    if (error) showMessage('error', '暂时无法读取该地区', error.message, h('button', { type: 'button', onclick: () => location.reload() }, '重试'));
    else showMessage('missing', '没有这个地区', `地区代码 ${state.code} 不存在。`);
    return;
  }
  const first = !state.data;
  state.data = result.data;
  state.campaigns = result.data.campaigns;
  state.period = { from: chosen.from.getTime(), to: chosen.to.getTime() };
  if (first) build(state);
  render(state, chosen);
  if (first && state.today) showToday(state.today);
}

async function showRefusal(code) {
  const held = claims();
  let scope = '';
  if (held?.role === 'official' && held.regionCode) {
    const own = await query('query($c: ID!) { region(code: $c) { name } }', { c: held.regionCode }).catch(() => null);
    scope = `您的账号只能查看 ${own?.data?.region?.name ?? ''}（${held.regionCode}）及其下属地区。`;
  } else if (held?.role === 'host') {
    scope = '主播令牌只能查看自己的直播场次，不能查看地区数据。';
  }
  showMessage('refused', `无权查看地区 ${code}`, scope,
    held?.role === 'official' && held.regionCode ? h('a', { href: `/screen/region/${encodeURIComponent(held.regionCode)}` }, '打开本地区大屏') : null);
}

function build(state) {
  const region = state.data.region;
  const kpi = (key, label, extra) => h('div', { class: 'kpi' }, h('span', { class: 'kpi-label' }, label),
    h('strong', { class: 'kpi-value', dataset: { figure: key } }, '—'), extra ?? null);
  const mapName = MAPS[region.level];
  // a district: where it lies, on the municipality's map (its own figure only), above its ranked children
  const locator = region.level === 'DISTRICT' ? 'chongqing' : null;
  const app = fill(byId('app'), h('div', { class: 'region', id: 'region', dataset: { code: region.code, level: region.level } },
    h('nav', { class: 'panel periods', 'aria-label': '统计期' },
      h('div', { class: 'tabs', id: 'period-tabs' }),
      h('span', { class: 'period-range', id: 'period-range' }),
      bulletin(region),
      region.parent && !(claims()?.role === 'official' && claims().regionCode === region.code)
        ? h('a', { href: `/screen/region/${encodeURIComponent(region.parent.code)}`, class: 'up' }, `↑ ${region.parent.name}`) : null),
    h('section', { class: 'panel totals' },
      h('span', { class: 'kpi-label', id: 'period-label' }),
      h('strong', { class: 'big-value', dataset: { figure: 'netGmv' } }, '—'),
      h('span', { class: 'exact', dataset: { figure: 'netGmvExact' } }),
      h('div', { class: 'kpi-grid' },
        kpi('gmv', '销售额'), kpi('orderCount', '订单'), kpi('itemsSold', '件数'),
        kpi('averageOrderValue', '客单价'), kpi('refunds', '退款'),
        h('div', { class: 'kpi' }, h('span', { class: 'kpi-label' }, '价格虚高预警'),
          h('button', { type: 'button', class: 'kpi-value link-figure', id: 'alerts', dataset: { figure: 'priceAlertCount' },
            onclick: () => showAlerts(state) }, '—')))),
    h('section', { class: 'panel today' }, h('h2', {}, '今日实时'),
      h('strong', { class: 'big-value', dataset: { figure: 'todayNetGmv' } }, '—'),
      h('span', { class: 'muted', id: 'today-line' })),
    h('section', { class: `panel main ${mapName ? 'has-map' : ''}` },
      h('h2', {}, mapName ? `${region.name}各区县净销售额` : `${region.name}下属${LEVELS[childLevel(region.level)] ?? '地区'}排行`),
      mapName ? h('div', { class: 'chart map', id: 'map' }) : null,
      locator ? h('div', { class: 'chart map locator', id: 'locator', 'aria-label': `${region.name}在重庆市的位置` }) : null,
      mapName ? h('p', { class: 'legend-note' }, '金色描边：重点帮扶区县 · 点击区县查看下级') : null,
      h('table', { class: 'table ranking', id: 'children' })),
    h('section', { class: 'panel channels' }, h('h2', {}, '渠道构成（净销售额）'), h('div', { class: 'chart ring', id: 'channels' })),
    h('section', { class: 'panel buyers' }, h('h2', {}, '购买主体构成（净销售额）'), h('div', { class: 'chart ring', id: 'buyer-types' })),
    h('section', { class: 'panel provinces' }, h('h2', {}, '买家省份分布（净销售额）'),
      h('div', { class: 'chart map china', id: 'provinces' }), h('ol', { class: 'rank', id: 'province-list' })),
    h('section', { class: 'panel campaign' }, h('h2', {}, '活动目标完成度'), h('div', { class: 'chart gauge', id: 'gauge' }),
      h('p', { class: 'muted', id: 'gauge-line' }), h('ul', { class: 'campaigns', id: 'campaigns' })),
    h('section', { class: 'panel hosts' }, h('h2', {}, '主播排行'), h('ol', { class: 'rank', id: 'hosts' })),
    h('section', { class: 'panel goods' }, h('h2', {}, '商品排行'), h('ol', { class: 'rank', id: 'products' })),
    h('dialog', { id: 'alert-dialog', class: 'dialog' })));
  setTitle(`${region.name} · 消费扶贫大屏`, `${LEVELS[region.level] ?? ''} ${region.code}${region.povertyFocus ? ' · 重点帮扶' : ''}`);
  state.charts = {
    channels: channelRing(byId('channels')),
    buyerTypes: buyerTypeRing(byId('buyer-types')),
    provinces: loadProvinces(byId('provinces')),
    gauge: campaignGauge(byId('gauge')),
  };
  if (mapName) {
    state.charts.map = loadMap(byId('map'), mapName, (picked) => location.assign(`/screen/region/${encodeURIComponent(picked)}${location.search}`));
  }
  if (locator) state.charts.locator = loadMap(byId('locator'), locator, () => {});
  return app;
}

/** The monthly bulletin of the region (/reports/bulletin.xlsx), downloaded with the token in a header. */
function bulletin(region) {
  const months = recentMonths(12);
  const picker = h('select', { class: 'tab', id: 'bulletin-month', 'aria-label': '通报月份' },
    months.map((m) => h('option', { value: m }, `${m.replace('-', '年')}月`)));
  const note = h('span', { class: 'muted', id: 'bulletin-note', role: 'status' });
  const button = h('button', { type: 'button', class: 'tab', id: 'bulletin', onclick: async () => {
    const chosen = picker.value || month();
    button.disabled = true;
    note.textContent = '正在生成…';
    try {
      const file = await download(`/reports/bulletin.xlsx?region=${encodeURIComponent(region.code)}&month=${encodeURIComponent(chosen)}`,
        `${region.name}_月度通报_${chosen}.xlsx`);
      note.textContent = `已下载 ${file.name}`;
      note.dataset.file = file.name;
    } catch (e) {
      note.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  } }, '下载月度通报');
  return h('span', { class: 'bulletin' }, picker, button, note);
}

/** The China map of the buyers' provinces (/screen/maps/china.json), and the provinces ranked beside it. */
function loadProvinces(el) {
  const ready = fetch('/screen/maps/china.json').then((r) => {
    if (!r.ok) throw new Error(`map china: HTTP ${r.status}`);
    return r.json();
  }).then((geo) => {
    echarts.registerMap('china', geo);
    const names = new Map(geo.features.map((f) => [f.properties.code, f.properties.name]));
    return { draw: provinceMap(el, 'china', names), names };
  });
  return (byProvince) => {
    const list = byId('province-list');
    ready.then(({ draw, names }) => {
      draw(byProvince);
      fill(list, byProvince.length ? byProvince.slice(0, 5).map((p) => h('li', { dataset: { province: p.province } },
        h('span', { class: 'name' }, names.get(p.province) ?? p.province), h('span', { class: 'muted' }, ` ${count(p.figures.orderCount)} 笔`),
        h('b', { class: 'num' }, yuanShort(p.figures.netGmv)))) : h('li', { class: 'muted' }, '本期暂无买家省份数据。'));
    }).catch(() => el.replaceChildren(h('p', { class: 'muted' }, '地图文件无法加载。')));
  };
}

const childLevel = (level) => ({ MUNICIPALITY: 'DISTRICT', DISTRICT: 'TOWNSHIP', TOWNSHIP: 'VILLAGE' })[level];

/** Loads the configured map (/screen/maps/<name>.json) once; answers the function that draws figures on it. */
function loadMap(el, name, onPick) {
  const ready = fetch(`/screen/maps/${name}.json`).then((r) => {
    if (!r.ok) throw new Error(`map ${name}: HTTP ${r.status}`);
    return r.json();
  }).then((geo) => {
    echarts.registerMap(name, geo);
    return districtMap(el, name, onPick);
  });
  return (regions) => ready.then((draw) => draw(regions)).catch(() => el.replaceChildren(h('p', { class: 'muted' }, '地图文件无法加载，见下方排行。')));
}

function render(state, chosen) {
  const { region, children, hosts, products, campaigns } = state.data;
  const totals = region.totals;
  const root = byId('region');
  root.dataset.from = chosen.from.toISOString();
  root.dataset.to = chosen.to.toISOString();
  tabs(state, chosen);
  byId('period-label').textContent = `${chosen.label}净销售额`;
  byId('period-range').textContent = `${day(chosen.from)} 至 ${day(new Date(chosen.to.getTime() - 1))}`;
  setFigure(root.querySelector('[data-figure=netGmv]'), yuanShort(totals.netGmv), totals.netGmv);
  root.querySelector('[data-figure=netGmvExact]').textContent = yuan(totals.netGmv);
  setFigure(root.querySelector('[data-figure=gmv]'), yuanShort(totals.gmv), totals.gmv);
  setFigure(root.querySelector('[data-figure=orderCount]'), count(totals.orderCount), String(totals.orderCount));
  setFigure(root.querySelector('[data-figure=itemsSold]'), count(totals.itemsSold), String(totals.itemsSold));
  setFigure(root.querySelector('[data-figure=averageOrderValue]'), yuan(totals.averageOrderValue), totals.averageOrderValue);
  setFigure(root.querySelector('[data-figure=refunds]'), yuanShort(totals.refunds), totals.refunds);
  setFigure(byId('alerts'), `${count(totals.priceAlertCount)} 笔`, String(totals.priceAlertCount));
  const rows = children.map((c) => ({ ...c.region, netGmv: c.totals.netGmv, orderCount: c.totals.orderCount, rank: c.rank }));
  state.charts.map?.(rows);
  state.charts.locator?.([{ ...region, netGmv: totals.netGmv, orderCount: totals.orderCount }]);
  ranking(byId('children'), rows, toFen(totals.netGmv), state.data.region.level === 'MUNICIPALITY' ? 10 : 100);
  state.charts.channels(totals.byChannel);
  state.charts.buyerTypes(totals.byBuyerType);
  state.charts.provinces(totals.byBuyerProvince);
  campaignPanel(state, campaigns, chosen.campaign);
  fill(byId('hosts'), hosts.length ? hosts.map((r) => h('li', {}, h('span', { class: 'name' }, r.streamer.displayName),
    h('span', { class: 'muted' }, ` ${r.streamer.platform}`), h('b', { class: 'num' }, yuanShort(r.totals.netGmv)))) : h('li', { class: 'muted' }, '本期暂无成交。'));
  fill(byId('products'), products.length ? products.map((r) => h('li', {}, h('span', { class: 'name' }, r.product.name),
    h('span', { class: 'muted' }, ` ${count(r.totals.itemsSold)} 件`), h('b', { class: 'num' }, yuanShort(r.totals.netGmv)))) : h('li', { class: 'muted' }, '本期暂无成交。'));
}

function tabs(state, chosen) {
  const choose = (choice) => {
    state.choice = choice;
    const url = new URL(location.href);
    url.searchParams.set('period', choice);
    history.replaceState(null, '', url);
    reload(state);
  };
  const tab = (choice, label) => h('button', { type: 'button', class: 'tab', 'aria-pressed': String(state.choice === choice),
    dataset: { period: choice }, onclick: () => choose(choice) }, label);
  fill(byId('period-tabs'), tab('today', '今日'), tab('month', '本月'), tab('year', '本年'),
    state.campaigns.length ? h('select', { class: 'tab', 'aria-label': '活动期', id: 'campaign-period',
      onchange: (e) => choose(e.target.value || 'year') },
    h('option', { value: '' }, '活动期…'),
    state.campaigns.map((c) => h('option', { value: `campaign-${c.id}`, selected: chosen.campaign?.id === c.id }, c.name))) : null);
}

/** The children ranked by net GMV, with their share of the region's; a row opens that region's screen. */
function ranking(table, rows, total, limit) {
  const shown = rows.slice(0, limit);
  fill(table, h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, '地区'), h('th', { class: 'num' }, '净销售额'),
    h('th', { class: 'num' }, '订单'), h('th', { class: 'share' }, '占比'))),
  h('tbody', {}, shown.length ? shown.map((r) => {
    const share = total > 0n ? Number((toFen(r.netGmv) * 10000n) / total) / 10000 : 0;
    const bar = h('span', { class: 'bar' });
    bar.style.width = `${Math.max(0, share * 100).toFixed(1)}%`;
    return h('tr', { dataset: { code: r.code }, class: 'go', tabindex: '0',
      onclick: () => location.assign(`/screen/region/${encodeURIComponent(r.code)}${location.search}`) },
    h('td', {}, String(r.rank)), h('td', {}, h('a', { href: `/screen/region/${encodeURIComponent(r.code)}${location.search}` }, r.name),
      r.povertyFocus ? h('span', { class: 'flag flag-focus' }, '重点') : null),
    h('td', { class: 'num', dataset: { value: r.netGmv } }, yuanShort(r.netGmv)), h('td', { class: 'num' }, count(r.orderCount)),
    h('td', { class: 'share' }, h('span', { class: 'bar-track' }, bar), h('span', {}, percent(share))));
  }) : h('tr', {}, h('td', { colspan: '5', class: 'muted' }, '没有下级地区。'))));
}

function campaignPanel(state, campaigns, periodCampaign) {
  const shown = periodCampaign ?? campaigns.find((c) => c.id === state.gaugeId) ?? campaigns[0];
  const gaugeEl = byId('gauge');
  if (!shown) {
    gaugeEl.hidden = true;
    byId('gauge-line').textContent = '本地区暂无活动目标。';
    fill(byId('campaigns'));
    return;
  }
  gaugeEl.hidden = false;
  state.gaugeId = shown.id;
  gaugeEl.dataset.campaignId = shown.id;
  state.charts.gauge(shown);
  byId('gauge-line').textContent = `${shown.name}：已完成 ${yuanShort(shown.achieved.netGmv)} / 目标 ${yuanShort(shown.targetAmount)}（${shown.startsOn} 至 ${shown.endsOn}）`;
  fill(byId('campaigns'), campaigns.slice(0, 6).map((c) => h('li', {},
    h('button', { type: 'button', class: `link ${c.id === shown.id ? 'strong' : ''}`, dataset: { campaignId: c.id },
      onclick: () => { state.gaugeId = c.id; campaignPanel(state, campaigns, null); } }, c.name),
    h('span', { class: 'num' }, percent(c.completionRate)))));
}

function showToday(today) {
  const el = document.querySelector('[data-figure=todayNetGmv]');
  if (!el) return;
  setFigure(el, yuan(today.netGmv), today.netGmv);
  byId('today-line').textContent = `订单 ${count(today.orderCount)} 笔 · 销售额 ${yuan(today.gmv)}`;
}

function schedule(state) {
  if (state.timer) return;
  const wait = Math.max(0, (state.refreshedAt ?? 0) + REFRESH_MS - Date.now());
  state.timer = setTimeout(async () => {
    state.refreshedAt = Date.now();
    await reload(state);
    state.timer = null;
  }, wait);
}

/** The price-alerted orders of the region and period (the count's link): orders(filter: {priceAlert: true}). */
async function showAlerts(state) {
  const dialog = byId('alert-dialog');
  const { from, to } = state.period;
  fill(dialog, h('p', {}, '正在读取…'));
  dialog.showModal();
  const result = await query(ALERTS, { code: state.code, from: new Date(from).toISOString(), to: new Date(to).toISOString() }).catch((e) => ({ errors: [e] }));
  const orders = result.data?.orders;
  fill(dialog, h('h2', {}, `价格虚高预警订单（${orders ? count(orders.totalCount) : '—'} 笔）`),
    orders ? h('table', { class: 'table' }, h('thead', {}, h('tr', {}, h('th', {}, '下单时间'), h('th', {}, '商品'),
      h('th', { class: 'num' }, '成交单价'), h('th', { class: 'num' }, '参考价'), h('th', { class: 'num' }, '金额'), h('th', {}, '平台订单'))),
    h('tbody', {}, orders.edges.map(({ node: o }) => h('tr', {}, h('td', {}, dayAndTime(o.placedAt)), h('td', {}, o.product.name),
      h('td', { class: 'num' }, yuan(o.unitPrice)), h('td', { class: 'num' }, o.product.referencePrice ? yuan(o.product.referencePrice) : '—'),
      h('td', { class: 'num' }, yuan(o.amount)), h('td', {}, `${o.platform} ${o.externalId}`)))))
      : h('p', {}, result.errors?.[0]?.message ?? '无法读取。'),
    orders && orders.totalCount > orders.edges.length ? h('p', { class: 'muted' }, `只列出最新 ${orders.edges.length} 笔。`) : null,
    h('p', { class: 'actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, '关闭')));
}

