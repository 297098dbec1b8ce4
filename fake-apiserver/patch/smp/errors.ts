/**
 * Strategic merge patch errors as the apiserver reports them (endpoints/handlers/patch.go
 * interpretStrategicMergePatchError):
 * - 400 BadRequest for apimachinery's sentinel format errors (ErrBadJSONDoc,
 *   ErrBadPatchFormatForPrimitiveList, ErrBadPatchFormatForRetainKeys,
 *   ErrBadPatchFormatForSetElementOrderList);
 * - 422 Invalid with the generic message (NewGenericServerResponse drops the text) for
 *   ErrNoListOfLists and ErrPatchContentNotMatchRetainKeys;
 * - every other error is passed through as a plain Go error, which the apiserver answers as a 500
 *   Status with the error's text and no reason (observed on a v1.35.4 server).
 */
import { StatusError } from '../../errors/status.js';
import { goString, goType, goValue } from './go-format.js';

export const badJSONDoc = () => new StatusError(400, 'BadRequest', 'invalid JSON document');
export const badPrimitiveListFormat = () => new StatusError(400, 'BadRequest', 'invalid patch format of primitive list');
export const badRetainKeysFormat = () => new StatusError(400, 'BadRequest', 'invalid patch format of retainKeys');
export const badSetElementOrderFormat = () => new StatusError(400, 'BadRequest', 'invalid patch format of setElementOrder list');

/** ErrNoListOfLists (and ErrPatchContentNotMatchRetainKeys) through NewGenericServerResponse(422). */
export const noListOfLists = () => new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});

/** A plain error: 500, no reason. */
export function internal(message: string): StatusError {
  return new StatusError(500, '', message);
}

export const badPatchType = (t: unknown, m: unknown) => internal(`unknown patch type: ${goString(t)} in map: ${goValue(m)}`);
export const noMergeKey = (m: unknown, key: string) => internal(`map: ${goValue(m)} does not contain declared merge key: ${key}`);
export const badArgType = (expected: string, actual: unknown) => internal(`expected a ${expected}, but received a ${goType(actual)}`);
export const SLICE = '[]interface {}';
export const MAP = 'map[string]interface {}';

/** The patch document is not a JSON object: encoding/json's unmarshal error. */
export function notAnObject(patch: unknown): StatusError {
  const what = Array.isArray(patch) ? 'array' : typeof patch === 'number' ? 'number' : typeof patch === 'boolean' ? 'bool' : 'string';
  return new StatusError(400, 'BadRequest', `json: cannot unmarshal ${what} into Go value of type map[string]interface {}`);
}
