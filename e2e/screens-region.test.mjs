// The official's big screen (/screen/region/{code}) in Chromium: every district's value on the map equals
// region(code).totals for the page's period, the campaign gauge equals completionRate, a click on a district
// opens its children, and screenshots at 1920×1080 and 390×844.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before } from 'node:test';
import { fresh, gql, money } from './lib/api.mjs';
import { browserTest, screenshot } from './lib/browser.mjs';
import { tokens } from './lib/env.mjs';
import { product, recordOrders } from './lib/scene.mjs';
import { sql } from './lib/server.mjs';
import { chartOption, eventually, openScreen, watchPage } from './lib/screens.mjs';

let scene;

before(async () => {
  // Townships and villages are reference data no mutation writes (the demo data holds the article's): two of them.
  sql(`INSERT INTO region (code, name, level, parent_code, poverty_focus, path) VALUES
      ('500238108', '尖山镇', 'TOWNSHIP', '500238', false, '/500000/500238/500238108/'),
      ('500238108205', '八家村', 'VILLAGE', '500238108', true, '/500000/500238/500238108/500238108205/')
    ON CONFLICT (code) DO NOTHING`);
  const village = await product('500238108205');
  const fengjie = await product('500236', { unitPrice: '59.90', referencePrice: '52.00', category: '水果' });
  const wanzhou = await product('500101', { unitPrice: '59.90', referencePrice: '52.00', category: '粮油' });
  await recordOrders([
    { productId: village, quantity: 3, unitPrice: '118.00' },
    { productId: village, quantity: 1, unitPrice: '160.00' }, // over 1.3 × 105: a price alert
    { productId: fengjie, quantity: 5, unitPrice: '59.90' },
    { productId: fengjie, quantity: 2, unitPrice: '59.90', channel: 'FAIR' },
    { productId: wanzhou, quantity: 4, unitPrice: '59.90', channel: 'SUPERMARKET' },
    // who bought and from where (issue 13): other provinces and buyer types than the default 山东 / CONSUMER
    { productId: fengjie, quantity: 1, unitPrice: '59.90', buyerProvince: '440000', buyerType: 'EAST_WEST_COOPERATION' },
    { productId: village, quantity: 2, unitPrice: '118.00', buyerProvince: '500000', buyerType: 'BUDGET_UNIT' },
    { productId: wanzhou, quantity: 3, unitPrice: '59.90', buyerProvince: '110000', buyerType: 'PAIRING_UNIT', channel: 'FAIR' },
  ]);
  const today = new Date().toISOString().slice(0, 10);
  const campaign = (await gql(tokens.admin, `mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }`, {
    input: { name: fresh('巫溪山货进山东'), originRegionCode: '500238', buyerProvince: '370000', startsOn: today.slice(0, 8) + '01',
      endsOn: `${today.slice(0, 4)}-12-31`, targetAmount: '1000.00' },
  })).createCampaign.id;
  scene = { campaign };
});

/** The district values drawn on the map: [{ code, exact, name }]. */
async function mapData(page) {
  const option = await eventually(async () => {
    const o = await chartOption(page, '#map');
    return o?.series?.[0]?.data?.length ? o : null;
  }, { message: 'the map is drawn' });
  return option.series[0].data.map((d) => ({ code: d.code, exact: d.exact, name: d.regionName }));
}

const period = (page) => page.locator('#region').evaluate((el) => ({ from: el.dataset.from, to: el.dataset.to }));

/** region(code).totals.netGmv for every code, in one request (aliases). */
async function totals(codes, { from, to }) {
  const found = {};
  for (let i = 0; i < codes.length; i += 25) { // at most 30 root fields a request
    const chunk = codes.slice(i, i + 25);
    const fields = chunk.map((c) => `r${c}: region(code: "${c}") { totals(from: $from, to: $to) { netGmv } }`).join('\n');
    const data = await gql(tokens.admin, `query($from: DateTime, $to: DateTime) { ${fields} }`, { from, to });
    for (const c of chunk) found[c] = money(data[`r${c}`].totals.netGmv);
  }
  return found;
}

for (const choice of ['today', 'year']) {
  browserTest(`every district's value on the map equals region(code).totals for the page's period (${choice})`, { viewport: { width: 1920, height: 1080 } }, async (page) => {
    const watch = await watchPage(page);
    await openScreen(page, tokens.admin, `/screen/region/500000?period=${choice}`);
    const drawn = await mapData(page);
    const shown = await period(page);
    assert.equal(drawn.length, 38, 'the 38 districts and counties are on the map');
    const expected = await totals(drawn.map((d) => d.code), shown);
    for (const d of drawn) assert.equal(money(d.exact), expected[d.code], `${d.name} ${d.code} on the map`);
    assert.ok(drawn.some((d) => d.code === '500238' && Number(d.exact) > 0), '巫溪县 has this run\'s sales');
    if (choice === 'today') await screenshot(page, 'screen-region-1920x1080');
    await watch.check();
  });
}

browserTest('the campaign gauge equals completionRate', { viewport: { width: 1920, height: 1080 } }, async (page) => {
  const watch = await watchPage(page);
  await openScreen(page, tokens.admin, '/screen/region/500238');
  await page.locator(`#campaigns [data-campaign-id="${scene.campaign}"]`).click();
  const gauge = await eventually(async () => {
    const o = await chartOption(page, '#gauge');
    const d = o?.series?.[0]?.data?.[0];
    return d?.campaignId === scene.campaign ? d : null;
  }, { message: 'the gauge shows the campaign' });
  const { campaign } = await gql(tokens.admin, 'query($id: ID!) { campaign(id: $id) { completionRate } }', { id: scene.campaign });
  assert.ok(campaign.completionRate > 0, 'the campaign has sales');
  assert.equal(gauge.completionRate, campaign.completionRate);
  assert.ok(Math.abs(gauge.value - campaign.completionRate * 100) < 1e-9);
  await watch.check();
});

browserTest('a click on a district on the map opens its children', { viewport: { width: 1920, height: 1080 } }, async (page) => {
  const watch = await watchPage(page);
  await openScreen(page, tokens.admin, '/screen/region/500000?period=today');
  await mapData(page);
  // 巫溪县's centre as the map file gives it (its cp property), turned into a pixel of the chart
  const point = await page.evaluate(async () => {
    const { echarts } = await import('/screen/js/lib.js');
    const map = await (await fetch('/screen/maps/chongqing.json')).json();
    const cp = map.features.find((f) => f.properties.code === '500238').properties.cp;
    const [x, y] = echarts.getInstanceByDom(document.querySelector('#map')).convertToPixel({ seriesIndex: 0 }, cp);
    const box = document.querySelector('#map').getBoundingClientRect();
    return { x: box.x + x, y: box.y + y };
  });
  await page.mouse.click(point.x, point.y);
  await page.waitForURL('**/screen/region/500238?period=today');
  const row = page.locator('#children tr[data-code="500238108"]');
  await row.waitFor();
  assert.match(await row.innerText(), /尖山镇/);
  const { from, to } = await period(page);
  const expected = await totals(['500238108'], { from, to });
  assert.equal(money(await row.locator('td[data-value]').getAttribute('data-value')), expected['500238108']);
  await watch.check();
});

browserTest('the region screen is usable on a phone (390×844)', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
  const watch = await watchPage(page);
  await openScreen(page, tokens.admin, '/screen/region/500000?period=today');
  await mapData(page);
  await page.locator('[data-figure=todayNetGmv]').filter({ hasText: '¥' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await screenshot(page, 'screen-region-390x844');
  await watch.check();
});

browserTest('the buyers\' provinces on the China map and the buyer-type split equal the region\'s totals', { viewport: { width: 1920, height: 1080 } }, async (page) => {
  const watch = await watchPage(page);
  await openScreen(page, tokens.admin, '/screen/region/500000?period=today');
  // ECharts lists every region of the map in the series it answers: the drawn figures are the items with a province
  const provinces = await eventually(async () => (await chartOption(page, '#provinces'))?.series?.[0]?.data?.filter((d) => d.province),
    { message: 'the China map is drawn' });
  const types = await eventually(async () => (await chartOption(page, '#buyer-types'))?.series?.[0]?.data, { message: 'the buyer-type ring is drawn' });
  const shown = await period(page);
  const { region } = await gql(tokens.admin, `query($from: DateTime, $to: DateTime) { region(code: "500000") { totals(from: $from, to: $to) {
    byBuyerProvince { province figures { netGmv orderCount } } byBuyerType { buyerType figures { netGmv orderCount } } } } }`, shown);
  const api = region.totals;
  const byCode = (a, b) => a[0].localeCompare(b[0]);
  assert.deepEqual(provinces.map((d) => [d.province, money(d.exact), d.orders]).sort(byCode),
    api.byBuyerProvince.map((p) => [p.province, money(p.figures.netGmv), p.figures.orderCount]).sort(byCode), 'every province of the API drawn, with its figures');
  for (const code of ['370000', '440000', '500000', '110000']) assert.ok(provinces.some((d) => d.province === code), `${code} has this run's buyers`);
  // keyed by code, named by the map file: the map's feature of each code is the province drawn
  const named = Object.fromEntries(provinces.map((d) => [d.province, d.provinceName]));
  assert.equal(named['370000'], '山东');
  assert.equal(named['440000'], '广东');
  assert.equal(named['500000'], '重庆');
  assert.deepEqual(types.map((d) => [d.buyerType, money(d.exact), d.orders]),
    api.byBuyerType.map((t) => [t.buyerType, money(t.figures.netGmv), t.figures.orderCount]), 'every buyer type as the API lists it');
  for (const type of ['CONSUMER', 'EAST_WEST_COOPERATION', 'BUDGET_UNIT', 'PAIRING_UNIT']) assert.ok(types.some((d) => d.buyerType === type), type);
  await page.locator('#province-list li[data-province="370000"]').waitFor();
  await screenshot(page, 'screen-region-buyers-1920x1080');
  await watch.check();
});

browserTest('the month\'s bulletin downloads with the token in a header and opens as an XLSX', { viewport: { width: 1920, height: 1080 } }, async (page) => {
  const watch = await watchPage(page);
  const requests = [];
  page.on('request', (request) => requests.push({ url: request.url(), headers: request.headers() }));
  await openScreen(page, tokens.official, '/screen/region/500238?period=month');
  await page.locator('#bulletin').waitFor();
  const month = await page.locator('#bulletin-month').inputValue();
  assert.match(month, /^\d{4}-\d{2}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#bulletin').click()]);
  assert.equal(download.suggestedFilename(), `巫溪县_月度通报_${month}.xlsx`);
  const file = join(mkdtempSync(join(tmpdir(), 'bulletin-')), 'bulletin.xlsx');
  await download.saveAs(file);
  await page.locator('#bulletin-note').filter({ hasText: '已下载' }).waitFor();
  // an XLSX: a zip whose workbook names the bulletin's sheets, in order
  assert.equal(readFileSync(file).subarray(0, 2).toString('latin1'), 'PK');
  const workbook = execFileSync('unzip', ['-p', file, 'xl/workbook.xml'], { encoding: 'utf8' });
  const sheets = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)]
    .map((m) => m[1].replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16))));
  assert.deepEqual(sheets, ['概况', '活动目标', '区县排名', '产品排行', '主播排行', '价格预警订单', '贫困重点']);
  // fetched with the bearer token in the Authorization header; the token in no URL the page asked for
  const fetched = requests.find((r) => r.url.includes('/reports/bulletin.xlsx'));
  assert.ok(fetched, 'the page fetched the bulletin');
  assert.equal(new URL(fetched.url).search, `?region=500238&month=${month}`);
  assert.equal(fetched.headers.authorization, `Bearer ${tokens.official}`);
  for (const r of requests) assert.ok(!r.url.includes(tokens.official), `no token in ${r.url.slice(0, 80)}`);
  await watch.check();
});
