// The screens' charts (Apache ECharts, canvas): a minute trend, the district map, the campaign gauge and the
// channel split. Tooltips are built as text with class names, never with style attributes (the CSP).
import { echarts } from './lib.js';
import { hourMinute } from './time.js';
import { count, percent, yuan, yuanNumber, yuanShort } from './format.js';

const TEXT = '#d8e4ff';
const MUTED = '#8fa3c8';
const GRID = 'rgba(143, 163, 200, 0.18)';
const base = { backgroundColor: 'transparent', textStyle: { color: TEXT, fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' } };
const tooltip = { backgroundColor: '#0d1a36', borderColor: '#2c4a86', textStyle: { color: TEXT }, className: 'chart-tip' };

/** A chart on an element that follows the element's size. */
function chart(el) {
  const instance = echarts.init(el, null, { renderer: 'canvas' });
  new ResizeObserver(() => instance.resize()).observe(el);
  return instance;
}

/** Orders (bars) and GMV (line) per minute, from LiveSession.timeline(MINUTE). */
export function trendChart(el) {
  const instance = chart(el);
  instance.setOption({
    ...base,
    tooltip: { ...tooltip, trigger: 'axis', formatter: (params) => [params[0]?.axisValue,
      ...params.map((p) => (p.seriesIndex === 0 ? `订单 ${count(p.value)} 笔` : `销售额 ${yuan(p.data.exact)}`))].join('<br>') },
    legend: { data: ['每分钟订单', '每分钟销售额'], textStyle: { color: MUTED }, top: 0 },
    grid: { left: 48, right: 64, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: [], axisLabel: { color: MUTED }, axisLine: { lineStyle: { color: GRID } } },
    yAxis: [
      { type: 'value', name: '订单', minInterval: 1, axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: GRID } } },
      { type: 'value', name: '元', axisLabel: { color: MUTED }, splitLine: { show: false } },
    ],
    series: [
      { name: '每分钟订单', type: 'bar', data: [], itemStyle: { color: '#3d7bff' }, barMaxWidth: 18 },
      { name: '每分钟销售额', type: 'line', yAxisIndex: 1, data: [], smooth: true, showSymbol: false,
        itemStyle: { color: '#ffb547' }, areaStyle: { color: 'rgba(255, 181, 71, 0.12)' } },
    ],
  });
  return (timeline) => instance.setOption({
    xAxis: { data: timeline.map((b) => hourMinute(b.start)) },
    series: [
      { data: timeline.map((b) => b.orderCount) },
      { data: timeline.map((b) => ({ value: yuanNumber(b.gmv), exact: b.gmv })) },
    ],
  });
}

/**
 * The district map: each district coloured by net GMV (data keyed by region code through the features'
 * properties.code), poverty-focus districts outlined in gold. onPick(code) hears a click on a district.
 */
export function districtMap(el, mapName, onPick) {
  const instance = chart(el);
  instance.on('click', (event) => { if (event.data?.code) onPick(event.data.code); });
  return (regions) => {
    const values = regions.map((r) => yuanNumber(r.netGmv));
    instance.setOption({
      ...base,
      tooltip: { ...tooltip, trigger: 'item', formatter: (p) => p.data
        ? `${p.data.regionName}${p.data.focus ? '（重点帮扶）' : ''}<br>净销售额 ${yuan(p.data.exact)}<br>订单 ${count(p.data.orders)} 笔`
        : '' },
      visualMap: { min: 0, max: Math.max(1, ...values), calculable: false, orient: 'vertical', left: 8, bottom: 8,
        text: ['高', '低'], textStyle: { color: MUTED }, inRange: { color: ['#16325c', '#1f6feb', '#39c5ff', '#ffe27a'] } },
      series: [{
        type: 'map', map: mapName, nameProperty: 'code', roam: false, selectedMode: false, top: 12, bottom: 12,
        label: { show: el.clientWidth > 700, color: TEXT, fontSize: 11, formatter: (p) => p.data?.regionName ?? '' },
        emphasis: { label: { show: true, color: '#fff' }, itemStyle: { areaColor: '#ff8a3d' } },
        itemStyle: { borderColor: '#0a1428', borderWidth: 1 },
        data: regions.map((r) => ({
          name: r.code, code: r.code, regionName: r.name, focus: r.povertyFocus, value: yuanNumber(r.netGmv),
          exact: r.netGmv, orders: r.orderCount,
          itemStyle: r.povertyFocus ? { borderColor: '#ffd35a', borderWidth: 2 } : undefined,
        })),
      }],
    });
  };
}

/** A campaign's completion (completionRate as a percentage), with its name and amounts below. */
export function campaignGauge(el) {
  const instance = chart(el);
  return (campaign) => {
    const rate = Number(campaign.completionRate);
    instance.setOption({
      ...base,
      series: [{
        type: 'gauge', min: 0, max: Math.max(100, Math.ceil(rate * 100 / 10) * 10), startAngle: 210, endAngle: -30,
        progress: { show: true, width: 14, itemStyle: { color: rate >= 1 ? '#3ddc97' : '#39c5ff' } },
        axisLine: { lineStyle: { width: 14, color: [[1, 'rgba(143, 163, 200, 0.2)']] } },
        axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false }, pointer: { show: false },
        anchor: { show: false }, title: { show: false },
        detail: { valueAnimation: false, offsetCenter: [0, '0%'], fontSize: 30, color: TEXT, formatter: () => percent(rate) },
        data: [{ value: rate * 100, name: campaign.name, completionRate: rate, campaignId: campaign.id }],
      }],
    });
  };
}

const CHANNELS = { LIVESTREAM: '直播带货', ONLINE_PLATFORM: '线上平台', SMART_CABINET: '智能专柜', SUPERMARKET: '商超专区', FAIR: '展销会' };
export const channelName = (c) => CHANNELS[c] ?? c;

/** Net GMV by channel, as a ring. */
export function channelRing(el) {
  const instance = chart(el);
  return (byChannel) => instance.setOption({
    ...base,
    tooltip: { ...tooltip, trigger: 'item', formatter: (p) => `${p.name}<br>${yuanShort(p.data.exact)}（${p.percent}%）` },
    legend: { bottom: 0, textStyle: { color: MUTED }, itemWidth: 10, itemHeight: 10 },
    color: ['#39c5ff', '#ffb547', '#3ddc97', '#b48cff', '#ff6b8b'],
    series: [{
      type: 'pie', radius: ['42%', '68%'], center: ['50%', '44%'], label: { color: TEXT, formatter: '{d}%' },
      data: byChannel.map((c) => ({ name: channelName(c.channel), value: yuanNumber(c.netGmv), exact: c.netGmv, channel: c.channel })),
    }],
  });
}

const BUYER_TYPES = { CONSUMER: '个人消费者', BUDGET_UNIT: '预算单位采购', PAIRING_UNIT: '定点帮扶单位', EAST_WEST_COOPERATION: '东西部协作',
  ASSISTANCE_GROUP: '市级扶贫集团', ENTERPRISE: '企业和社会力量' };
export const buyerTypeName = (t) => BUYER_TYPES[t] ?? t;

/** Net GMV by who bought (SalesTotals.byBuyerType), as a ring. */
export function buyerTypeRing(el) {
  const instance = chart(el);
  return (byBuyerType) => instance.setOption({
    ...base,
    tooltip: { ...tooltip, trigger: 'item', formatter: (p) => `${p.name}<br>${yuan(p.data.exact)}（${p.percent}%）<br>订单 ${count(p.data.orders)} 笔` },
    legend: { bottom: 0, textStyle: { color: MUTED }, itemWidth: 10, itemHeight: 10 },
    color: ['#39c5ff', '#ffb547', '#3ddc97', '#b48cff', '#ff6b8b', '#7ee0d2'],
    series: [{
      type: 'pie', radius: ['42%', '68%'], center: ['50%', '44%'], label: { color: TEXT, formatter: '{d}%' },
      data: byBuyerType.map((b) => ({ name: buyerTypeName(b.buyerType), value: yuanNumber(b.figures.netGmv), exact: b.figures.netGmv,
        orders: b.figures.orderCount, buyerType: b.buyerType })),
    }],
  });
}

/**
 * The buyers' provinces on the China map (SalesTotals.byBuyerProvince, keyed by GB/T 2260 province code through
 * the features' properties.code); names: the map file's name of each code.
 */
export function provinceMap(el, mapName, names) {
  const instance = chart(el);
  return (byProvince) => {
    const values = byProvince.map((p) => yuanNumber(p.figures.netGmv));
    instance.setOption({
      ...base,
      tooltip: { ...tooltip, trigger: 'item', formatter: (p) => (p.data
        ? `${p.data.provinceName}<br>净销售额 ${yuan(p.data.exact)}<br>订单 ${count(p.data.orders)} 笔` : `${names.get(p.name) ?? p.name}<br>暂无成交`) },
      visualMap: { min: 0, max: Math.max(1, ...values), calculable: false, orient: 'vertical', left: 8, bottom: 8,
        text: ['高', '低'], textStyle: { color: MUTED }, inRange: { color: ['#16325c', '#1f6feb', '#39c5ff', '#ffe27a'] } },
      series: [{
        type: 'map', map: mapName, nameProperty: 'code', roam: false, selectedMode: false, top: 8, bottom: 8,
        label: { show: false }, emphasis: { label: { show: true, color: '#fff', formatter: (p) => names.get(p.name) ?? '' },
          itemStyle: { areaColor: '#ff8a3d' } },
        itemStyle: { areaColor: '#122546', borderColor: '#0a1428', borderWidth: 1 },
        data: byProvince.map((p) => ({ name: p.province, province: p.province, provinceName: names.get(p.province) ?? p.province,
          value: yuanNumber(p.figures.netGmv), exact: p.figures.netGmv, orders: p.figures.orderCount })),
      }],
    });
  };
}
