/**
 * The plugin's editors as Grafana gets them: each one loaded the first time it renders, from a chunk of its own
 * beside module.js (webpack fetches it from the plugin's public path, which create-plugin's build sets from the
 * module's URL). A dashboard viewer runs queries and never renders an editor, so it loads module.js only.
 */
import React, { ComponentType, Suspense, lazy } from 'react';
import { LoadingPlaceholder } from '@grafana/ui';

/** `load`'s component, rendered once its chunk has arrived; until then Grafana's loading text. */
function onDemand<P extends object>(name: string, load: () => Promise<ComponentType<P>>): ComponentType<P> {
  // Typed loosely: React's lazy() types cannot follow a generic P; OnDemand's own props keep the type.
  const Loaded: ComponentType<any> = lazy(() => load().then((component) => ({ default: component })));
  function OnDemand(props: P) {
    return (
      <Suspense fallback={<LoadingPlaceholder text="Loading editor…" />}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  OnDemand.displayName = name;
  return OnDemand;
}

export const QueryEditor = onDemand('QueryEditor', () =>
  import(/* webpackChunkName: "editors" */ './QueryEditor').then((m) => m.QueryEditor)
);

export const ConfigEditor = onDemand('ConfigEditor', () =>
  import(/* webpackChunkName: "editors" */ './ConfigEditor').then((m) => m.ConfigEditor)
);

export const VariableQueryEditor = onDemand('VariableQueryEditor', () =>
  import(/* webpackChunkName: "editors" */ './VariableQueryEditor').then((m) => m.VariableQueryEditor)
);

export const AnnotationQueryEditor = onDemand('AnnotationQueryEditor', () =>
  import(/* webpackChunkName: "editors" */ './AnnotationQueryEditor').then((m) => m.AnnotationQueryEditor)
);
