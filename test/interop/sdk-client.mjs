// Drives the jar with the official TypeScript SDK client (Client + StdioClientTransport), as an MCP host
// would: initialize, tools/list (validated by the SDK's own schemas), ping, the calls of calls.mjs, close.
// Then checks that the server exited by itself on stdin EOF (before the SDK's SIGTERM at 2 s) with status 0,
// and, in a second process, that SIGTERM ends it promptly with whole lines only.
// Usage: node sdk-client.mjs <java> <jar> [server args...]
import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { calls, text } from './calls.mjs';

const [java, jar, ...serverArgs] = process.argv.slice(2);
const serverEnv = { AP_LOG_ENABLED: 'false' }; // added to the SDK's minimal env (no LANG), as hosts do
let failures = 0;

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

async function sdkSession() {
  const transport = new StdioClientTransport({ command: java, args: ['-jar', jar, ...serverArgs], env: serverEnv, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d) => { stderr += d; });
  const client = new Client({ name: 'mcp-server-alipay-interop', version: '1.0.0' });
  await client.connect(transport);
  const info = client.getServerVersion();
  check(info?.name === 'mcp-server-alipay', `initialize: serverInfo ${JSON.stringify(info)}`);
  check(client.getServerCapabilities()?.tools !== undefined, 'initialize: tools capability declared');
  const instructions = client.getInstructions() ?? '';
  check(instructions.includes('reuse the same outRequestNo') && instructions.includes('query-alipay-refund'),
    `initialize: the SDK reads our instructions (${instructions.length} characters)`);

  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  check(new Set(names).size === names.length, `tools/list: ${tools.length} tool(s), names unique: ${names.join(', ') || '(none)'}`);
  check(!JSON.stringify(tools).includes('\uFFFD'), 'tools/list: text arrives as clean UTF-8 with no LANG set');

  check(JSON.stringify(await client.ping()) === '{}', 'ping: {}');

  for (const call of calls) {
    if (!names.includes(call.tool)) {
      console.log(`skip ${call.tool}: not listed by the server`);
      continue;
    }
    const result = await client.callTool({ name: call.tool, arguments: call.arguments });
    const problem = await call.check(result);
    check(problem === null, `tools/call ${call.tool}${problem ? ': ' + problem : ''}`);
  }

  const child = transport._process; // the SDK keeps the process here; we only read its exit status
  const started = Date.now();
  await client.close();
  const millis = Date.now() - started;
  if (child && child.exitCode === null && child.signalCode === null) {
    await new Promise((resolve) => child.once('exit', resolve));
  }
  check(child?.exitCode === 0 && millis < 1500,
    `close: server exited by itself on stdin EOF in ${millis} ms with status ${child?.exitCode} (signal ${child?.signalCode})`);
  if (failures > 0 && stderr) console.log(`server stderr:\n${stderr}`);
}

async function sigterm() {
  const child = spawn(java, ['-jar', jar, ...serverArgs], { env: { ...getDefaultEnvironment(), ...serverEnv }, stdio: ['pipe', 'pipe', 'ignore'] });
  let out = '';
  const firstLine = new Promise((resolve) => child.stdout.on('data', (d) => { out += d; if (out.includes('\n')) resolve(); }));
  child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'sigterm', version: '1' } } }) + '\n');
  await firstLine;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const started = Date.now();
  child.kill('SIGTERM');
  const { code, signal } = await exited;
  const millis = Date.now() - started;
  const lines = out.split('\n');
  const whole = lines.pop() === '' && lines.every((l) => { try { JSON.parse(l); return true; } catch { return false; } });
  check((code === 143 || signal === 'SIGTERM') && millis < 2000 && whole,
    `SIGTERM: exit ${code ?? signal} after ${millis} ms, ${lines.length} whole line(s) on stdout`);
}

try {
  await sdkSession();
  await sigterm();
} catch (e) {
  check(false, `unexpected: ${e?.stack ?? e}`);
}
console.log(failures === 0 ? 'sdk-client: all checks passed' : `sdk-client: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
