// Happened-before from vector clocks (Fidge/Mattern): for events a (on machine i) and b (on machine j),
// b -> a iff b's own entry is at most a's entry for j: V_b[j] <= V_a[j]. Lifecycle lines have no vector.
export function relation(selected, other) {
  if (other === selected) return 'self';
  if (!selected.v || !other.v) return 'none';
  if (other.v[other.m] <= selected.v[other.m]) return 'past';
  if (selected.v[selected.m] <= other.v[selected.m]) return 'future';
  return 'concurrent';
}

/** Every event of the store by its relation to {@code selected}. */
export function partition(store, selected) {
  const out = { past: [], future: [], concurrent: [] };
  for (const lane of store.lanes) {
    for (const e of lane) {
      const r = relation(selected, e);
      if (out[r]) out[r].push(e);
    }
  }
  return out;
}
