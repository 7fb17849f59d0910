import { screen } from '@testing-library/react';
import { Components } from '../selectors';
import { defaultQueryFor } from '../queryDefaults';
import { addCustom, choose, pick, pills, renderQueryEditor, setupComboboxDom, unpick } from './query-editor/testing';

setupComboboxDom();
const S = Components.QueryEditor;

it('events', async () => {
  let t = 0;
  const { user, saved, onRunQuery } = renderQueryEditor({ refId: 'A', queryType: 'issues' } as any);
  t = Date.now();
  await pick(user, S.QueryType.testId, 'Events');
  console.log("await pick(user, S.QueryType.testId, 'Ev", Date.now() - t);
  console.log(JSON.stringify(saved()));
  t = Date.now();
  await addCustom(user, S.Events.Fields.testId, 'count_if(level,equals,error)');
  console.log('await addCustom(user, S.Events.Fields.te', Date.now() - t);
  t = Date.now();
  await pick(user, S.Events.Fields.testId, 'count()');
  console.log('await pick(user, S.Events.Fields.testId,', Date.now() - t);
  t = Date.now();
  await pick(user, S.Events.Fields.testId, 'tags[browser]');
  console.log('await pick(user, S.Events.Fields.testId,', Date.now() - t);
  t = Date.now();
  await unpick(user, 'level');
  console.log("await unpick(user, 'level');", Date.now() - t);
  console.log(pills(S.Events.Fields.testId));
  t = Date.now();
  await pick(user, S.Events.Sort.testId, 'count()');
  console.log("await pick(user, S.Events.Sort.testId, '", Date.now() - t);
  t = Date.now();
  await choose(user, S.Events.SortDirection.testId, 'Ascending');
  console.log('await choose(user, S.Events.SortDirectio', Date.now() - t);
  t = Date.now();
  await choose(user, S.Events.Dataset.testId, 'Transactions');
  console.log('await choose(user, S.Events.Dataset.test', Date.now() - t);
  console.log(JSON.stringify(saved()), onRunQuery.mock.calls.length);
}, 60000);
