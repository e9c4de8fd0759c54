// The official's big screen (/screen/region/{code}) in Chromium: every district's value on the map equals
// region(code).totals for the page's period, the campaign gauge equals completionRate, a click on a district
// opens its children, and screenshots at 1920×1080 and 390×844.
import assert from 'node:assert/strict';
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
