/** Schema model (types.ts) and its sources: built-in OpenAPI v3 documents and CRD structural schemas. */
export type { SchemaKind, SchemaNode, SchemaSource } from './types.js';
export { OpenAPISchemaSource, builtinSchemas } from './openapi-source.js';
export { schemaFromStructural, type StructuralOptions } from './structural.js';
export { NodeFactory, type RawSchema, type RefResolver, type NodeOptions } from './openapi-node.js';
