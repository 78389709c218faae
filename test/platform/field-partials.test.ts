import { createUser } from '../factories';
import { createTestApp, loginAs, TestApp } from '../support/app';

/**
 * The form partials (views/partials/_field.ejs, _textarea.ejs) take their extra attributes as an
 * object whose values are escaped (views/partials/_attrs.ejs), never as raw HTML.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A view rendered by the app itself (its engine, its locals). */
const render = (view: string, locals: Record<string, unknown>) =>
  new Promise<string>((resolve, reject) =>
    t.app.render(view, locals, (err, html) => (err ? reject(err) : resolve(html))),
  );

/** The opening tag of the first element with that name. */
const tag = (html: string, name: string) => html.match(new RegExp(`<${name}(?=[\\s>])[^>]*>`))![0];

describe('a field’s extra attributes', () => {
  it('are printed escaped: a value holding " or < stays inside its attribute', async () => {
    const hostile = 'a "quoted" <b>word</b> & more';
    const html = await render('partials/_field', {
      name: 'title',
      label: 'Titre',
      value: '',
      attrs: { 'data-note': hostile, maxlength: 200, required: false, readonly: true, pattern: null },
    });
    const input = tag(html, 'input');
    expect(input).toContain('data-note="a &#34;quoted&#34; &lt;b&gt;word&lt;/b&gt; &amp; more"');
    expect(input).toContain('maxlength="200"');
    expect(input).toMatch(/\sreadonly[\s>]/);
    expect(input).not.toMatch(/\srequired|pattern/);
    expect(html).not.toContain('<b>');

    const area = await render('partials/_textarea', {
      name: 'text',
      label: 'Texte',
      value: ['une', 'deux'],
      rows: 3,
      required: true,
      attrs: { maxlength: 2000, placeholder: '"><script>alert(1)</script>' },
    });
    const textarea = tag(area, 'textarea');
    expect(textarea).toContain('maxlength="2000"');
    expect(textarea).toContain('placeholder="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(textarea).toContain('rows="3"');
    expect(textarea).toContain('required aria-required="true"');
    expect(area).not.toContain('<script>');
    expect(area).toContain('>une\ndeux</textarea>');
  });

  it('are refused as raw HTML or under a name that is not an attribute name', async () => {
    await expect(render('partials/_field', { name: 'n', label: 'L', attrs: 'maxlength="200"' })).rejects.toThrow(
      /attrs: an object/,
    );
    await expect(
      render('partials/_textarea', { name: 'n', label: 'L', attrs: { 'x onmouseover': '1' } }),
    ).rejects.toThrow(/not an attribute name/);
  });

  it('reach the pages: the structure form keeps its input attributes and its textareas', async () => {
    const coordinator = await createUser(t.db, { role: 'coordinator' });
    const { agent } = await loginAs(t.app, coordinator.email);
    const html = (await agent.get('/structures/new').expect(200)).text;
    const siret = tag(html, 'input id="field-siret"');
    expect(siret).toContain('inputmode="numeric"');
    expect(siret).toContain('autocomplete="off"');
    expect(tag(html, 'input id="field-department"')).toContain('size="4"');
    expect(tag(html, 'textarea id="field-activities"')).toContain('rows="4"');
    expect(tag(html, 'textarea id="field-networks"')).toContain('rows="3"');
  });
});
