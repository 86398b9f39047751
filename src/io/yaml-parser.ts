type YamlReader = typeof import('../core/yaml/parse-yaml');

let loaded: YamlReader | undefined;

/**
 * The YAML reader, loaded on first use: a bank that comes from the load
 * cache, and an answers file in the plain shape, need no YAML library at all.
 */
async function yamlReader(): Promise<YamlReader> {
  loaded ??= await import('../core/yaml/parse-yaml');
  return loaded;
}

/** parseYaml: a file's bytes, checked and parsed. */
export async function yamlParser(): Promise<YamlReader['parseYaml']> {
  return (await yamlReader()).parseYaml;
}

/** parseYamlText: text already checked and decoded by yamlText. */
export async function yamlTextParser(): Promise<YamlReader['parseYamlText']> {
  return (await yamlReader()).parseYamlText;
}
