/** Every conformance case, in area order (see AREAS in ../types.ts). */
import { assertUniqueNames } from '../define.js';
import type { CaseDefinition } from '../types.js';
import apply from './apply.js';
import bookmarks from './bookmarks.js';
import crd from './crd.js';
import crud from './crud.js';
import del from './delete.js';
import discovery from './discovery.js';
import dryRun from './dry-run.js';
import errors from './errors.js';
import fieldValidation from './field-validation.js';
import finalizers from './finalizers.js';
import gc from './gc.js';
import list from './list.js';
import managedFields from './managed-fields.js';
import namespaces from './namespaces.js';
import openapi from './openapi.js';
import pagination from './pagination.js';
import patchJson from './patch-json.js';
import patchMerge from './patch-merge.js';
import patchStrategic from './patch-strategic.js';
import rv from './rv.js';
import selectors from './selectors.js';
import streamingList from './streaming-list.js';
import subresources from './subresources.js';
import table from './table.js';
import watch from './watch.js';

export const ALL_CASES: CaseDefinition[] = [
  ...crud,
  ...subresources,
  ...managedFields,
  ...rv,
  ...list,
  ...pagination,
  ...watch,
  ...bookmarks,
  ...streamingList,
  ...selectors,
  ...patchJson,
  ...patchMerge,
  ...patchStrategic,
  ...apply,
  ...del,
  ...finalizers,
  ...gc,
  ...namespaces,
  ...crd,
  ...discovery,
  ...openapi,
  ...table,
  ...errors,
  ...dryRun,
  ...fieldValidation,
];

assertUniqueNames(ALL_CASES);
