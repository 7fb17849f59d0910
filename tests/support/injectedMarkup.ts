/**
 * Checks for the hostile-strings tests (the fake's `hostile` mode puts script payloads into Sentry's strings):
 * what a payload would leave in the DOM had it been parsed as markup or used as a URL.
 */

/** Set by every payload of fake-sentry/hostile.ts if it ever runs. */
declare global {
  interface Window {
    __lensXss?: number;
  }
}

/** Elements and attributes that only markup from data could have put there; [] when the DOM is clean. */
export function injectedMarkup(root: ParentNode): string[] {
  const found: string[] = [];
  root.querySelectorAll('*').forEach((element) => {
    const tag = element.tagName.toLowerCase();
    // Grafana's own icons are <svg>s without handlers; payload svgs carry onload.
    if (['script', 'img', 'iframe', 'object', 'embed'].includes(tag)) {
      found.push(element.outerHTML);
    }
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) {
        found.push(`${tag}[${name}]`);
      }
      if (
        ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) &&
        /^\s*javascript:/i.test(attribute.value)
      ) {
        found.push(`${tag}[${name}=${attribute.value}]`);
      }
    }
  });
  return found;
}

/** HTML entities: a raw Sentry string that shows them was escaped once too often for a text renderer. */
export const HTML_ENTITY = /&(lt|gt|quot|amp|#39);/;
