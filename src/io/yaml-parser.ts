import type { parseYaml } from '../core/yaml/parse-yaml';

let loaded: typeof parseYaml | undefined;

/**
 * The YAML reader, loaded on first use: a bank that comes from the load
 * cache needs no YAML at all, so commands that only read it start faster.
 */
export async function yamlParser(): Promise<typeof parseYaml> {
  loaded ??= (await import('../core/yaml/parse-yaml')).parseYaml;
  return loaded;
}
