import { describe, expect, it } from 'vitest';
import type { InterruptSignal } from '../../src/exit-codes';
import { createInterrupts } from '../../src/interrupts';

/** A process stand-in: listeners by signal, a clock moved by hand, and exit as a thrown value (exit never returns). */
function fakeProcess() {
  const listeners = new Map<InterruptSignal, Set<() => void>>();
  const timers: { at: number; run: () => void }[] = [];
  let now = 0;
  const said: string[] = [];
  class Exit extends Error {
    constructor(readonly code: number) {
      super(`exit ${code}`);
    }
  }
  const host = {
    on: (signal: InterruptSignal, listener: () => void) =>
      listeners.set(signal, (listeners.get(signal) ?? new Set()).add(listener)),
    off: (signal: InterruptSignal, listener: () => void) => listeners.get(signal)?.delete(listener),
    exit: (code: number): never => {
      throw new Exit(code);
    },
    writeErrNow: (text: string) => said.push(text),
    reraise: (signal: InterruptSignal): never => {
      throw new Exit(signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129);
    },
    setTimeout: (run: () => void, ms: number) => timers.push({ at: now + ms, run }),
  };
  /** Delivers a signal; returns the exit status it caused, or undefined when clientfit went on. */
  const send = (signal: InterruptSignal): number | undefined =>
    catchExit(() => {
      for (const listener of [...(listeners.get(signal) ?? [])]) listener();
    });
  const catchExit = (run: () => void): number | undefined => {
    try {
      run();
      return undefined;
    } catch (error) {
      if (error instanceof Exit) return error.code;
      throw error;
    }
  };
  /** Moves the clock, running the timers that fall due; returns an exit status if one of them exited. */
  const advance = (ms: number): number | undefined => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    for (const t of due) timers.splice(timers.indexOf(t), 1);
    return catchExit(() => {
      for (const t of due) t.run();
    });
  };
  const listening = () => [...listeners.values()].some((set) => set.size > 0);
  return { host, send, advance, listening, said, catchExit };
}

describe('signals', () => {
  it('with nothing registered, installs no listener: the default (stop at once) applies', () => {
    const p = fakeProcess();
    const interrupts = createInterrupts(p.host, 1500);
    expect(p.listening()).toBe(false);
    const remove = interrupts.onInterrupt(() => undefined);
    expect(p.listening()).toBe(true);
    remove();
    expect(p.listening()).toBe(false);
  });

  it('runs the handlers of an interview, then exits 128+n', () => {
    const p = fakeProcess();
    const seen: string[] = [];
    createInterrupts(p.host, 1500).onInterrupt((signal) => seen.push(`draft saved on ${signal}`));
    expect(p.send('SIGINT')).toBe(130);
    expect(seen).toEqual(['draft saved on SIGINT']);
  });

  it('lets a save under way finish, then handles the signal', () => {
    const p = fakeProcess();
    const seen: string[] = [];
    const interrupts = createInterrupts(p.host, 1500);
    const release = interrupts.holdInterrupts((signal) => seen.push(`saved; ${signal}`));
    expect(p.send('SIGTERM')).toBeUndefined();
    expect(p.advance(1000)).toBeUndefined();
    expect(seen).toEqual([]);
    expect(p.catchExit(release)).toBe(143);
    expect(seen).toEqual(['saved; SIGTERM']);
  });

  it('waits for a save that does not end no longer than the grace time, and says so', () => {
    const p = fakeProcess();
    const interrupts = createInterrupts(p.host, 1500);
    interrupts.holdInterrupts(() => undefined);
    expect(p.send('SIGINT')).toBeUndefined();
    expect(p.advance(1499)).toBeUndefined();
    expect(p.advance(1)).toBe(130);
    // Ended by the signal's own default action (the listeners are gone), which does not wait for a stuck disk.
    expect(p.listening()).toBe(false);
    expect(p.said.join('')).toMatch(
      /stopped by SIGINT; a save was still under way after 1\.5 s .* check with `clientfit history`/,
    );
  });

  it('stops at once on a second signal while a save holds the first', () => {
    const p = fakeProcess();
    const interrupts = createInterrupts(p.host, 1500);
    interrupts.holdInterrupts(() => undefined);
    expect(p.send('SIGINT')).toBeUndefined();
    expect(p.send('SIGINT')).toBe(130);
  });

  it('after a save without a signal, a signal ends clientfit at once again', () => {
    const p = fakeProcess();
    const interrupts = createInterrupts(p.host, 1500);
    const release = interrupts.holdInterrupts(() => undefined);
    release();
    expect(p.listening()).toBe(false);
  });
});
