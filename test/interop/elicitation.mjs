// A person confirms every refund (AP_CONFIRM_REFUNDS, docs/elicitation.md), through the official TypeScript SDK
// client: it declares the elicitation capability and answers each elicitation/create with accept (box ticked),
// decline, cancel, or never (the tools/call then times out on the client, which cancels it). The simulator must
// show a refund only for the accepted one. Then a client without the capability under AP_CONFIRM_REFUNDS=always:
// refused, nothing sent.
// Usage: node elicitation.mjs <java> <jar> [server args...]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { pay, text } from './calls.mjs';

const [java, jar, ...serverArgs] = process.argv.slice(2);
let failures = 0;

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

async function connect(env, capabilities) {
  const transport = new StdioClientTransport({ command: java, args: ['-jar', jar, ...serverArgs], env: { AP_LOG_ENABLED: 'false', ...env }, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d) => { stderr += d; });
  const client = new Client({ name: 'mcp-server-alipay-elicitation', version: '1.0.0' }, { capabilities });
  return { client, transport, stderr: () => stderr };
}

/** A paid order of 10 yuan at the simulator, through a payment link and its cashier page. */
async function paidOrder(client, outTradeNo) {
  const link = await client.callTool({ name: 'create-web-page-alipay-payment',
    arguments: { outTradeNo, totalAmount: 10, orderTitle: 'Interop (test) order' } });
  const problem = link.isError ? text(link) : await pay(link.structuredContent.url, outTradeNo);
  check(problem === null, `paid order ${outTradeNo}${problem ? ': ' + problem : ''}`);
}

async function refundQuery(client, outTradeNo) {
  return text(await client.callTool({ name: 'query-alipay-refund', arguments: { outTradeNo, outRequestNo: 'R1' } }));
}

async function person() {
  const { client, transport, stderr } = await connect({}, { elicitation: {} });
  let answer = 'accept';
  const asked = [];
  let withdrawn = 0;
  client.setRequestHandler(ElicitRequestSchema, async (request, extra) => {
    asked.push(request.params);
    if (answer === 'never') {
      return new Promise((_, reject) => extra.signal.addEventListener('abort', () => { withdrawn++; reject(new Error('withdrawn')); }));
    }
    return answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: answer };
  });
  await client.connect(transport);
  const trade = `elicit_${Date.now()}`;
  const orders = {};
  for (const a of ['accept', 'decline', 'cancel', 'never']) {
    orders[a] = `${trade}_${a}`;
    await paidOrder(client, orders[a]);
  }
  check(asked.length === 0, 'payment links ask nobody');

  for (const a of ['accept', 'decline', 'cancel']) {
    answer = a;
    const r = await client.callTool({ name: 'refund-alipay-payment',
      arguments: { outTradeNo: orders[a], refundAmount: 1.15, outRequestNo: 'R1', refundReason: 'interop' } });
    const t = text(r);
    if (a === 'accept') {
      check(!r.isError && /^退款结果: 退款成功, 退款交易: \d+$/.test(t), `${a}: the refund is sent (${t})`);
    } else {
      check(r.isError === true && t.startsWith('No refund was made and nothing was sent to Alipay: the person did not confirm it'),
        `${a}: no refund, the result says so (${t})`);
    }
  }
  const first = asked[0] ?? {};
  check(first.mode === 'form' && first.requestedSchema?.properties?.confirm?.type === 'boolean'
    && JSON.stringify(first.requestedSchema.required) === '["confirm"]',
    `the question is a form with one boolean: ${JSON.stringify(first.requestedSchema)}`);
  check(typeof first.message === 'string' && first.message.startsWith(`Refund ¥1.15 of order ${orders.accept} to the buyer (refund request R1).\nReason: "interop".`),
    `the question says what will happen: ${JSON.stringify(first.message)}`);

  answer = 'never';
  let timedOut = false;
  try {
    await client.callTool({ name: 'refund-alipay-payment',
      arguments: { outTradeNo: orders.never, refundAmount: 1.15, outRequestNo: 'R1' } }, undefined, { timeout: 3000 });
  } catch (e) {
    timedOut = /timed out/i.test(String(e?.message));
  }
  check(timedOut, 'never answered: the client gives up on the call (its timeout) and cancels it');
  for (let i = 0; i < 100 && withdrawn === 0; i++) await new Promise((r) => setTimeout(r, 50));
  check(withdrawn === 1, 'never answered: the server withdrew its question when the call was cancelled');
  check(JSON.stringify(await client.ping()) === '{}', 'ping is answered afterwards');

  answer = 'accept'; // queries never ask
  const refunded = await refundQuery(client, orders.accept);
  check(/^查询到退款成功, 退款交易: \d+ , 退款金额: 1\.15 , 退款状态: REFUND_SUCCESS$/.test(refunded), `simulator: accepted order refunded (${refunded})`);
  for (const a of ['decline', 'cancel', 'never']) {
    const q = await refundQuery(client, orders[a]);
    check(q.startsWith('未查询到退款成功') && !q.includes('REFUND_SUCCESS'), `simulator: ${a} order not refunded (${q})`);
  }
  check(asked.length === 4, `four questions asked in all (${asked.length})`);
  await client.close();
  if (failures > 0) console.log(`server stderr:\n${stderr()}`);
}

async function alwaysWithoutCapability() {
  const { client, transport } = await connect({ AP_CONFIRM_REFUNDS: 'always' }, {});
  await client.connect(transport);
  const order = `always_${Date.now()}`;
  await paidOrder(client, order);
  const r = await client.callTool({ name: 'refund-alipay-payment', arguments: { outTradeNo: order, refundAmount: 1, outRequestNo: 'R1' } });
  check(r.isError === true && text(r).includes('AP_CONFIRM_REFUNDS=always needs a person to confirm each refund'),
    `always, client cannot ask: refused (${text(r)})`);
  const q = await refundQuery(client, order);
  check(q.startsWith('未查询到退款成功') && !q.includes('REFUND_SUCCESS'), `simulator: not refunded (${q})`);
  await client.close();
}

try {
  await person();
  await alwaysWithoutCapability();
} catch (e) {
  check(false, `unexpected: ${e?.stack ?? e}`);
}
console.log(failures === 0 ? 'elicitation: all checks passed' : `elicitation: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
