// The soak's sandbox: `npm start` as a child process on a fixed port and data
// directory, so it can be killed with SIGKILL mid-run and started again on the
// same data, as a crash on a real machine would leave it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export class SandboxProcess {
  private child: ChildProcess | undefined;
  private out = '';

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  output(): string {
    return this.out;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { ...process.env, SANDBOX_DATA: this.dataDir, SANDBOX_PORT: String(this.port) },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const mark = this.out.length;
    child.stdout?.on('data', (d: Buffer) => (this.out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.out += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`sandbox did not start within ${timeoutMs} ms:\n${this.out.slice(mark)}`)),
        timeoutMs,
      );
      const onData = () => {
        if (/READY http/.test(this.out.slice(mark))) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${code}:\n${this.out.slice(mark)}`));
      });
    });
  }

  /** kill -9 of the whole process group: no shutdown hook runs. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-(child.pid as number), 'SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {
      return;
    }
    await exited;
  }
}
