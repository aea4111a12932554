// How often the event loop got a turn while something ran: a chain of
// setImmediate callbacks, each counted, that stops when asked. A parse that
// never yields gives it no turn at all.

export interface TurnCounter {
  readonly turns: number;
  stop(): void;
}

export function countTurns(): TurnCounter {
  let turns = 0;
  let running = true;
  const tick = (): void => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    get turns() {
      return turns;
    },
    stop() {
      running = false;
    },
  };
}
