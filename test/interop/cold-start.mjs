// Cold start: spawn to the initialize reply, for the jar and for the JVM's own floor (a trivial Java
// program that reads one line and answers one line), alternating, median of N runs. Informational only:
// the figures depend on the machine. The jar gets a throw-away configuration (fresh RSA keys, log off).
// Usage: node cold-start.mjs <java> <javac> <jar> [runs]
import { spawn, execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [java, javac, jar, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'cold-start-'));
const floor = `import java.io.*; import java.nio.charset.StandardCharsets;
public class Floor { public static void main(String[] a) throws IOException {
  BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)); r.readLine();
  OutputStream o = new FileOutputStream(FileDescriptor.out);
  o.write("{\\"jsonrpc\\":\\"2.0\\",\\"id\\":0,\\"result\\":{}}\\n".getBytes(StandardCharsets.UTF_8)); o.flush(); r.readLine(); } }`;
writeFileSync(join(dir, 'Floor.java'), floor);
execFileSync(javac, ['-d', dir, join(dir, 'Floor.java')]);

const key = () => generateKeyPairSync('rsa', { modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } });
const app = key();
const platform = key();
const env = { PATH: process.env.PATH, HOME: dir, AP_APP_ID: '2021000000000000', AP_LOG_ENABLED: 'false',
  AP_APP_KEY: app.privateKey.toString('base64'), AP_PUB_KEY: platform.publicKey.toString('base64') };
const init = JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'cold-start', version: '1' } } }) + '\n';

function once(args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(java, args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        child.stdin.end();
        if (!out.startsWith('{"jsonrpc":"2.0","id":0,"result"')) reject(new Error(`bad reply: ${out.slice(0, 200)}`));
        child.once('exit', () => resolve(ms));
      }
    });
    child.once('error', reject);
    child.stdin.write(init);
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const jarTimes = [];
const floorTimes = [];
for (let i = 0; i < runs; i++) {
  jarTimes.push(await once(['-jar', jar]));
  floorTimes.push(await once(['-cp', dir, 'Floor']));
}
rmSync(dir, { recursive: true, force: true });
console.log(`cold start to the initialize reply, median of ${runs}: jar ${median(jarTimes).toFixed(0)} ms, ` +
  `JVM floor ${median(floorTimes).toFixed(0)} ms (jar min ${Math.min(...jarTimes).toFixed(0)}, floor min ${Math.min(...floorTimes).toFixed(0)})`);
