/**
 * The package's own zod registry for schema metadata (titles, descriptions). A library must not
 * write to zod's global registry (`.describe()`, `.meta()`): that is process-wide state shared with
 * every other zod user in the program.
 */
import * as z from 'zod';

export interface SchemaMeta {
  title?: string;
  description?: string;
  deprecated?: boolean;
}

export const modelRegistry = z.registry<SchemaMeta>();

/** Attach metadata to a schema in our registry and return the schema unchanged. */
export function annotate<S extends z.ZodType>(schema: S, meta: SchemaMeta): S {
  modelRegistry.add(schema, meta);
  return schema;
}
