// Issue templates of the client-side projects: web-frontend (browser) and mobile-app (React Native).

import { pick, randInt, Rng } from '../../prng';
import { errorTemplate, IssueTemplate, messageTemplate } from './issue-template';

const JS_PAGES = ['/checkout', '/cart', '/products/:slug', '/', '/account/orders', '/account/settings', '/search'];
const JS_COMPONENTS = [
  'CartSummary',
  'CheckoutForm',
  'ProductGallery',
  'PriceTag',
  'SearchBox',
  'OrderList',
  'AddressForm',
  'PromoBanner',
  'MiniCart',
  'ReviewStars',
  'NavMenu',
  'PaymentMethods',
];
const JS_PROPS = [
  'price',
  'items',
  'name',
  'images',
  'length',
  'variant',
  'user',
  'addEventListener',
  'focus',
  'options',
  'total',
  'value',
];
const RN_SCREENS = [
  'CheckoutScreen',
  'ProductListScreen',
  'CartScreen',
  'OrderHistoryScreen',
  'ProfileScreen',
  'SearchScreen',
  'ProductDetailScreen',
];
const RN_EXPRS = [
  'item.price',
  'cart.items',
  'route.params.id',
  'user.profile',
  'order.total',
  'product.images[0]',
  'props.navigation',
  'payment.method',
  'address.city',
];

export function javascriptTemplate(rng: Rng): IssueTemplate {
  const page = pick(rng, JS_PAGES);
  const component = pick(rng, JS_COMPONENTS);
  const file = `app/components/${component}.tsx`;
  switch (randInt(rng, 0, 10)) {
    case 0:
    case 1:
      return errorTemplate(
        'TypeError',
        `Cannot read properties of ${pick(rng, ['null', 'undefined'])} (reading '${pick(rng, JS_PROPS)}')`,
        page,
        file,
        component,
        { isUnhandled: rng() < 0.5 }
      );
    case 2:
      return errorTemplate(
        'ChunkLoadError',
        `Loading chunk ${randInt(rng, 100, 999)} failed.`,
        page,
        'webpack/runtime/jsonp',
        'loadChunk',
        { isUnhandled: true }
      );
    case 3:
      return errorTemplate(
        'TypeError',
        pick(rng, ['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed', 'cancelled']) +
          ` (${pick(rng, ['api', 'cdn', 'search', 'recs', 'img'])}.acme.example)`,
        page,
        'app/lib/api.ts',
        'request'
      );
    case 4:
      return errorTemplate(
        'SyntaxError',
        `Unexpected token '<', "<!DOCTYPE "... is not valid JSON (${pick(rng, ['/api/cart', '/api/products', '/api/orders', '/api/session', '/api/recommendations'])})`,
        page,
        'app/lib/api.ts',
        'parseJson'
      );
    case 5:
      return errorTemplate(
        'ReferenceError',
        `${pick(rng, ['gtag', 'dataLayer', 'Intercom', 'hj', 'fbq', 'ApplePaySession', 'structuredClone', 'ResizeObserver'])} is not defined`,
        page,
        file,
        component,
        { isUnhandled: true }
      );
    case 6:
      return errorTemplate(
        'Error',
        `Minified React error #${pick(rng, ['418', '423', '425', '185', '310', '321'])}; visit https://react.dev/errors/${randInt(rng, 100, 499)}`,
        page,
        file,
        component,
        { isUnhandled: true }
      );
    case 7:
      return errorTemplate(
        'AbortError',
        `The user aborted a request. (${component})`,
        page,
        'app/lib/api.ts',
        'request',
        { level: 'warning' }
      );
    case 8:
      return messageTemplate(
        `${pick(rng, ['Slow render', 'Layout shift', 'Long task', 'Hydration mismatch'])} in ${component} on ${page}`,
        page,
        pick(rng, ['warning', 'info'] as const),
        'console'
      );
    case 9:
      return errorTemplate(
        'Error',
        `ResizeObserver loop completed with undelivered notifications. (${component})`,
        page,
        file,
        component,
        { level: 'warning' }
      );
    default:
      return errorTemplate(
        'TypeError',
        `${pick(rng, ['e.map', 'items.reduce', 'this.state.cart.find', 'window.ApplePaySession.canMakePayments', 'options.filter', 'el.focus'])} is not a function`,
        page,
        file,
        component
      );
  }
}

export function reactNativeTemplate(rng: Rng): IssueTemplate {
  const screen = pick(rng, RN_SCREENS);
  const file = `src/screens/${screen}.tsx`;
  switch (randInt(rng, 0, 8)) {
    case 0:
    case 1:
      return errorTemplate(
        'TypeError',
        `undefined is not an object (evaluating '${pick(rng, RN_EXPRS)}')`,
        screen,
        file,
        screen,
        { isUnhandled: rng() < 0.6, level: rng() < 0.3 ? 'fatal' : 'error' }
      );
    case 2:
      return errorTemplate(
        'Error',
        `Network request failed (${pick(rng, ['/api/cart', '/api/products', '/api/orders', '/api/checkout', '/api/profile', '/api/search'])})`,
        screen,
        'src/lib/api.ts',
        'request'
      );
    case 3:
      return errorTemplate(
        'Invariant Violation',
        pick(rng, [
          'Tried to register two views with the same name',
          'requireNativeComponent: "RNSVGPath" was not found',
          'Maximum update depth exceeded',
          'No callback found with cbID',
        ]) + ` (${screen})`,
        screen,
        file,
        screen,
        { isUnhandled: true }
      );
    case 4:
      return errorTemplate(
        'EXC_BAD_ACCESS',
        `KERN_INVALID_ADDRESS at 0x${randInt(rng, 0x1000, 0xfffff).toString(16).padStart(8, '0')}`,
        screen,
        'libsystem_kernel.dylib',
        'objc_msgSend',
        { isUnhandled: true, level: 'fatal' }
      );
    case 5:
      return errorTemplate(
        'java.lang.OutOfMemoryError',
        `Failed to allocate a ${randInt(rng, 2, 64) * 1048576} byte allocation with ${randInt(rng, 1, 9) * 1024} free bytes`,
        screen,
        'android.graphics.Bitmap',
        'createBitmap',
        { isUnhandled: true, level: 'fatal' }
      );
    case 6:
      return errorTemplate(
        'Error',
        `Unable to resolve module ${pick(rng, ['./assets/icons', 'react-native-reanimated', '@acme/ui/Button', './i18n/locales/pt-BR'])} from ${file}`,
        screen,
        file,
        screen
      );
    case 7:
      return messageTemplate(
        `${pick(rng, ['ANR detected', 'Slow frames', 'Frozen frames', 'JS thread stall'])} on ${screen} (${randInt(rng, 5, 50) * 100} ms)`,
        screen,
        'warning',
        'performance'
      );
    default:
      return errorTemplate(
        'SIGABRT',
        `Abort trap in ${pick(rng, ['Hermes', 'RCTBridge', 'libc++abi', 'Reanimated'])} (${screen})`,
        screen,
        'libc.so',
        'abort',
        { isUnhandled: true, level: 'fatal' }
      );
  }
}
