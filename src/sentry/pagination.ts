/**
 * Sentry paginates with an RFC 5988 Link header carrying `results` and `cursor` attributes. Only the cursor
 * is used: the link's URL host comes from Sentry's configured URL prefix and may not be the host we call.
 */

export interface LinkEntry {
  rel: string;
  url: string;
  results: boolean;
  cursor?: string;
}

export function parseLinkHeader(header: string | undefined): LinkEntry[] {
  if (!header) {
    return [];
  }
  const entries: LinkEntry[] = [];
  // Entries are separated by commas outside <…> and quotes.
  const pattern = /<([^>]*)>((?:\s*;\s*[^;,=]+=(?:"[^"]*"|[^;,]*))*)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(header)) !== null) {
    const attributes: Record<string, string> = {};
    const attrPattern = /;\s*([^;,=\s]+)\s*=\s*(?:"([^"]*)"|([^;,]*))/g;
    let attr: RegExpExecArray | null;
    while ((attr = attrPattern.exec(match[2])) !== null) {
      attributes[attr[1].toLowerCase()] = (attr[2] ?? attr[3] ?? '').trim();
    }
    if (!attributes.rel) {
      continue;
    }
    entries.push({
      rel: attributes.rel,
      url: match[1],
      // A link without `results` (non-Sentry servers) is taken at its word.
      results: attributes.results === undefined ? true : attributes.results === 'true',
      cursor: attributes.cursor ?? cursorFromUrl(match[1]),
    });
  }
  return entries;
}

function cursorFromUrl(url: string): string | undefined {
  const query = url.split('?')[1];
  if (!query) {
    return undefined;
  }
  return new URLSearchParams(query).get('cursor') ?? undefined;
}

/** The cursor of the next page, or undefined when Sentry says there is none. */
export function nextCursor(header: string | undefined): string | undefined {
  const next = parseLinkHeader(header).find((e) => e.rel === 'next');
  return next && next.results && next.cursor ? next.cursor : undefined;
}
