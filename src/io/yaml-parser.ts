import { parseYaml } from '../core/yaml/parse-yaml';

/**
 * parseYaml, as drafts.ts still asks for it (the other readers import
 * parseYaml directly; drafts.ts is being rewritten for the draft lock).
 */
export function yamlParser(): Promise<typeof parseYaml> {
  return Promise.resolve(parseYaml);
}
