/** The big screens (/screen/…) as a person uses them, and what a test reads off them. */
import { baseUrl } from './env.mjs';

/**
 * Watches a page for what a strict Content-Security-Policy refuses and for script errors; check() throws when
 * anything was seen. Call before the first navigation.
 */
export async function watchPage(page) {
  const problems = [];
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 40[13]/.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  return {
    problems,
    async check() {
      const violations = await page.evaluate(() => window.__violations ?? []).catch(() => []);
      const all = [...problems, ...violations.map((v) => `CSP violation: ${v}`)];
      if (all.length) throw new Error(`the page had problems:\n${all.join('\n')}`);
    },
  };
}

/** Signs in as a person does: opens /screen/ (optionally ?next=), pastes the token, clicks 登录. */
export async function signIn(page, token, next) {
  await page.goto(`${baseUrl}/screen/${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/**
 * Opens a screen with a token already signed in on this tab (sessionStorage, as the sign-in page keeps it). The
 * token is put there before the first page's scripts run, once per tab: loading the sign-in page first to set it
 * would race with that page's own script (an expired token found there is forgotten).
 */
export async function openScreen(page, token, path) {
  await page.addInitScript((t) => {
    if (sessionStorage.getItem('e2e.token-set')) return;
    sessionStorage.setItem('e2e.token-set', '1');
    sessionStorage.setItem('livetally.token', t);
  }, token);
  await page.goto(`${baseUrl}${path}`);
}

/** The exact amount a figure shows ("¥35,547.50" → "35547.50"). */
export const shownAmount = (text) => text.replace(/[¥,\s]/g, '');

/** The text of a figure element ([data-figure=name]). */
export const figureText = (page, name) => page.locator(`[data-figure=${name}]`).first().innerText();

/** The option of the ECharts chart drawn on an element (read through the page's own ECharts module). */
export function chartOption(page, selector) {
  return page.evaluate(async (sel) => {
    const { echarts } = await import('/screen/js/lib.js');
    const el = document.querySelector(sel);
    const chart = el && echarts.getInstanceByDom(el);
    if (!chart) return null;
    const option = chart.getOption();
    return { series: option.series.map((s) => ({ type: s.type, data: s.data })) };
  }, selector);
}

/** Polls fn until it answers a truthy value or the time is up; answers the value or throws with the last one. */
export async function eventually(fn, { timeout = 10_000, every = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, every));
  }
  throw new Error(`${message} not met within ${timeout} ms (last: ${JSON.stringify(last)})`);
}
