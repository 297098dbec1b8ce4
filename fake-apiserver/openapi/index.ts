/** OpenAPI v2/v3 documents of the fake apiserver: built-in data, CRD builders and HTTP semantics. */
export {
  openapiV2,
  openapiV3Document,
  openapiV3Index,
  builtinV2Object,
  builtinV3Object,
  builtinV3Keys,
  type OpenAPIV3Discovery,
} from './builtin.js';
export { openAPIManifest, type OpenAPIManifest } from './data-files.js';
export { computeETag, serverRelativeURL } from './etag.js';
export { buildCRDOpenAPIV2, buildCRDOpenAPIV3, crdModelName, type CRDLike } from './crd-openapi.js';
export { withCustomDefinitions, type CRDV2Part } from './merge-v2.js';
export {
  acceptsJSON,
  respondV2,
  respondV3,
  respondV3Index,
  type OpenAPIRequest,
  type OpenAPIResponse,
  type ServedDocument,
} from './responses.js';
export { OpenAPIService, type OpenAPIServiceOptions } from './service.js';
