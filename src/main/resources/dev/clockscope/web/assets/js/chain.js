// The longest causal chain to an event, among the events this page holds. A Lamport clock that ticks by 1
// measures it: walking back from the event, each step takes whichever predecessor gave Lamport's max(...):
// the previous tick event on its machine (also on a tie), or the send of the message it received. The walk
// ends where the page's window does (events dropped, or a send the page never had), so on a long run it is
// the chain within the window. The analyzer (vm analyze) finds the run's longest chain over the whole logs.

/** The tick event before {@code e} on its lane, or null. Lanes are in log order; {@code i} increases along them. */
function previousTick(store, e) {
  const lane = store.lanes[e.m] || [];
  let lo = 0, hi = lane.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (lane[mid].i < e.i) lo = mid + 1; else hi = mid; }
  for (let k = lo - 1; k >= 0; k--) if (!lane[k].life) return lane[k];
  return null;
}

/** The chain ending at {@code e}, oldest first; empty for a lifecycle line. */
export function chainTo(store, e) {
  const out = [];
  for (let cur = e; cur && !cur.life;) {
    out.push(cur);
    const prev = previousTick(store, cur);
    const src = cur.k === 'receive' ? cur.src : null;
    cur = src && (!prev || src.l > prev.l) ? src : prev;
  }
  return out.reverse();
}

/** Events, machines and messages of a chain, for the details panel. */
export function summary(chain) {
  let messages = 0;
  for (let k = 1; k < chain.length; k++) if (chain[k].m !== chain[k - 1].m) messages++;
  return { events: chain.length, machines: new Set(chain.map(e => e.m)).size, messages };
}
