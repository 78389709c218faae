/**
 * A virtual user: its cookies (the session, the forms' CSRF token), plain fetch, every request timed and classified.
 * Redirects are not followed: a write's success is its redirect, a page's is its 200.
 */
import { type Fields, formFields } from './form';

export type Outcome = { status: number; ms: number; error?: string };

export class Stats {
  readonly latencies: number[] = [];
  readonly byStatus = new Map<number, number>();
  readonly networkErrors: string[] = [];
  readonly serverErrors: string[] = [];
  requests = 0;

  record(method: string, url: string, o: Outcome) {
    this.requests++;
    this.latencies.push(o.ms);
    if (o.error) this.networkErrors.push(`${method} ${url}: ${o.error} at ${new Date().toISOString().slice(11, 23)}`);
    else this.byStatus.set(o.status, (this.byStatus.get(o.status) ?? 0) + 1);
    if (o.status >= 500) this.serverErrors.push(`${method} ${url}: ${o.status}`);
  }

  percentile(p: number) {
    if (!this.latencies.length) return 0;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  }
}

export type Page = { status: number; html: string; location: string | null; ms: number };

export class VirtualUser {
  /** name → 'name=value', as a browser keeps them (jalons.sid once signed in, jalons.csrf before too). */
  private cookies = new Map<string, string>();
  private get cookie() {
    return [...this.cookies.values()].join('; ');
  }
  constructor(
    readonly base: string,
    /** Where requests are counted; swapped between phases, null while logging in. */
    public stats: Stats | null,
    readonly name: string,
  ) {}

  /** Another client on the same session (the same person in a second tab), counted nowhere. */
  clone(name: string) {
    const other = new VirtualUser(this.base, null, name);
    other.cookies = new Map(this.cookies);
    return other;
  }

  async request(method: 'GET' | 'POST', path: string, form?: Fields, timeoutMs = 30_000): Promise<Page> {
    const started = performance.now();
    try {
      const res = await fetch(this.base + path, {
        method,
        redirect: 'manual',
        headers: {
          accept: 'text/html',
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form ? new URLSearchParams(form).toString() : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      for (const c of res.headers.getSetCookie()) {
        const pair = c.split(';')[0];
        this.cookies.set(pair.split('=')[0], pair);
      }
      const html = await res.text();
      const ms = performance.now() - started;
      this.stats?.record(method, path, { status: res.status, ms });
      return { status: res.status, html, location: res.headers.get('location'), ms };
    } catch (err) {
      const ms = performance.now() - started;
      const e = err as Error & { cause?: { code?: string } };
      const error = `${e.name}: ${e.cause?.code ?? e.message}`;
      this.stats?.record(method, path, { status: 0, ms, error });
      return { status: 0, html: '', location: null, ms };
    }
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** Posts the form found on `html` (by its action) with some fields typed in. */
  async submit(html: string, action: string, values: Record<string, string>): Promise<Page | null> {
    const fields = formFields(html, action);
    if (!fields) return null;
    const typed = new Map(Object.entries(values));
    const body: Fields = fields.filter(([k]) => !typed.has(k));
    for (const [k, v] of typed) body.push([k, v]);
    return this.request('POST', action, body);
  }

  async logIn(email: string, password: string) {
    const page = await this.get('/login');
    const res = await this.submit(page.html, '/login', { email, password });
    if (!res || res.status !== 302 || res.location?.includes('/login')) {
      throw new Error(`login failed for ${email}: ${res?.status} ${res?.location}`);
    }
  }
}
