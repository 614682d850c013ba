/**
 * A CommonJS package loaded on its first use instead of at start, for the API's idle memory (README,
 * "Memory"): `load` is called once, on the first `get()`, and must be a literal `require('pkg')`
 * so the bundle keeps it. `release()` forgets the modules that load brought in (from Node's module
 * cache and their parents' `children`), so the next full collection frees their code; a later
 * `get()` loads them again. Modules already loaded by someone else are left alone.
 */
export interface LazyModule<T> {
  get(): T;
  release(): void;
}

export function lazyModule<T>(load: () => T): LazyModule<T> {
  let loaded: { value: T; ids: Set<string> } | undefined;
  return {
    get() {
      if (loaded) return loaded.value;
      const before = new Set(Object.keys(require.cache));
      const value = load();
      loaded = { value, ids: new Set(Object.keys(require.cache).filter((id) => !before.has(id))) };
      return value;
    },
    release() {
      if (!loaded) return;
      const { ids } = loaded;
      loaded = undefined;
      for (const id of ids) delete require.cache[id];
      for (const m of Object.values(require.cache)) {
        // Jest's module registry answers exports here, not modules: nothing to detach there.
        if (!Array.isArray(m?.children)) continue;
        for (let i = m.children.length - 1; i >= 0; i--) if (ids.has(m.children[i]!.id)) m.children.splice(i, 1);
      }
    },
  };
}
