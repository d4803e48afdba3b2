// Tool calls that `make interop` makes through the official TypeScript SDK client, against
// `java -jar build/mcp-server-alipay.jar --simulator`, in this order. The SDK validates each successful
// result's structuredContent against the tool's outputSchema from tools/list; `check` adds our own
// expectations and returns an error message, or null when the result is right (it may be async: the first
// link is paid at the simulator's cashier, as a buyer's browser would). A call whose tool is not listed is
// skipped, and said so.
const trade = `interop_${Date.now()}`;

export const calls = [
  {
    tool: 'create-web-page-alipay-payment',
    arguments: { outTradeNo: trade, totalAmount: 19.99, orderTitle: 'Interop (test) order' },
    async check(result) {
      const problem = link(result, '网页支付链接: ', 19.99);
      return problem ?? (await pay(result.structuredContent.url, trade));
    },
  },
  {
    tool: 'create-mobile-alipay-payment',
    arguments: { outTradeNo: `${trade}_m`, totalAmount: 0.07, orderTitle: '手机订单' },
    check: (result) => link(result, '支付链接: ', 0.07),
  },
  {
    tool: 'create-web-page-alipay-payment',
    arguments: { outTradeNo: `${trade}_big`, totalAmount: 100000000, orderTitle: 'Largest amount' },
    check: (result) => link(result, '网页支付链接: ', 100000000),
  },
  {
    tool: 'query-alipay-payment',
    arguments: { outTradeNo: trade },
    check: (result) => expect(result, /^交易状态: TRADE_SUCCESS , 交易金额: 19\.99 , 支付宝交易号: \d+$/,
      result.structuredContent?.totalAmount === 19.99 && result.structuredContent?.tradeStatus === 'TRADE_SUCCESS'),
  },
  {
    tool: 'refund-alipay-payment',
    arguments: { outTradeNo: trade, refundAmount: 1.15, outRequestNo: 'R1', refundReason: 'interop' },
    check: (result) => expect(result, /^退款结果: 退款成功, 退款交易: \d+$/,
      result.structuredContent?.fundChange === true && result.structuredContent?.refundFee === 1.15),
  },
  {
    tool: 'refund-alipay-payment',
    arguments: { outTradeNo: trade, refundAmount: 1.15, outRequestNo: 'R1', refundReason: 'interop' },
    check: (result) => expect(result, /^退款结果: 重复请求退款幂等成功, 退款交易: \d+$/,
      result.structuredContent?.fundChange === false),
  },
  {
    tool: 'query-alipay-refund',
    arguments: { outRequestNo: 'R1', outTradeNo: trade },
    check: (result) => expect(result, /^查询到退款成功, 退款交易: \d+ , 退款金额: 1\.15 , 退款状态: REFUND_SUCCESS$/,
      result.structuredContent?.refundAmount === 1.15),
  },
  {
    tool: 'query-alipay-payment',
    arguments: { outTradeNo: `${trade}_none` },
    check: (result) => failure(result, /^交易查询失败\. 查询结果: \{"code":"40004".*"subCode":"ACQ\.TRADE_NOT_EXIST"/),
  },
  {
    tool: 'refund-alipay-payment',
    arguments: { outTradeNo: trade, refundAmount: 1.005, outRequestNo: 'R2' },
    check: (result) => failure(result, /^refundAmount: at most 2 decimal places, got 1\.005$/),
  },
];

export function text(result) {
  return (result.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
}

function link(result, prefix, amount) {
  if (result.isError) return `isError: ${text(result)}`;
  const url = result.structuredContent?.url;
  if (typeof url !== 'string' || !url.startsWith('http://127.0.0.1:')) return `structuredContent.url is ${url}`;
  if (text(result) !== `${prefix}[点击完成支付](${url})`) return `unexpected text: ${text(result)}`;
  if (result.structuredContent.totalAmount !== amount) return `totalAmount is ${result.structuredContent.totalAmount}`;
  return null;
}

function expect(result, pattern, structuredOk) {
  if (result.isError) return `isError: ${text(result)}`;
  if (!pattern.test(text(result))) return `unexpected text: ${text(result)}`;
  return structuredOk ? null : `unexpected structuredContent: ${JSON.stringify(result.structuredContent)}`;
}

function failure(result, pattern) {
  if (result.isError !== true) return 'expected isError: true';
  if (result.structuredContent !== undefined) return 'an error result carries structuredContent';
  return pattern.test(text(result)) ? null : `unexpected text: ${text(result)}`;
}

/** Opens the link (the cashier page) and presses Pay, over plain HTTP. */
export async function pay(url, outTradeNo) {
  const page = await fetch(url, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200 || !html.includes('Interop (test) order')) return `cashier page: HTTP ${page.status}`;
  const action = /<form method="post" action="([^"]+)"><input type="hidden" name="out_trade_no"/.exec(html)?.[1];
  if (!action) return 'cashier page: no Pay form';
  const paid = await fetch(new URL(action, url), {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ out_trade_no: outTradeNo }),
  });
  return paid.status < 400 ? null : `cashier pay: HTTP ${paid.status}`;
}
