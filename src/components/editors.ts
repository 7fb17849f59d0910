/** Every editor of the plugin: the chunk that lazyEditors.ts loads on demand. */
export { AnnotationQueryEditor } from './AnnotationQueryEditor';
export { ConfigEditor } from './ConfigEditor';
export { QueryEditor } from './QueryEditor';
export { VariableQueryEditor } from './VariableQueryEditor';
