// Loading and error state for a resolver call, so every page shows the same spinner and the same message.
import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from './invoke';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

/** Runs `load` on mount and on `reload()`; a result that arrives after a newer call started is dropped. */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> & { reload: () => void } {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => {
    const mine = ++seq.current;
    void loadRef.current().then(
      (data) => {
        if (mine === seq.current) setValue({ state: 'ready', data });
      },
      (e: unknown) => {
        if (mine === seq.current) setValue({ state: 'error', message: messageOf(e) });
      },
    );
  }, []);
  useEffect(reload, [reload]);
  return { ...value, reload };
}
