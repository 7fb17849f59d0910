import { XSS_MARKUP, XSS_URL } from '../../fake-sentry/hostile';
import { HTML_ENTITY, injectedMarkup } from './injectedMarkup';

// The hostile-strings suites pass when injectedMarkup finds nothing; here it must find every payload.
describe('injectedMarkup', () => {
  function parsed(html: string): HTMLElement {
    const div = document.createElement('div');
    div.innerHTML = html;
    return div;
  }

  it.each(Object.entries(XSS_MARKUP))('reports the %s payload parsed as HTML', (_name, payload) => {
    expect(injectedMarkup(parsed(`<span>${payload}</span>`)).length).toBeGreaterThan(0);
  });

  it('reports a javascript: link', () => {
    expect(injectedMarkup(parsed(`<a href="${XSS_URL}">x</a>`))).toEqual([`a[href=${XSS_URL}]`]);
  });

  it('accepts the payloads as text, icons and links to Sentry', () => {
    const div = parsed('<svg viewBox="0 0 24 24"></svg><a href="https://sentry.io/x/">x</a>');
    for (const payload of [...Object.values(XSS_MARKUP), XSS_URL]) {
      div.appendChild(document.createElement('span')).textContent = payload;
    }
    expect(injectedMarkup(div)).toEqual([]);
    expect(div.textContent).not.toMatch(HTML_ENTITY);
  });
});
