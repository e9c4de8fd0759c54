// The host's big screen (/screen/session/{id}) in Chromium: live figures equal the API's stats to the fen within
// 2 s of an order's acknowledgement, the frozen report after the end, the sign-in, and screenshots.
import assert from 'node:assert/strict';
import { before } from 'node:test';
import { gql, money } from './lib/api.mjs';
import { browserTest, screenshot } from './lib/browser.mjs';
import { tokens } from './lib/env.mjs';
import { host, liveSession, product, recordOrders } from './lib/scene.mjs';
import { eventually, figureText, openScreen, shownAmount, signIn, watchPage } from './lib/screens.mjs';

const STATS = `query($id: ID!) { session(id: $id) { status stats { gmv netGmv orderCount itemsSold
  byProduct { product { id } orderCount itemsSold gmv } } } }`;
let scene;

before(async () => {
  const products = [await product('500238'), await product('500238', { unitPrice: '39.90', referencePrice: '35.00', category: '水果' })];
  const streamer = await host('500238');
  const session = await liveSession(streamer.id, '500238', products);
  scene = { products, streamer, session };
});

const stats = async () => (await gql(tokens.admin, STATS, { id: scene.session })).session.stats;

/** The product table's row of a product: [orders, items, gmv] as shown. */
const productRow = (page, id) => page.locator(`#products tr[data-product-id="${id}"]`).evaluate((row) =>
  ['orderCount', 'itemsSold', 'gmv'].map((cell) => row.querySelector(`[data-cell=${cell}]`).textContent));

browserTest('orders recorded while the host screen is open show on it within 2 s, equal to stats to the fen', { viewport: { width: 1920, height: 1080 } }, async (page) => {
  const watch = await watchPage(page);
  await signIn(page, scene.streamer.token);
  await page.locator('#session-links').getByRole('link').first().click();
  await page.waitForURL(`**/screen/session/${scene.session}`);
  await eventually(async () => (await page.locator('#conn').getAttribute('data-state')) === 'live', { message: 'the socket is live' });
  const lags = [];
  for (let round = 0; round < 6; round++) {
    await recordOrders([
      { sessionId: scene.session, productId: scene.products[round % 2], quantity: round + 1, unitPrice: round % 2 ? '39.90' : '118.00' },
      ...(round % 3 === 0 ? [{ sessionId: scene.session, productId: scene.products[1], quantity: 2, unitPrice: '39.90' }] : []),
    ]);
    const acknowledged = Date.now();
    const expected = await stats();
    await eventually(async () => shownAmount(await figureText(page, 'gmv')) === money(expected.gmv),
      { timeout: 2000, every: 20, message: `GMV ${money(expected.gmv)} on the page within 2 s of the acknowledgement` });
    lags.push(Date.now() - acknowledged);
    for (const sale of expected.byProduct) {
      await eventually(async () => {
        const [orders, items, gmv] = await productRow(page, sale.product.id);
        return orders === String(sale.orderCount) && items === String(sale.itemsSold) && shownAmount(gmv) === money(sale.gmv);
      }, { timeout: 2000 - (Date.now() - acknowledged) + 100, every: 20, message: `product ${sale.product.id}'s row equals stats.byProduct` });
    }
    assert.equal(shownAmount(await figureText(page, 'netGmv')), money(expected.netGmv));
    assert.equal(await figureText(page, 'orderCount'), expected.orderCount.toLocaleString('en-US'));
  }
  console.log(`ack → GMV on the page (ms): ${lags.join(', ')}`);
  // the latest orders, minute chart and product table follow
  await eventually(async () => (await page.locator('#feed li[data-order-id]').count()) >= 8, { message: 'the feed lists the orders' });
  await screenshot(page, 'screen-host-1920x1080');
  await watch.check();
});

browserTest('a new order shows in the latest orders within the refetch delay (5 s + the live poll), fetched over the socket', { viewport: { width: 1920, height: 1080 } }, async (page) => {
  const watch = await watchPage(page);
  const posted = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') posted.push(request.postData() ?? '');
  });
  await openScreen(page, scene.streamer.token, `/screen/session/${scene.session}`);
  await eventually(async () => (await page.locator('#conn').getAttribute('data-state')) === 'live', { message: 'the socket is live' });
  const newest = async () => (await gql(tokens.admin, 'query($id: ID!) { session(id: $id) { orders(first: 1) { edges { node { id } } } } }',
    { id: scene.session })).session.orders.edges[0].node.id;
  // the first order starts a refetch at once; the second comes while the next one is throttled (the worst case)
  for (const wait of [0, 1000]) {
    await page.waitForTimeout(wait);
    await recordOrders([{ sessionId: scene.session, productId: scene.products[0], quantity: 1, unitPrice: '118.00' }]);
    const acknowledged = Date.now();
    const id = await newest();
    await eventually(async () => (await page.locator(`#feed li[data-order-id="${id}"]`).count()) === 1,
      { timeout: 6500 - (Date.now() - acknowledged), every: 50, message: `order ${id} in the latest orders within 6.5 s of its acknowledgement` });
    console.log(`ack → order in the feed: ${Date.now() - acknowledged} ms`);
  }
  assert.deepEqual(posted.filter((body) => body.includes('Refresh')), [], 'the feed is refetched over the socket, not by POST');
  await watch.check();
});

browserTest('the host screen is usable on a phone (390×844)', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
  const watch = await watchPage(page);
  await openScreen(page, scene.streamer.token, `/screen/session/${scene.session}`);
  const expected = await stats();
  await eventually(async () => shownAmount(await figureText(page, 'gmv')) === money(expected.gmv), { message: 'GMV shown' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await screenshot(page, 'screen-host-390x844');
  await watch.check();
});

browserTest('ending the session shows the frozen report', { viewport: { width: 1920, height: 1080 } }, async (page) => {
  const watch = await watchPage(page);
  await openScreen(page, scene.streamer.token, `/screen/session/${scene.session}`);
  await eventually(async () => (await page.locator('#conn').getAttribute('data-state')) === 'live', { message: 'the socket is live' });
  await gql(scene.streamer.token, 'mutation($id: ID!) { endSession(id: $id) { status } }', { id: scene.session });
  await page.locator('[data-mode=report]').waitFor({ timeout: 5000 });
  const frozen = await stats();
  assert.equal(shownAmount(await figureText(page, 'gmv')), money(frozen.gmv));
  assert.equal(shownAmount(await figureText(page, 'netGmv')), money(frozen.netGmv));
  assert.equal(await figureText(page, 'orderCount'), frozen.orderCount.toLocaleString('en-US'));
  assert.match(await page.locator('#session-status').innerText(), /已结束/);
  assert.match(await page.locator('#elapsed').innerText(), /直播时长/);
  // the socket was closed on purpose: the report is final, not a wall waiting to reconnect
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(await page.locator('#banner').isHidden(), true, 'no reconnecting banner on the report');
  assert.notEqual(await page.locator('#conn').getAttribute('data-state'), 'reconnecting');
  await screenshot(page, 'screen-host-report-1920x1080');
  await watch.check();
});
