// Platform tags of events (browser, OS, device, runtime, server, URL), drawn from the content's weighted lists.

import { pick, Rng, weightedSampler } from '../prng';
import { BROWSERS, DESKTOP_OS, MOBILE_DEVICES } from './content';
import type { Project } from './types';

// Tag values are precomputed strings: fewer allocations while generating ~70k events.
const pickBrowser = weightedSampler(
  BROWSERS.map((b) => ({ ...b, label: `${b.name} ${b.version}` })),
  (b) => b.weight
);
const pickDesktopOs = weightedSampler(
  DESKTOP_OS.map((o) => ({ ...o, label: o.version ? `${o.name} ${o.version}` : o.name })),
  (o) => o.weight
);
const pickMobileDevice = weightedSampler(
  MOBILE_DEVICES.map((d) => ({ ...d, label: `${d.os} ${d.osVersion}` })),
  (d) => d.weight
);
const NODE_SERVERS = ['x2k4p', 'm8q1z', 'c7v3n', 'h5t9w'].map((suffix) => `checkout-api-7d9f8b-${suffix}`);
const WORKER_SERVERS = [0, 1, 2, 3, 4, 5].map((n) => `payments-worker-${n}`);
const urlVariantCache = new Map<string, string[]>();

/** A handful of concrete URLs per route (`:slug` / `:id` filled in). */
export function urlVariants(platform: string, route: string): string[] {
  const key = `${platform}|${route}`;
  let variants = urlVariantCache.get(key);
  if (!variants) {
    if (platform === 'javascript') {
      variants = ['red-shoes', 'blue-mug', 'oak-desk', 'wool-hat'].map(
        (slug) => `https://shop.acme.example${route.replace(':slug', slug)}`
      );
    } else {
      const path = route.replace(/^(GET|POST) /, '');
      variants = path.includes(':id')
        ? Array.from(
            { length: 40 },
            (_, i) => `https://api.acme.example${path.replace(':id', String(10000 + i * 2131))}`
          )
        : [`https://api.acme.example${path}`];
    }
    urlVariantCache.set(key, variants);
  }
  return variants;
}

export function addPlatformTags(rng: Rng, project: Project, tags: Record<string, string>, route: string): void {
  switch (project.platform) {
    case 'javascript': {
      const browser = pickBrowser(rng);
      const os = pickDesktopOs(rng);
      tags.browser = browser.label;
      tags['browser.name'] = browser.name;
      tags.os = os.label;
      tags['os.name'] = os.name;
      tags.url = route ? pick(rng, urlVariants('javascript', route)) : '';
      break;
    }
    case 'react-native': {
      const device = pickMobileDevice(rng);
      tags.os = device.label;
      tags['os.name'] = device.os;
      tags.device = device.device;
      tags['device.family'] = device.family;
      break;
    }
    case 'node':
      tags.runtime = 'node v20.11.1';
      tags['runtime.name'] = 'node';
      tags['os.name'] = 'Linux';
      tags.server_name = pick(rng, NODE_SERVERS);
      tags.url = route ? pick(rng, urlVariants('node', route)) : '';
      break;
    default:
      tags.runtime = 'CPython 3.12.3';
      tags['runtime.name'] = 'CPython';
      tags['os.name'] = 'Linux';
      tags.server_name = pick(rng, WORKER_SERVERS);
      tags.celery_task = route;
  }
}
