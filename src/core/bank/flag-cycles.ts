import type { Condition, Flag } from './schema';
import { testsIn } from './visit-condition';

/**
 * The cycles among flags' `when` conditions: a flag that counts only when
 * itself is raised, or only when another is whose own condition tests the
 * first (directly or through others). One cycle per knot of flags that test
 * each other, the shortest from the first flag declared in it, as ids with
 * that flag at both ends. Linear in the flags and their tests.
 */
export function flagCycles(flags: readonly Pick<Flag, 'id' | 'when'>[]): string[][] {
  const index = new Map(flags.map((f, i) => [f.id, i]));
  const next = flags.map((f) =>
    [...new Set(f.when === undefined ? [] : flagsTested(f.when))].flatMap(
      (id) => index.get(id) ?? [],
    ),
  );
  const knot = knots(next);
  const cycles: string[][] = [];
  const size = new Map<number, number>();
  for (const k of knot) size.set(k, (size.get(k) ?? 0) + 1);
  const done = new Set<number>();
  flags.forEach((_, first) => {
    const k = knot[first];
    if (k === undefined || done.has(k)) return;
    if (size.get(k) === 1 && !(next[first] ?? []).includes(first)) return;
    done.add(k);
    cycles.push(shortestCycle(first, next, (i) => knot[i] === k).map((i) => flags[i]?.id ?? ''));
  });
  return cycles;
}

/** Each cycle as a problem of its first flag (its index among `flags`), in words. */
export function flagCycleProblems(
  flags: readonly Pick<Flag, 'id' | 'when'>[],
): { flag: number; message: string; hint: string }[] {
  return flagCycles(flags).map((cycle) => {
    const [first = ''] = cycle;
    return {
      flag: flags.findIndex((f) => f.id === first),
      message:
        cycle.length === 2
          ? `the flag "${first}" is conditioned on itself: its when tests the flag "${first}"`
          : `the conditions of these flags test each other in a cycle: ${cycle.join(' → ')}`,
      hint:
        'a flag counts only where its when holds, so flags that wait on each other count only ' +
        'together (or not at all): remove the flag test from one of these conditions, ' +
        'or test the answers the flags come from',
    };
  });
}

/** The strongly connected components (Kosaraju, without recursion): a number per node. */
function knots(next: readonly (readonly number[])[]): number[] {
  const order: number[] = [];
  const visited = new Array<boolean>(next.length).fill(false);
  for (let root = 0; root < next.length; root++) {
    if (visited[root] === true) continue;
    visited[root] = true;
    const stack: [number, number][] = [[root, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      const [node, edge] = top;
      const to = next[node]?.[edge];
      if (to === undefined) {
        order.push(node);
        stack.pop();
      } else {
        top[1]++;
        if (visited[to] !== true) {
          visited[to] = true;
          stack.push([to, 0]);
        }
      }
    }
  }
  const back: number[][] = next.map(() => []);
  next.forEach((tos, from) => {
    for (const to of tos) back[to]?.push(from);
  });
  const knot = new Array<number>(next.length).fill(-1);
  let count = 0;
  for (const root of order.reverse()) {
    if (knot[root] !== -1) continue;
    const stack = [root];
    knot[root] = count;
    while (stack.length > 0) {
      const node = stack.pop() ?? 0;
      for (const from of back[node] ?? [])
        if (knot[from] === -1) {
          knot[from] = count;
          stack.push(from);
        }
    }
    count++;
  }
  return knot;
}

/**
 * The shortest way from `first` back to itself through nodes for which `inside` holds (one
 * exists).
 */
function shortestCycle(
  first: number,
  next: readonly (readonly number[])[],
  inside: (i: number) => boolean,
): number[] {
  const cameFrom = new Map<number, number>();
  const queue = [first];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] ?? first;
    for (const to of next[node] ?? []) {
      if (to === first) {
        const path = [first];
        for (let at = node; at !== first; at = cameFrom.get(at) ?? first) path.splice(1, 0, at);
        return [...path, first];
      }
      if (inside(to) && !cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return [first, first];
}

/**
 * The flags a condition tests, at any depth (the judgement's `references` is out of the bank's
 * reach).
 */
function flagsTested(condition: Condition): string[] {
  return testsIn(condition).flatMap((c) => ('flag' in c ? [c.flag] : []));
}
