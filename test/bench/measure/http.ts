/** A logged-in user for the load generator: GET /login for the CSRF token, POST it, keep the cookie. */
export const FORWARDED = { 'x-forwarded-proto': 'https' };

function cookieOf(res: Response, previous = ''): string {
  const set = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.split('=')[0], c] as const),
  );
  for (const c of set) jar.set(c.split('=')[0], c);
  return [...jar.values()].join('; ');
}

export async function logIn(base: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/login`, { headers: FORWARDED });
  const html = await page.text();
  const csrf = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error(`no CSRF token on /login (status ${page.status})`);
  const cookie = cookieOf(page);
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...FORWARDED, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  if (res.status !== 302) throw new Error(`login of ${email} answered ${res.status}`);
  return cookieOf(res, cookie);
}

/** One request with the user's cookie; fails loudly on anything but 200. */
export async function get(base: string, cookie: string, path: string) {
  const res = await fetch(`${base}${path}`, { headers: { ...FORWARDED, cookie }, redirect: 'manual' });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
  return res;
}
