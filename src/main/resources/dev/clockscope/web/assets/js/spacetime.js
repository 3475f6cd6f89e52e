// The space-time diagram on one canvas: a lane per machine, events as marks, messages as arrows.
// Level of detail: a lane with more events in view than pixels is drawn as a density strip (one column
// per pixel, counted in one pass), so 100,000 events in view cost one pass per frame, not 100,000 shapes.
import { fit, KIND_COLOURS, kindClass, seconds, int } from './format.js';
import { relation } from './causal.js';

const LEFT = 100, RIGHT = 14, TOP = 24, BOTTOM = 10;
const REL_COLOURS = { self: '#111', past: '#2f6fdb', future: '#e67e22' };
const CHAIN_COLOUR = '#e0a100';
const MAX_ARROWS = 4000;
export const LARGE_RUN = 64;   // machines; above it, only lanes with events are drawn unless chosen

function lowerBound(lane, v, key) {
  let lo = 0, hi = lane.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (key(lane[mid]) < v) lo = mid + 1; else hi = mid; }
  return lo;
}

export class SpaceTime {
  constructor(canvas, store, onSelect) {
    this.canvas = canvas; this.store = store; this.onSelect = onSelect;
    this.mode = 'wall'; this.live = true; this.end = 0; this.span = 10e6;
    this.selected = null; this.chain = null; this.chainVia = null; this.filter = null; this.lanesShown = null;
    this.arrowsHidden = false; this.lodLanes = 0; this.drawnEvents = 0;
    this.key = e => e.w;
    this.bindInput();
  }

  setMode(mode) {
    const head = this.head(), min = this.min();
    const frac = head > min ? this.span / (head - min) : 1;
    this.mode = mode;
    this.key = mode === 'wall' ? (e => e.w) : (e => e.l);
    const h2 = this.head(), m2 = this.min();
    this.span = Math.max(mode === 'wall' ? 1000 : 4, (h2 - m2) * Math.min(1, frac) || (mode === 'wall' ? 10e6 : 50));
    this.end = h2;
  }

  head() { return this.mode === 'wall' ? this.store.maxWall : this.store.maxLamport; }
  min() { return this.mode === 'wall' ? this.store.minWall : 0; }

  lanes() {
    const all = this.store.lanes.map((_, i) => i);
    if (this.lanesShown) return all.filter(i => this.lanesShown.has(i));
    // a large run (a simulation sends the events of its watched machines): the lanes that have events
    return all.length > LARGE_RUN ? all.filter(i => this.store.lanes[i].length) : all;
  }

  geometry() {
    const r = this.canvas.getBoundingClientRect();
    const lanes = this.lanes();
    const laneH = Math.max(6, (r.height - TOP - BOTTOM) / Math.max(1, lanes.length));
    const y = new Map();
    lanes.forEach((m, k) => y.set(m, TOP + laneH * (k + 0.5)));
    return { w: r.width, h: r.height, x0: LEFT, x1: r.width - RIGHT, laneH, y, lanes };
  }

  px(v, geo) { return geo.x0 + (v - (this.end - this.span)) / this.span * (geo.x1 - geo.x0); }
  value(px, geo) { return this.end - this.span + (px - geo.x0) / (geo.x1 - geo.x0) * this.span; }

  followHead() {
    if (this.live && isFinite(this.head())) this.end = this.head() + this.span * 0.02;
  }

  draw() {
    const { g, w, h } = fit(this.canvas);
    const geo = this.geometry();
    this.followHead();
    g.clearRect(0, 0, w, h);
    g.font = '11px system-ui, sans-serif';
    this.drawAxis(g, geo);
    const lo = this.end - this.span, hi = this.end;
    const sel = this.selected;
    this.lodLanes = 0; this.drawnEvents = 0; this.inView = 0;
    const visible = [];
    for (const m of geo.lanes) {
      const y = geo.y.get(m);
      g.strokeStyle = '#d5dae3'; g.lineWidth = 1;
      g.beginPath(); g.moveTo(geo.x0, y); g.lineTo(geo.x1, y); g.stroke();
      g.fillStyle = '#1d2330'; g.textAlign = 'right'; g.textBaseline = 'middle';
      g.fillText(this.store.name(m), geo.x0 - 8, y);
      const lane = this.store.lanes[m] || [];
      const a = lowerBound(lane, lo, this.key), b = lowerBound(lane, hi, this.key);
      visible.push([m, lane, a, b]);
      this.inView += b - a;
      if (b - a > (geo.x1 - geo.x0)) { this.drawDensity(g, geo, lane, a, b, y); this.lodLanes++; }
    }
    // arrows under the marks
    this.drawArrows(g, geo, visible);
    const r = Math.min(4, Math.max(2, geo.laneH / 6));
    for (const [m, lane, a, b] of visible) {
      if (b - a > (geo.x1 - geo.x0)) continue;
      const y = geo.y.get(m);
      let labelEnd = -Infinity; // right edge of the lane's last label: one that would overlap it is left out
      for (let k = a; k < b; k++) {
        const e = lane[k];
        if (e.k === 'mark') continue;
        const x = this.px(this.key(e), geo);
        let colour = KIND_COLOURS[kindClass(e.k)], alpha = 1;
        if (sel) {
          const rel = relation(sel, e);
          if (REL_COLOURS[rel]) colour = REL_COLOURS[rel]; else alpha = 0.15;
        }
        if (this.filter && !this.filter(e)) alpha = Math.min(alpha, 0.12);
        g.globalAlpha = alpha; g.fillStyle = colour;
        if (e.life) {
          g.beginPath(); g.moveTo(x, y - r - 2); g.lineTo(x + r + 1, y + r); g.lineTo(x - r - 1, y + r); g.fill();
          if ((e.k === 'stall' || e.k === 'peer_down' || e.k === 'undelivered') && x + 4 > labelEnd + 6) {
            g.fillStyle = '#a33'; g.fillText(e.k, x + 4, y - r - 6);
            labelEnd = x + 4 + g.measureText(e.k).width;
          }
        } else {
          g.fillRect(x - r, y - r, 2 * r, 2 * r);
          if (this.chain && this.chain.has(e)) {
            g.globalAlpha = 1; g.strokeStyle = CHAIN_COLOUR; g.lineWidth = 2;
            g.strokeRect(x - r - 2.5, y - r - 2.5, 2 * r + 5, 2 * r + 5);
          }
        }
        this.drawnEvents++;
      }
      g.globalAlpha = 1;
    }
    if (sel && geo.y.has(sel.m)) {
      const x = this.px(this.key(sel), geo), y = geo.y.get(sel.m);
      g.strokeStyle = '#111'; g.lineWidth = 2; g.beginPath(); g.arc(x, y, r + 4, 0, 2 * Math.PI); g.stroke();
    }
    this.drawMarks(g, geo);
    if (this.arrowsHidden) {
      g.fillStyle = '#7a8397'; g.textAlign = 'right'; g.textBaseline = 'top';
      g.fillText('arrows hidden: zoom in', geo.x1, 4);
    }
  }

  drawDensity(g, geo, lane, a, b, y) {
    const width = Math.ceil(geo.x1 - geo.x0) + 1;
    if (!this.bins || this.bins.length < width * 3) this.bins = new Int32Array(width * 3);
    const bins = this.bins; bins.fill(0, 0, width * 3);
    const scale = (geo.x1 - geo.x0) / this.span, start = this.end - this.span, wall = this.mode === 'wall';
    for (let k = a; k < b; k++) {
      const e = lane[k];
      const col = (((wall ? e.w : e.l) - start) * scale) | 0;
      if (col < 0 || col >= width) continue;
      bins[col * 3 + (e.k === 'send' ? 0 : e.k === 'receive' ? 1 : 2)]++;
    }
    let max = 1;
    for (let c = 0; c < width; c++) max = Math.max(max, bins[c * 3] + bins[c * 3 + 1] + bins[c * 3 + 2]);
    const hgt = Math.min(14, geo.laneH * 0.6);
    for (let c = 0; c < width; c++) {
      const s = bins[c * 3], rcv = bins[c * 3 + 1], n = s + rcv + bins[c * 3 + 2];
      if (!n) continue;
      g.fillStyle = s >= rcv && s * 3 >= n ? KIND_COLOURS.send : rcv * 3 >= n ? KIND_COLOURS.receive : '#6d778c';
      g.globalAlpha = 0.25 + 0.75 * n / max;
      g.fillRect(geo.x0 + c, y - hgt / 2, 1, hgt);
    }
    g.globalAlpha = 1;
  }

  drawArrows(g, geo, visible) {
    // a lane drawn as density has more events in view than pixels: far too many arrows to draw
    let n = this.lodLanes ? MAX_ARROWS + 1 : 0;
    for (const [, lane, a, b] of visible) for (let k = a; k < b && n <= MAX_ARROWS; k++) if (lane[k].src) n++;
    this.arrowsHidden = n > MAX_ARROWS;
    if (this.arrowsHidden) return;
    g.lineWidth = 1;
    const sel = this.selected;
    for (const [m, lane, a, b] of visible) {
      for (let k = a; k < b; k++) {
        const e = lane[k], s = e.src;
        if (!s || !geo.y.has(s.m)) continue;
        let alpha = 0.55;
        if (sel) { const r1 = relation(sel, s), r2 = relation(sel, e); alpha = (r1 === r2 && r1 !== 'concurrent') || r1 === 'self' || r2 === 'self' ? 0.8 : 0.08; }
        const onChain = this.chainVia && this.chainVia.has(e);
        g.globalAlpha = onChain ? 1 : alpha; g.strokeStyle = onChain ? CHAIN_COLOUR : '#56607a'; g.lineWidth = onChain ? 3 : 1;
        const x1 = this.px(this.key(s), geo), y1 = geo.y.get(s.m), x2 = this.px(this.key(e), geo), y2 = geo.y.get(m);
        g.beginPath(); g.moveTo(x1, y1); g.lineTo(x2, y2); g.stroke();
        const ang = Math.atan2(y2 - y1, x2 - x1);
        g.beginPath(); g.moveTo(x2, y2);
        g.lineTo(x2 - 7 * Math.cos(ang - 0.4), y2 - 7 * Math.sin(ang - 0.4));
        g.lineTo(x2 - 7 * Math.cos(ang + 0.4), y2 - 7 * Math.sin(ang + 0.4));
        g.closePath(); g.fillStyle = onChain ? CHAIN_COLOUR : '#56607a'; g.fill();
      }
    }
    g.globalAlpha = 1;
  }

  drawMarks(g, geo) {
    for (const e of this.store.marks) {
      if (!geo.y.has(e.m)) continue;
      const x = this.px(this.key(e), geo);
      if (x < geo.x0 || x > geo.x1) continue;
      const y = geo.y.get(e.m);
      g.strokeStyle = KIND_COLOURS.mark; g.lineWidth = 2; g.setLineDash([4, 3]);
      g.beginPath(); g.moveTo(x, y - geo.laneH * 0.45); g.lineTo(x, y + geo.laneH * 0.45); g.stroke();
      g.setLineDash([]);
      g.fillStyle = KIND_COLOURS.mark; g.textAlign = 'left'; g.textBaseline = 'bottom';
      g.fillText(e.a, x + 3, y - 6);
    }
  }

  drawAxis(g, geo) {
    const lo = this.end - this.span;
    const target = this.span / 8;
    const pow = Math.pow(10, Math.floor(Math.log10(target)));
    const step = [1, 2, 5, 10].map(f => f * pow).find(s => s >= target) || pow * 10;
    const origin = this.mode === 'wall' && isFinite(this.store.minWall) ? this.store.minWall : 0;
    g.fillStyle = '#7a8397'; g.strokeStyle = '#eef0f4'; g.textAlign = 'center'; g.textBaseline = 'top';
    if (!isFinite(lo) || !isFinite(this.end) || !(step > 0)) return;
    // at most a dozen labels, whatever the numbers (a step below a double's resolution must not loop)
    for (let v = Math.ceil((lo - origin) / step) * step + origin, n = 0; v <= this.end && n < 12; v += step, n++) {
      const x = this.px(v, geo);
      g.beginPath(); g.moveTo(x, TOP - 6); g.lineTo(x, geo.h - BOTTOM); g.stroke();
      g.fillText(this.mode === 'wall' ? (v < origin ? '' : '+') + seconds(v - origin) : 'L ' + int(v), x, 4);
    }
    if (this.mode === 'wall') {
      g.fillStyle = '#c9a227';
      for (const [w] of this.store.gaps) {
        const x = this.px(w, geo);
        if (x >= geo.x0 && x <= geo.x1) g.fillRect(x - 1, TOP - 8, 2, 6);
      }
    }
  }

  /** The event drawn nearest to (px, py), within 8 px, or null. */
  hit(px, py) {
    const geo = this.geometry();
    let best = null, bestD = 64;
    for (const m of geo.lanes) {
      const y = geo.y.get(m);
      if (Math.abs(py - y) > Math.max(10, geo.laneH / 2)) continue;
      const lane = this.store.lanes[m];
      const a = lowerBound(lane, this.value(px - 8, geo), this.key), b = lowerBound(lane, this.value(px + 8, geo), this.key);
      for (let k = a; k < b; k++) {
        if (lane[k].k === 'mark') continue;
        const dx = this.px(this.key(lane[k]), geo) - px, dy = y - py;
        const d = dx * dx + dy * dy * 0.05;
        if (d < bestD) { bestD = d; best = lane[k]; }
      }
    }
    return best;
  }

  /**
   * Client coordinates of an event (for the test hook and links), after bringing it into view, zoomed in
   * far enough that its neighbours on the lane are at least 20 px away (ticks can be 2 ms apart).
   */
  position(e) {
    const geo = this.geometry();
    const v = this.key(e);
    this.live = false; // a live view moves: hold it still so the position stays true
    const lane = this.store.lanes[e.m], k = lane.indexOf(e);
    let gap = Infinity;
    for (const n of [lane[k - 1], lane[k + 1]]) if (n && n.k !== 'mark' && this.key(n) !== v) gap = Math.min(gap, Math.abs(this.key(n) - v));
    const minSpan = this.mode === 'wall' ? 1000 : 4;
    if (isFinite(gap)) this.span = Math.max(minSpan, Math.min(this.span, gap * (geo.x1 - geo.x0) / 20));
    if (v < this.end - this.span * 0.9 || v > this.end - this.span * 0.1) this.end = v + this.span / 2;
    const r = this.canvas.getBoundingClientRect();
    return { x: r.left + this.px(v, geo), y: r.top + geo.y.get(e.m) };
  }

  zoom(factor, px) {
    const geo = this.geometry();
    const anchor = this.live ? this.end : this.value(px, geo);
    const minSpan = this.mode === 'wall' ? 1000 : 4;
    const newSpan = Math.max(minSpan, this.span * factor);
    this.end = anchor + (this.end - anchor) * newSpan / this.span;
    this.span = newSpan;
  }

  pan(dxPx) {
    const geo = this.geometry();
    this.live = false;
    this.end -= dxPx / (geo.x1 - geo.x0) * this.span;
  }

  resetView() {
    const head = this.head(), min = this.min();
    this.span = head > min ? (head - min) * 1.04 : this.span;
    this.end = head + this.span * 0.02;
  }

  bindInput() {
    const c = this.canvas;
    c.addEventListener('wheel', ev => { ev.preventDefault(); this.zoom(Math.exp(ev.deltaY * 0.002), ev.offsetX); }, { passive: false });
    let down = null;
    c.addEventListener('mousedown', ev => { down = { cx: ev.clientX, moved: false }; });
    window.addEventListener('mousemove', ev => {
      if (!down) return;
      if (Math.abs(ev.clientX - down.cx) > 3) down.moved = true;
      if (down.moved && ev.movementX) this.pan(ev.movementX);
    });
    window.addEventListener('mouseup', ev => {
      if (down && !down.moved && ev.target === c) this.onSelect(this.hit(ev.offsetX, ev.offsetY));
      down = null;
    });
    c.addEventListener('dblclick', () => { this.live = true; this.resetView(); });
  }
}
