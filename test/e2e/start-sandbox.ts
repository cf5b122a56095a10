// Runs `npm start` as a child process on a free port, as a new user would.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface StartedSandbox {
  url: string;
  output: () => string;
  stop(): Promise<void>;
  /** Ends the process group with SIGKILL: no shutdown hooks run (a crash, `kill -9`). */
  kill(): Promise<void>;
}

/** `env`: more environment for `npm start`, e.g. `{ SANDBOX_PROVISION: 'off' }` for a bare site. */
export async function startSandbox(
  dataDir: string,
  port: number,
  timeoutMs = 90_000,
  env: Record<string, string> = {},
): Promise<StartedSandbox> {
  const child: ChildProcess = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, ...env, SANDBOX_DATA: dataDir, SANDBOX_PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`sandbox did not start within ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    const onData = () => {
      const m = /READY (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${out}`));
    });
  });
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        resolve();
      }
    });
  return { url, output: () => out, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}
