// The page's copy of the run: a bounded window of events (MAX_EVENTS), the message arrows between them,
// control marks, and a bounded history of the server's exact totals (MAX_STATS samples).
export const MAX_EVENTS = 200000;   // documented in docs/LIVE.md: the page never holds more
export const DROP_EVENTS = 25000;   // dropped at once, oldest first, when the bound is reached
export const MAX_STATS = 3000;      // 5 minutes of 100 ms samples
// every event keeps its vector clock: the page holds at most this many entries in all (~80 MB), so a run of
// 1,000 machines keeps 20,000 events, not 200,000 (800 MB)
export const MAX_VECTOR_ENTRIES = 20000000;
const MAX_WAITING = 20000;          // receives kept waiting for their send (a send dropped or never seen: bounded)

const TICK_KINDS = new Set(['send', 'receive', 'internal']);

export class Store {
  constructor() { this.reset({ machines: [], mode: 'finished', title: '', controls: false, generation: 0 }); }

  reset(run) {
    this.run = run;
    this.machines = run.machines.slice();
    this.lanes = this.machines.map(() => []);    // per machine, in log order
    this.count = 0;
    this.order = [];                              // every event in arrival order, for the bound
    this.sends = new Map();                       // "m:seq" -> send event
    this.waiting = new Map();                     // "m:seq" -> receives that came before their send
    this.lastLamport = [];
    this.vectorLength = 0;                        // the longest vector clock seen: bounds the events kept
    this.incarnation = [];
    this.restarted = [];                          // machines with more than one life on the page: lines repeat
    this.marks = [];
    this.gaps = [];                               // [wall, skipped] where the server sampled events out
    this.stats = [];
    this.skipped = 0;
    this.minWall = Infinity; this.maxWall = -Infinity; this.maxLamport = 0;
    this.version = 0;                             // bumps on every change, so views know to redraw
  }

  setMachines(list) {
    this.machines = list.slice();
    while (this.lanes.length < list.length) this.lanes.push([]);
    this.version++;
  }

  addFrame(frame) {
    const evs = frame.events;
    if (frame.skipped > 0 && evs.length) this.gaps.push([evs[0].w, frame.skipped]);
    for (const e of evs) this.add(e);
    const limit = this.limit();
    if (this.count > limit) this.dropOldest(this.count - limit + Math.min(DROP_EVENTS, Math.floor(limit / 8)));
    this.version++;
  }

  add(e) {
    const m = e.m;
    while (this.lanes.length <= m) this.lanes.push([]);
    e.life = TICK_KINDS.has(e.k) ? false : true;
    if (e.k === 'start') {
      // a new life's log starts again at line 1: from now on an event is named by its line and its life
      if (this.lanes[m].length || this.incarnation[m] !== undefined) this.restarted[m] = true;
      this.incarnation[m] = e.inc;
    } else {
      e.inc = this.incarnation[m];
    }
    if (e.k === 'mark') { this.marks.push(e); }
    if (e.l === undefined) e.l = this.lastLamport[m] || 0;  // lifecycle lines sit at the machine's clock
    else this.lastLamport[m] = Number(e.l);
    if (e.v) { e.v = e.v.map(Number); if (e.v.length > this.vectorLength) this.vectorLength = e.v.length; }
    if (e.k === 'send') {
      e.dst = [];
      const key = m + ':' + e.s;
      this.sends.set(key, e);
      // machines' logs are read side by side, so a receive can reach the page before its send
      const early = this.waiting.get(key);
      if (early) {
        this.waiting.delete(key);
        for (const r of early) if (e.inc === undefined || e.inc === r.fi) { r.src = e; e.dst.push(r); }
      }
    } else if (e.k === 'receive') {
      const key = e.f + ':' + e.s;
      const s = this.sends.get(key);
      if (s && (s.inc === undefined || s.inc === e.fi)) { e.src = s; s.dst.push(e); }
      else if (this.waiting.size < MAX_WAITING) {
        const list = this.waiting.get(key);
        if (list) list.push(e); else this.waiting.set(key, [e]);
      }
    }
    this.lanes[m].push(e);
    this.order.push(e);
    this.count++;
    if (e.w < this.minWall) this.minWall = e.w;
    if (e.w > this.maxWall) this.maxWall = e.w;
    if (e.l > this.maxLamport) this.maxLamport = e.l;
  }

  dropOldest(n) {
    const dropped = this.order.splice(0, n);
    const cut = dropped[dropped.length - 1].i;
    for (const lane of this.lanes) {
      let k = 0;
      while (k < lane.length && lane[k].i <= cut) k++;
      if (k) lane.splice(0, k);
    }
    for (const e of dropped) {
      if (e.k === 'send' && this.sends.get(e.m + ':' + e.s) === e) this.sends.delete(e.m + ':' + e.s);
      if (e.src) e.src = null;
      if (e.k === 'receive' && !e.src) {
        const key = e.f + ':' + e.s, list = this.waiting.get(key);
        if (list) { const rest = list.filter(r => r !== e); if (rest.length) this.waiting.set(key, rest); else this.waiting.delete(key); }
      }
    }
    this.marks = this.marks.filter(e => e.i > cut);
    this.count = this.order.length;
    this.minWall = this.order.length ? Math.min(...this.lanes.filter(l => l.length).map(l => l[0].w)) : Infinity;
  }

  /** How many events the page keeps: MAX_EVENTS, fewer when their vectors are long. */
  limit() {
    return Math.min(MAX_EVENTS, Math.max(1000, Math.floor(MAX_VECTOR_ENTRIES / Math.max(1, this.vectorLength))));
  }

  addStats(s) {
    s.at = performance.now();
    this.stats.push(s);
    if (this.stats.length > MAX_STATS) this.stats.splice(0, this.stats.length - MAX_STATS);
    this.skipped = Number(s.skipped);
    this.version++;
  }

  name(m) { return this.machines[m] ?? ('#' + m); }

  /** "machine:line", and "@incarnation" once the machine has had another life on the page (its lines repeat). */
  id(e) {
    const base = this.name(e.m) + ':' + e.n;
    return this.restarted[e.m] && e.inc !== undefined ? base + '@' + e.inc : base;
  }

  /** The event at a log line: of the life with that incarnation if given, else of the machine's latest life. */
  find(machineName, line, incarnation) {
    const m = this.machines.indexOf(machineName);
    if (m < 0) return null;
    const lane = this.lanes[m];
    for (let k = lane.length - 1; k >= 0; k--) {
      const e = lane[k];
      if (e.n === line && (incarnation === undefined || e.inc === incarnation)) return e;
    }
    return null;
  }

  /** find() of a "machine:line" or "machine:line@incarnation", as id() writes it. */
  findId(id) {
    const parts = /^(.+):(\d+)(?:@(-?\d+))?$/.exec(id);
    return parts ? this.find(parts[1], Number(parts[2]), parts[3]) : null;
  }
}
