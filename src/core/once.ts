/**
 * A value made on first use and kept: the zod schemas are built this way, so
 * a command pays only for the ones it checks against.
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
