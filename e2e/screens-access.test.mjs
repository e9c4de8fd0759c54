// The screens add no way in: a token outside a screen's scope gets a clear refusal and no figure; a refused
// or expired token gets its reason and the sign-in; a restarted server shows "reconnecting", then figures again.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before } from 'node:test';
import { gql, money } from './lib/api.mjs';
import { browserTest, screenshot } from './lib/browser.mjs';
import { baseUrl, mintToken, tokens } from './lib/env.mjs';
import { host, liveSession, product, recordOrders } from './lib/scene.mjs';
import { startServer, stopServer } from './lib/server.mjs';
import { eventually, figureText, openScreen, shownAmount, signIn, watchPage } from './lib/screens.mjs';

let scene;

before(async () => {
  const goods = await product('500238');
  const owner = await host('500238');
  const session = await liveSession(owner.id, '500238', [goods]);
  await recordOrders([{ sessionId: session, productId: goods, quantity: 2, unitPrice: '118.00' }]);
  scene = { goods, owner, session, other: await host('500236') };
});

/** A refusal: the message, and not one figure on the page. */
async function assertRefused(page, title) {
  const notice = page.locator('[data-notice=refused]');
  await notice.waitFor({ timeout: 10_000 });
  assert.match(await notice.innerText(), title);
  assert.equal(await page.locator('[data-figure]').count(), 0, 'no figure on a refused screen');
  assert.doesNotMatch(await page.locator('main').innerText(), /¥|万元/, 'no amount on a refused screen');
}

const cases = [
  ['another host\'s session, as a host', () => scene.other.token, () => `/screen/session/${scene.session}`, /无权查看这场直播/],
  ['a session of another district, as an official', () => mintToken('official', { region_code: '500101' }), () => `/screen/session/${scene.session}`, /无权查看这场直播/],
  ['another district, as an official', () => tokens.official, () => '/screen/region/500236', /无权查看地区 500236/],
  ['the municipality, as a district official', () => tokens.official, () => '/screen/region/500000', /无权查看地区 500000/],
  ['a region, as a host', () => scene.owner.token, () => '/screen/region/500238', /无权查看地区 500238/],
];
for (const [what, token, path, title] of cases) {
  browserTest(`a screen outside the token's scope is refused: ${what}`, async (page) => {
    const watch = await watchPage(page);
    const sockets = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await openScreen(page, token(), path());
    await assertRefused(page, title);
    // a refused screen opens no socket: nothing is subscribed that the service refuses, and no socket is closed
    // while being opened (which raced graphql-ws' own sends: "WebSocket is already in CLOSING or CLOSED state")
    assert.deepEqual(sockets, [], 'a refused screen opens no socket');
    await watch.check();
  });
}

browserTest('a platform token opens no screen', async (page) => {
  await signIn(page, tokens.platform);
  await page.locator('[data-notice=refused]').filter({ hasText: '此令牌不能查看大屏' }).waitFor();
});

browserTest('an official signs in and sees the own district and its sessions, nothing else', async (page) => {
  const watch = await watchPage(page);
  await signIn(page, tokens.official);
  await page.locator('#region-links').waitFor();
  const regions = await page.locator('#region-links a').allInnerTexts();
  assert.equal(regions[0], '巫溪县');
  assert.ok(!regions.includes('奉节县'), `the list offers ${regions}`);
  assert.ok(await page.locator(`#session-links a[href="/screen/session/${scene.session}"]`).count() === 1);
  await watch.check();
});

browserTest('an expired token shows its reason and the sign-in', async (page) => {
  const expired = execFileSync(join(process.cwd(), 'bin/mint-token'), [process.env.JWT_PRIVATE_KEY, 'host', `streamer_id=${scene.owner.id}`],
    { encoding: 'utf8', env: { ...process.env, TTL: '-120' } }).trim();
  await openScreen(page, expired, `/screen/session/${scene.session}`);
  await page.waitForURL(`**/screen/?next=${encodeURIComponent(`/screen/session/${scene.session}`)}`);
  assert.match(await page.locator('#signin-error').innerText(), /登录已过期/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('livetally.token')), null, 'the expired token is forgotten');
  // signing in again with a good token comes back to the screen
  await page.locator('#token').fill(scene.owner.token);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(`**/screen/session/${scene.session}`);
  await page.locator('[data-figure=gmv]').filter({ hasText: '¥' }).waitFor();
});

browserTest('a token of another key is refused with its reason, never kept', async (page) => {
  const dir = mkdtempSync(join(tmpdir(), 'screens-'));
  execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', join(dir, 'k.pem')], { stdio: 'ignore' });
  const forged = execFileSync(join(process.cwd(), 'bin/mint-token'), [join(dir, 'k.pem'), 'admin'], { encoding: 'utf8' }).trim();
  await signIn(page, forged);
  await eventually(async () => /签名无效/.test(await page.locator('#signin-error').innerText()), { message: 'the reason is shown' });
  assert.equal(await page.evaluate(() => sessionStorage.getItem('livetally.token')), null);
  assert.ok(!page.url().includes(forged.slice(0, 20)), 'the token is never in the URL');
});

browserTest('a restarted server: the screen says it is reconnecting, then shows figures again', { viewport: { width: 1280, height: 800 } }, async (page) => {
  const watch = await watchPage(page);
  await openScreen(page, scene.owner.token, `/screen/session/${scene.session}`);
  const conn = page.locator('#conn');
  await eventually(async () => (await conn.getAttribute('data-state')) === 'live', { message: 'the socket is live' });
  const sockets = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await stopServer();
  try {
    await eventually(async () => (await conn.getAttribute('data-state')) === 'reconnecting', { message: 'reconnecting shown' });
    assert.match(await page.locator('#banner').innerText(), /正在重连/);
    await screenshot(page, 'screen-host-reconnecting');
  } finally {
    startServer();
  }
  await eventually(async () => (await conn.getAttribute('data-state')) === 'live', { timeout: 30_000, message: 'live again after the restart' });
  assert.equal(await page.locator('#banner').isHidden(), true);
  await recordOrders([{ sessionId: scene.session, productId: scene.goods, quantity: 3, unitPrice: '118.00' }]);
  const { session } = await gql(tokens.admin, 'query($id: ID!) { session(id: $id) { stats { gmv } } }', { id: scene.session });
  await eventually(async () => shownAmount(await figureText(page, 'gmv')) === money(session.stats.gmv),
    { timeout: 3000, message: 'the new order shows after the reconnection' });
  assert.ok(sockets.every((url) => url === `${baseUrl.replace('http', 'ws')}/graphql`), `sockets: ${sockets}`);
  // console errors while the server was away (failed socket connections) are expected here
  watch.problems.splice(0);
  await watch.check();
});
