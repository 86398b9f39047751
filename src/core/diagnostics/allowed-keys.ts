import type { PathSegment } from './diagnostic';

/** Just enough of a zod schema's public `def` to find which keys an object accepts. */
export interface SchemaDef {
  type?: string;
  shape?: Record<string, { def: SchemaDef }>;
  element?: { def: SchemaDef };
  options?: { def: SchemaDef }[];
  valueType?: { def: SchemaDef };
  innerType?: { def: SchemaDef };
  getter?: () => { def: SchemaDef };
}

/** A zod schema's public `def`. */
export function defOf(schema: unknown): SchemaDef {
  return (schema as { def: SchemaDef }).def;
}

/** The defs under optionals, lazy schemas and unions (each branch), with a bound on the work. */
function unwrap(defs: SchemaDef[]): SchemaDef[] {
  const out: SchemaDef[] = [];
  const stack = [...defs];
  let guard = 0;
  while (stack.length > 0 && guard++ < 500) {
    const def = stack.pop();
    if (def === undefined) break;
    if (def.type === 'optional' && def.innerType) stack.push(def.innerType.def);
    else if (def.type === 'lazy' && def.getter) stack.push(def.getter().def);
    else if (def.type === 'union' && def.options) stack.push(...def.options.map((o) => o.def));
    else out.push(def);
  }
  return out;
}

/** The defs reachable at `path` (every branch of a union), following the data. */
function defsAt(root: SchemaDef, path: readonly PathSegment[]): SchemaDef[] {
  let current = unwrap([root]);
  for (const segment of path) {
    const next: SchemaDef[] = [];
    for (const def of current) {
      if (
        def.type === 'object' &&
        typeof segment === 'string' &&
        def.shape &&
        Object.hasOwn(def.shape, segment)
      ) {
        const child = def.shape[segment];
        if (child) next.push(child.def);
      } else if (def.type === 'array' && typeof segment === 'number' && def.element)
        next.push(def.element.def);
      else if (def.type === 'record' && def.valueType) next.push(def.valueType.def);
    }
    current = unwrap(next);
  }
  return current;
}

/** The keys a map at `path` may hold, by the schema (all branches of a union together). */
export function allowedKeys(root: SchemaDef, path: readonly PathSegment[]): string[] {
  const keys = new Set<string>();
  for (const def of defsAt(root, path))
    if (def.type === 'object' && def.shape) for (const key of Object.keys(def.shape)) keys.add(key);
  return [...keys];
}
