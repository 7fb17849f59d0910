/**
 * The plugin's editors as Grafana gets them: each one loaded the first time it renders, from a chunk of its own
 * beside module.js (webpack fetches it from the plugin's public path, which create-plugin's build sets from the
 * module's URL). A dashboard viewer runs queries and never renders an editor, so it loads module.js only.
 */
import { ComponentType, Suspense, createElement, lazy } from 'react';
import { LoadingPlaceholder } from '@grafana/ui';

import type * as Editors from './editors';

type EditorName = keyof typeof Editors;

/** The editor `name`, rendered once the editors chunk has arrived; until then Grafana's loading text. */
function onDemand<N extends EditorName>(name: N): (typeof Editors)[N] {
  // Typed loosely: React's lazy() types cannot follow each editor's props; the export keeps the editor's type.
  const Loaded = lazy(() =>
    import(/* webpackChunkName: "editors" */ './editors').then((editors) => ({
      default: editors[name] as ComponentType<any>,
    }))
  );
  // createElement, not JSX: the classic JSX transform would go through React's default export.
  const OnDemand = (props: object) =>
    createElement(
      Suspense,
      { fallback: createElement(LoadingPlaceholder, { text: 'Loading editor…' }) },
      createElement(Loaded, props)
    );
  OnDemand.displayName = name;
  return OnDemand as (typeof Editors)[N];
}

export const QueryEditor = onDemand('QueryEditor');
export const ConfigEditor = onDemand('ConfigEditor');
export const VariableQueryEditor = onDemand('VariableQueryEditor');
export const AnnotationQueryEditor = onDemand('AnnotationQueryEditor');
