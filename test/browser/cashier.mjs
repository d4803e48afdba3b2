// Drives the simulator's cashier page in a real browser, like a person: opens a signed page-pay URL,
// checks the subject and amount, presses Pay, lands on the shop's return URL, then confirms the
// payment through a signed alipay.trade.query (and the signed notification), and checks Cancel.
// Usage: node cashier.mjs <gateway URL> <simulator --keys folder> <node_modules folder>
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const [gateway, keysDir, modulesDir] = process.argv.slice(2);
if (!gateway || !keysDir || !modulesDir) {
  console.error('usage: node cashier.mjs <gateway URL> <keys folder> <node_modules folder>');
  process.exit(64);
}
const { chromium } = createRequire(path.join(modulesDir, 'x.js'))('playwright-core');

const read = (name) => fs.readFileSync(path.join(keysDir, name), 'utf8').trim();
const appId = read('app_id.txt');
const appKey = crypto.createPrivateKey({ key: Buffer.from(read('app_private_key.txt'), 'base64'), format: 'der', type: 'pkcs8' });
const platformKey = crypto.createPublicKey({ key: Buffer.from(read('alipay_public_key.txt'), 'base64'), format: 'der', type: 'spki' });

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) {
    passed++;
    console.log(`ok - ${what}`);
  } else {
    failed++;
    console.log(`not ok - ${what}`);
  }
}

// Request rule: every parameter but sign, empty ones dropped. V1 rule: sign and sign_type dropped, empties kept.
function signString(params, drop, keepEmpty) {
  return Object.keys(params).filter((k) => !drop.includes(k) && (keepEmpty || params[k] !== ''))
    .sort().map((k) => `${k}=${params[k]}`).join('&');
}
const rsa2Sign = (text) => crypto.sign('RSA-SHA256', Buffer.from(text, 'utf8'), appKey).toString('base64');
const rsa2Verify = (text, sign) => crypto.verify('RSA-SHA256', Buffer.from(text, 'utf8'), platformKey, Buffer.from(sign, 'base64'));

function timestamp() {
  const t = new Date(Date.now() + 8 * 3600 * 1000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

function signedParams(method, biz, extra = {}) {
  const params = { app_id: appId, method, charset: 'utf-8', version: '1.0', sign_type: 'RSA2', timestamp: timestamp(), ...extra, biz_content: JSON.stringify(biz) };
  params.sign = rsa2Sign(signString(params, ['sign'], false));
  return params;
}

// The Java SDK's rule: the raw text of the "<root>" object, by brace matching outside strings.
function signedContent(body, root) {
  let begin = body.indexOf(`"${root}"`) + root.length + 2;
  while (body[begin] !== '{') begin++;
  let depth = 0; let inString = false; let slashes = 0;
  for (let i = begin; i < body.length; i++) {
    const c = body[i];
    if (c === '"' && slashes % 2 === 0) inString = !inString;
    else if (!inString && c === '{') depth++;
    else if (!inString && c === '}' && --depth === 0) return body.slice(begin, i + 1);
    slashes = c === '\\' ? slashes + 1 : 0;
  }
  throw new Error(`no end of ${root}`);
}

async function query(outTradeNo) {
  const params = signedParams('alipay.trade.query', { out_trade_no: outTradeNo });
  const body = new URLSearchParams({ biz_content: params.biz_content });
  const inUrl = { ...params };
  delete inUrl.biz_content;
  const response = await fetch(`${gateway}?${new URLSearchParams(inUrl)}`, {
    method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
  });
  const text = await response.text();
  const content = signedContent(text, 'alipay_trade_query_response');
  check(rsa2Verify(content, JSON.parse(text).sign), `the query answer for ${outTradeNo} verifies with the platform key`);
  return JSON.parse(content);
}

// The shop: a return page and a notify endpoint on 127.0.0.1.
const returns = [];
const notifications = [];
const shop = http.createServer((req, res) => {
  if (req.url.startsWith('/return')) {
    returns.push(new URL(req.url, 'http://127.0.0.1').searchParams);
    res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' });
    res.end('<!DOCTYPE html><title>Shop</title><h1 id="returned">Back at the shop</h1>');
  } else if (req.url === '/notify' && req.method === 'POST') {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => { notifications.push(new URLSearchParams(body)); res.end('success'); });
  } else {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => shop.listen(0, '127.0.0.1', resolve));
const shopBase = `http://127.0.0.1:${shop.address().port}`;

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cashier-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await context.newPage();
  const order = `BROWSER_${Date.now()}`;
  const subject = '浏览器测试 Mug & <Tea>';
  const params = signedParams('alipay.trade.page.pay',
    { out_trade_no: order, total_amount: 88.88, subject, product_code: 'FAST_INSTANT_TRADE_PAY' },
    { notify_url: `${shopBase}/notify`, return_url: `${shopBase}/return` });
  await page.goto(`${gateway}?${new URLSearchParams(params)}`);
  check((await page.textContent('#subject')) === subject, 'the cashier shows the subject');
  check((await page.textContent('#amount')) === '88.88', 'the cashier shows the amount 88.88');
  check((await page.textContent('#out-trade-no')) === order, 'the cashier shows the order number');
  check((await query(order)).trade_status === 'WAIT_BUYER_PAY', 'the opened trade waits for payment');

  await Promise.all([page.waitForURL(`${shopBase}/return**`), page.click('#pay')]);
  check((await page.textContent('#returned')) === 'Back at the shop', 'Pay lands on the return URL');
  const back = Object.fromEntries(returns[0] ?? []);
  check(back.out_trade_no === order && back.total_amount === '88.88' && back.method === 'alipay.trade.page.pay.return',
    'the return carries the order, the amount and the method');
  check(rsa2Verify(signString(back, ['sign', 'sign_type'], true), back.sign ?? ''), 'the return parameters verify (V1)');

  const paid = await query(order);
  check(paid.code === '10000' && paid.trade_status === 'TRADE_SUCCESS' && paid.trade_no === back.trade_no,
    'the query sees the trade paid, with the returned trade_no');

  for (let i = 0; i < 100 && notifications.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  const note = Object.fromEntries(notifications[0] ?? []);
  check(note.trade_status === 'TRADE_SUCCESS' && note.out_trade_no === order
    && rsa2Verify(signString(note, ['sign', 'sign_type'], true), note.sign ?? ''), 'the notification arrives and verifies (V1)');

  const other = `${order}_CANCEL`;
  const cancelParams = signedParams('alipay.trade.wap.pay',
    { out_trade_no: other, total_amount: 1, subject: 'cancel me', product_code: 'QUICK_WAP_WAY' });
  await page.goto(`${gateway}?${new URLSearchParams(cancelParams)}`);
  await Promise.all([page.waitForNavigation(), page.click('#cancel')]);
  check((await page.textContent('#outcome')) === 'Payment cancelled', 'Cancel shows the cancelled page');
  check((await query(other)).trade_status === 'WAIT_BUYER_PAY', 'a cancelled trade still waits for payment');
} finally {
  await context.close();
  shop.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`cashier browser test: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
