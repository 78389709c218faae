import { FORWARDED } from './http';
import { memoryOf, resetPeak } from './server';

export type ExportResult = {
  seconds: number;
  bytes: number;
  status: number;
  serverPeakMb: number;
  rssBeforeMb: number;
  contentType: string;
};

/**
 * Downloads an export as a client would (reading the stream to the end) while sampling the
 * server's resident memory; the kernel's peak (VmHWM) is reset first so it covers this download.
 */
export async function measureExport(base: string, cookie: string, path: string, pid: number): Promise<ExportResult> {
  const rssBeforeMb = memoryOf(pid).rss;
  resetPeak(pid);
  let sampledPeak = 0;
  const timer = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, memoryOf(pid).rss);
  }, 50);
  const started = Date.now();
  const res = await fetch(base + path, { headers: { ...FORWARDED, cookie } });
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const seconds = (Date.now() - started) / 1000;
  clearInterval(timer);
  const serverPeakMb = Math.max(sampledPeak, memoryOf(pid).peak);
  return {
    seconds,
    bytes,
    status: res.status,
    serverPeakMb,
    rssBeforeMb,
    contentType: res.headers.get('content-type') ?? '',
  };
}
