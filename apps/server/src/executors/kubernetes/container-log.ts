import * as http from 'node:http';
import * as https from 'node:https';
import { ApiException } from '@kubernetes/client-node';
import { LineSplitter } from '../local/line-splitter';
import { DeliveredLines } from './delivered-lines';
import { apiMessage, apiStatus, isTransient, sleep, type KubeApi } from './kube-api';

/** `2026-01-01T00:00:00.123456789Z ` — the kubelet's timestamp prefix (`timestamps=true`). */
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

/** Nanoseconds since the epoch of a log line's timestamp prefix, and the prefix's length. */
export function parseLogTimestamp(line: string): { ns: bigint; length: number } | undefined {
  const m = TIMESTAMP.exec(line);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  const fraction = BigInt((m[2] ?? '').padEnd(9, '0'));
  return { ns: BigInt(ms) * 1_000_000n + fraction, length: m[0].length };
}

interface Stream {
  live: boolean;
  /** Whether a stamped line is new (lines an earlier stream delivered are skipped: a re-read after a break). */
  isNew: (ns: bigint, text: string) => boolean;
  request?: http.ClientRequest;
}

/**
 * One container's log, read through the API server (`pods/log` with timestamps) and handed on line by line, exactly
 * once: `follow()` streams it while the container runs and reconnects after a break (the API server restarting);
 * `finish()` — once the container ended or the pod is about to be deleted — stops following and reads the log to its
 * end, so that nothing is lost however the stream ended. Lines already delivered are recognised by their timestamp
 * and text and skipped (`DeliveredLines`: `sinceTime` has only second precision, and timestamps are not monotonic).
 *
 * client-node's `Log` class is not used for the stream because it pipes the response without reporting a broken
 * connection; this uses the same kubeconfig authentication (`applyToHTTPSOptions`) with node:https.
 */
export class ContainerLog {
  private readonly delivered = new DeliveredLines();
  private current: Stream | undefined;
  private finished = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(
    private readonly api: KubeApi,
    private readonly namespace: string,
    private readonly pod: string,
    private readonly container: string,
    private readonly onLine: (line: string, ts: number) => void,
    /** Whether the container may still write (a broken follow stream is then reopened). */
    private readonly stillRunning: () => boolean,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Starts following the log (idempotent). */
  follow(): void {
    if (this.finished || this.current || this.reconnectTimer) return;
    const stream = this.newStream();
    this.read(stream, true).then(
      () => this.afterFollow(stream, undefined),
      (e: unknown) => this.afterFollow(stream, e),
    );
  }

  /** Stops following and reads what is left; resolves when every line up to the end has been handed on. */
  async finish(retrySeconds = 30): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.stop();
    const deadline = Date.now() + retrySeconds * 1000;
    for (let attempt = 0; ; attempt++) {
      const stream = this.newStream();
      try {
        await this.read(stream, false);
        return;
      } catch (e) {
        const status = apiStatus(e);
        // 404: the pod is gone; 400: the container never started ("is waiting to start").
        if (status === 404 || status === 400) return;
        if (!isTransient(e) || Date.now() >= deadline) {
          this.log(`reading the log of ${this.namespace}/${this.pod} container ${this.container} failed: ${apiMessage(e)}`);
          return;
        }
        await sleep(Math.min(2000, 200 * 2 ** attempt));
      } finally {
        stream.live = false;
      }
    }
  }

  /** Abandons the log without reading further (the attempt is over). */
  abandon(): void {
    this.finished = true;
    clearTimeout(this.reconnectTimer);
    this.stop();
  }

  private newStream(): Stream {
    const stream: Stream = { live: true, isNew: this.delivered.reader() };
    this.current = stream;
    return stream;
  }

  private stop(): void {
    const stream = this.current;
    if (!stream) return;
    stream.live = false;
    stream.request?.destroy();
    this.current = undefined;
  }

  private afterFollow(stream: Stream, error: unknown): void {
    if (this.current === stream) this.current = undefined;
    if (this.finished || !stream.live) return;
    stream.live = false;
    if (!this.stillRunning()) return; // finish() will read the rest
    const status = apiStatus(error);
    if (status !== undefined && !isTransient(error)) return; // refused (no such container…): finish() will try once more
    if (error) this.failures++;
    else this.failures = 0;
    const delay = Math.min(5000, 500 * 2 ** Math.min(this.failures, 4));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.follow();
    }, delay);
  }

  /** One request; resolves when the response ended, rejects on an HTTP error or a broken connection. */
  private async read(stream: Stream, follow: boolean): Promise<void> {
    await this.api.throttle();
    if (!stream.live) return;
    const kc = this.api.kc;
    const server = kc.getCurrentCluster()?.server;
    if (!server) throw new Error('no current cluster in the kubeconfig');
    const url = new URL(`${server.replace(/\/+$/, '')}/api/v1/namespaces/${encodeURIComponent(this.namespace)}/pods/${encodeURIComponent(this.pod)}/log`);
    url.searchParams.set('container', this.container);
    url.searchParams.set('timestamps', 'true');
    if (follow) url.searchParams.set('follow', 'true');
    // The re-read overlaps what was delivered, and the overlap is skipped.
    const since = this.delivered.sinceTime();
    if (since !== undefined) url.searchParams.set('sinceTime', since);
    const options: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(options);
    const secure = url.protocol === 'https:';
    if (!secure) delete options.agent;
    else if (!follow && options.agent instanceof https.Agent) options.agent = this.api.agents.pooled(options.agent);
    if (!stream.live) return;
    this.api.calls++;

    await new Promise<void>((resolve, reject) => {
      const request = (secure ? https : http).request(url, { ...options, method: 'GET', ...(follow ? {} : { timeout: 60_000 }) }, (response) => {
        if (response.statusCode !== 200) {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            reject(new ApiException(response.statusCode ?? 500, `reading the log failed`, body, response.headers as Record<string, string>));
          });
          response.on('error', reject);
          return;
        }
        const splitter = new LineSplitter((raw) => this.consume(stream, raw));
        response.on('data', (chunk: Buffer) => {
          if (stream.live) splitter.push(chunk);
        });
        response.on('end', () => {
          if (stream.live) splitter.end();
          resolve();
        });
        response.on('error', reject);
        response.on('aborted', () => reject(new Error('the log stream was cut')));
      });
      stream.request = request;
      request.on('timeout', () => request.destroy(Object.assign(new Error('reading the log timed out'), { code: 'ETIMEDOUT' })));
      request.on('error', (e) => reject(stream.live ? e : Object.assign(new Error('stopped'), { code: 'ECONNRESET' })));
      request.on('close', () => {
        if (!stream.live) resolve();
      });
      request.end();
    });
  }

  private consume(stream: Stream, raw: string): void {
    if (!stream.live) return;
    const stamp = parseLogTimestamp(raw);
    if (!stamp) {
      this.onLine(raw, Date.now());
      return;
    }
    const text = raw.slice(stamp.length);
    if (stream.isNew(stamp.ns, text)) this.onLine(text, Number(stamp.ns / 1_000_000n));
  }
}
