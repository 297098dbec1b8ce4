/**
 * What the fake knows about each served custom resource version beyond its catalog entry: the
 * defining CRD, its storage version, schema, scale paths and printer columns. Kept beside the
 * catalog (whose entries are frozen plain data) and read by the strategy of custom resources.
 */
import { CustomResourceSchema, type JSONSchemaProps } from './structural-schema.js';

/** Held by a deleted CRD until its custom objects are gone. */
export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

export interface ScalePaths {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

export interface CustomResourceMeta {
  crdName: string;
  group: string;
  version: string;
  resource: string;
  storageVersion: string;
  schema: CustomResourceSchema;
  scale?: ScalePaths;
  printerColumns: PrinterColumn[];
  selectableFields: string[];
  /** The CRD is being deleted: creates are refused. */
  terminating: boolean;
}

export class CustomResources {
  private readonly byGvr = new Map<string, CustomResourceMeta>();

  set(meta: CustomResourceMeta): void {
    this.byGvr.set(`${meta.group}/${meta.version}/${meta.resource}`, meta);
  }

  get(group: string, version: string, resource: string): CustomResourceMeta | undefined {
    return this.byGvr.get(`${group}/${version}/${resource}`);
  }

  delete(group: string, version: string, resource: string): void {
    this.byGvr.delete(`${group}/${version}/${resource}`);
  }

  forCrd(crdName: string): CustomResourceMeta[] {
    return [...this.byGvr.values()].filter((m) => m.crdName === crdName);
  }

  clear(): void {
    this.byGvr.clear();
  }
}

export function schemaOf(openAPIV3Schema: JSONSchemaProps | undefined): CustomResourceSchema {
  return new CustomResourceSchema(openAPIV3Schema);
}
