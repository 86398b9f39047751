type YamlReader = typeof import('../core/yaml/parse-yaml');

let loaded: YamlReader | undefined;

/**
 * The YAML reader, loaded on first use: a command that reads a bank from
 * the load cache and no answers file needs no YAML library at all.
 */
async function yamlReader(): Promise<YamlReader> {
  loaded ??= await import('../core/yaml/parse-yaml');
  return loaded;
}

/** parseYaml: a file's bytes, checked and parsed. */
export async function yamlParser(): Promise<YamlReader['parseYaml']> {
  return (await yamlReader()).parseYaml;
}
