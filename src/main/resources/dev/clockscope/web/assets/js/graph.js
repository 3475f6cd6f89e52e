// The communication graph: a node per machine (area ~ event rate, colour = how far its Lamport clock lags
// the highest one), an edge per directed link with traffic (width ~ messages/s over the last second).
// Up to 12 machines sit on a circle and messages fly along the edges; more get a force layout. Above
// MAX_NODES (a large simulation) the graph shows the machines the page has events of (the watched ones)
// and the neighbours those events name.
import { fit } from './format.js';

const MAX_PARTICLES = 300;
const MAX_NODES = 400;

export class Graph {
  constructor(canvas, store) {
    this.canvas = canvas; this.store = store;
    this.pos = []; this.vel = []; this.particles = []; this.lastSeen = -1;
  }

  /**
   * Rates: counted from the page's events in the diagram's window [t0, t1]; while live with events sampled
   * out, over about the last second from two exact-totals samples instead.
   */
  rates(live, t0, t1) {
    const st = this.store.stats;
    const last = st.at(-1);
    // the page's own events tell the rates unless the server sampled some out: then its exact totals do
    const sampled = last && (Number(last.skipped) > 0 || last.machines.some(m => Number(m.co || 0) > 0));
    if (!live || !sampled || st.length < 2) return this.windowRates(t0, t1);
    const now = st[st.length - 1];
    let k = st.length - 2;
    while (k > 0 && now.at - st[k].at < 1000) k--;
    const then = st[k], dt = Math.max(0.05, (now.at - then.at) / 1000);
    const ev = now.machines.map((m, i) => (Number(m.e) - Number(then.machines[i]?.e ?? 0)) / dt);
    const prevLinks = new Map(then.links.map(l => [l[0] + ':' + l[1], l[2]]));
    const links = now.links.map(l => ({ from: l[0], to: l[1], rate: (l[2] - (prevLinks.get(l[0] + ':' + l[1]) ?? 0)) / dt, inFlight: l[5] }));
    return { ev, links, now };
  }

  windowRates(t0, t1) {
    if (!(t1 > t0)) return null;
    const dt = (t1 - t0) / 1e6, ev = [], count = new Map();
    this.store.lanes.forEach((lane, m) => {
      let n = 0;
      for (const e of lane) {
        if (e.w < t0 || e.w > t1) continue;
        n++;
        if (e.k === 'send') for (const to of e.to) count.set(m + ':' + to, (count.get(m + ':' + to) || 0) + 1);
      }
      ev.push(n / dt);
    });
    const links = [...count].map(([k, c]) => { const [from, to] = k.split(':').map(Number); return { from, to, rate: c / dt, inFlight: 0 }; });
    const now = { machines: this.store.lanes.map(lane => {
      let k = lane.length - 1;
      while (k >= 0 && (lane[k].w > t1 || lane[k].life)) k--;
      return { l: k >= 0 ? lane[k].l : 0, stopped: false };
    }) };
    return { ev, links, now };
  }

  /** The machines drawn: all of them, or for a large run those with events here and their peers. */
  nodes(n) {
    if (n <= MAX_NODES) return Array.from({ length: n }, (_, i) => i);
    const seen = new Set();
    this.store.lanes.forEach((lane, m) => {
      if (!lane.length) return;
      seen.add(m);
      for (const e of lane) {
        if (seen.size >= MAX_NODES) break;
        if (e.k === 'send') for (const to of e.to) seen.add(to);
        else if (e.k === 'receive' && e.f >= 0) seen.add(e.f);
      }
    });
    return [...seen].sort((a, b) => a - b).slice(0, MAX_NODES);
  }

  layout(ids, w, h, links) {
    const cx = w / 2, cy = h / 2, R = Math.min(w, h) / 2 - 26, n = ids.length;
    if (n <= 12) {
      ids.forEach((m, i) => { this.pos[m] = [cx + R * Math.cos(-Math.PI / 2 + 2 * Math.PI * i / n), cy + R * Math.sin(-Math.PI / 2 + 2 * Math.PI * i / n)]; });
      return;
    }
    for (const m of ids) {
      if (!this.pos[m]) this.pos[m] = [cx + R * Math.cos(m), cy + R * Math.sin(m * 1.7)];
      if (!this.vel[m]) this.vel[m] = [0, 0]; // also for a node placed on the circle while there were 12 or fewer
    }
    // one step of a force layout a frame: repulsion between all nodes (at most MAX_NODES), springs along links
    const k2 = (w * h) / Math.max(1, n);
    for (const i of ids) {
      let fx = (cx - this.pos[i][0]) * 0.01, fy = (cy - this.pos[i][1]) * 0.01;
      for (const j of ids) {
        if (i === j) continue;
        const dx = this.pos[i][0] - this.pos[j][0], dy = this.pos[i][1] - this.pos[j][1];
        const d2 = dx * dx + dy * dy + 0.01;
        fx += dx * k2 / d2 * 0.02; fy += dy * k2 / d2 * 0.02;
      }
      this.vel[i] = [(this.vel[i][0] + fx) * 0.6, (this.vel[i][1] + fy) * 0.6];
    }
    for (const l of links) {
      const a = this.pos[l.from], b = this.pos[l.to];
      if (!a || !b || !this.vel[l.from] || !this.vel[l.to]) continue;
      const dx = b[0] - a[0], dy = b[1] - a[1];
      this.vel[l.from][0] += dx * 0.002; this.vel[l.from][1] += dy * 0.002;
      this.vel[l.to][0] -= dx * 0.002; this.vel[l.to][1] -= dy * 0.002;
    }
    for (const i of ids) {
      this.pos[i][0] = Math.min(w - 12, Math.max(12, this.pos[i][0] + this.vel[i][0]));
      this.pos[i][1] = Math.min(h - 12, Math.max(12, this.pos[i][1] + this.vel[i][1]));
    }
  }

  spawnParticles(n) {
    if (n > 12) return;
    const order = this.store.order;
    let k = order.length - 1;
    const fresh = [];
    while (k >= 0 && order[k].i > this.lastSeen && fresh.length < 50) { if (order[k].k === 'send') fresh.push(order[k]); k--; }
    if (order.length) this.lastSeen = order[order.length - 1].i;
    const now = performance.now();
    for (const s of fresh) for (const to of s.to) if (this.particles.length < MAX_PARTICLES) this.particles.push({ from: s.m, to, t0: now });
  }

  draw(live, t0, t1) {
    const { g, w, h } = fit(this.canvas);
    g.clearRect(0, 0, w, h);
    const n = this.store.machines.length;
    if (!n) return;
    const r = this.rates(live, t0, t1);
    const ids = this.nodes(n);
    const shown = new Set(ids);
    const links = (r ? r.links : []).filter(l => shown.has(l.from) && shown.has(l.to));
    this.layout(ids, w, h, links);
    this.spawnParticles(n);
    const maxRate = links.reduce((a, l) => Math.max(a, l.rate), 1);
    g.strokeStyle = '#8792a8';
    for (const l of links) {
      if (l.rate <= 0 || !this.pos[l.from] || !this.pos[l.to]) continue;
      const [x1, y1] = this.pos[l.from], [x2, y2] = this.pos[l.to];
      const off = 4, ang = Math.atan2(y2 - y1, x2 - x1), ox = -Math.sin(ang) * off, oy = Math.cos(ang) * off;
      g.globalAlpha = 0.7; g.lineWidth = 0.5 + 5 * l.rate / maxRate;
      g.beginPath(); g.moveTo(x1 + ox, y1 + oy); g.lineTo(x2 + ox, y2 + oy); g.stroke();
    }
    g.globalAlpha = 1;
    const now = performance.now();
    this.particles = this.particles.filter(p => now - p.t0 < 700);
    g.fillStyle = '#2f6fdb';
    for (const p of this.particles) {
      const a = this.pos[p.from], b = this.pos[p.to];
      if (!a || !b) continue;
      const f = (now - p.t0) / 700;
      g.beginPath(); g.arc(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, 3, 0, 2 * Math.PI); g.fill();
    }
    const last = r ? r.now.machines : [];
    const maxL = last.reduce((a, m) => Math.max(a, Number(m.l)), 0); // no spread: 100,000 arguments overflow the stack
    const maxEv = r ? r.ev.reduce((a, v) => Math.max(a, v), 1) : 1;
    g.font = '11px system-ui, sans-serif'; g.textAlign = 'center'; g.textBaseline = 'top';
    for (const i of ids) {
      if (!this.pos[i]) continue;
      const [x, y] = this.pos[i];
      const rate = r ? (r.ev[i] || 0) : 0;
      const rad = (ids.length > 40 ? 3 : 7) + (ids.length > 40 ? 5 : 13) * Math.sqrt(rate / maxEv);
      const lag = maxL > 0 && last[i] ? (maxL - Number(last[i].l)) / maxL : 0;
      g.fillStyle = `hsl(${Math.round(130 - 130 * Math.min(1, lag * 4))}, 60%, 45%)`;
      if (!(Number(last[i]?.l) > 0)) g.fillStyle = '#b8bfcc'; // a neighbour the page has no clock of
      if (last[i] && last[i].stopped) g.fillStyle = '#9aa3b5';
      g.beginPath(); g.arc(x, y, rad, 0, 2 * Math.PI); g.fill();
      if (ids.length <= 40 || this.store.lanes[i]?.length) { g.fillStyle = '#1d2330'; g.fillText(this.store.name(i), x, y + rad + 2); }
    }
  }
}
