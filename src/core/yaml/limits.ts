/** The bounds every file read by clientfit is held to. */
export interface YamlLimits {
  /** Largest file accepted, in bytes. */
  readonly maxBytes: number;
  /** Deepest nesting of lists and maps accepted (measured before composing). */
  readonly maxDepth: number;
  /** Most alias expansions accepted (stops "billion laughs" files). */
  readonly maxAliases: number;
}

export const defaultYamlLimits: YamlLimits = {
  maxBytes: 1024 * 1024,
  maxDepth: 64,
  maxAliases: 100,
};

/** A size for messages: "2.0 MiB", "12.5 KiB", "300 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
