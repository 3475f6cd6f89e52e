// Per-machine strips (Lamport clock, tick rate, queue, stalls) and the drift chart over the diagram's
// current time window, read from the page's events: they follow the head when live, and rewind with it.
import { fit, int } from './format.js';

const COLOURS = ['#2f6fdb', '#1f8a4c', '#e67e22', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#d35400'];
const POINTS = 160;

export function colour(i) { return COLOURS[i % COLOURS.length]; }

/** Index of the last tick event of {@code lane} at or before wall time {@code w}, or -1. */
function lastAt(lane, w) {
  let lo = 0, hi = lane.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (lane[mid].w <= w) lo = mid + 1; else hi = mid; }
  let k = lo - 1;
  while (k >= 0 && lane[k].life) k--;
  return k;
}

/** Lamport, tick and queue of machine {@code m} at POINTS instants across [t0, t1] (null before its first event). */
export function series(store, m, t0, t1) {
  const lane = store.lanes[m] || [];
  const out = { l: [], t: [], q: [], stalls: 0 };
  for (let p = 0; p < POINTS; p++) {
    const k = lastAt(lane, t0 + (t1 - t0) * p / (POINTS - 1));
    out.l.push(k < 0 ? null : lane[k].l); out.t.push(k < 0 ? null : Number(lane[k].t)); out.q.push(k < 0 ? null : lane[k].q);
  }
  // stalls and the largest clock jump (Lamport change between consecutive tick events) in the window
  out.maxJump = 0;
  let prev = null;
  for (let k = Math.max(0, lastAt(lane, t0)), n = 0; k < lane.length && lane[k].w <= t1 && n < 50000; k++, n++) {
    const e = lane[k];
    if (e.k === 'stall') out.stalls++;
    if (e.life) continue;
    if (prev && e.l - prev.l > out.maxJump) out.maxJump = e.l - prev.l;
    prev = e;
  }
  return out;
}

function line(g, pts, x0, y0, w, h, col, fixedMin) {
  const vals = pts.filter(v => v !== null);
  if (vals.length < 2) return;
  let min = Infinity, max = -Infinity;
  for (const v of vals) { if (v < min) min = v; if (v > max) max = v; }
  if (fixedMin !== undefined) min = fixedMin;
  g.strokeStyle = col; g.lineWidth = 1.2; g.beginPath();
  let started = false;
  pts.forEach((v, k) => {
    if (v === null) return;
    const x = x0 + w * k / (pts.length - 1), y = y0 + h - (max > min ? (v - min) / (max - min) : 0.5) * h;
    if (started) g.lineTo(x, y); else { g.moveTo(x, y); started = true; }
  });
  g.stroke();
}

/** Height of a strip row: the card grows with the lanes shown, up to a point, so their labels stay apart. */
const ROW_PX = 36, MIN_PX = 170, MAX_PX = 12 * ROW_PX;
const LINE_PX = 13, LABEL_PX = 92;

/**
 * The labels of one strip, as many lines as its row has room for: name, clock and queue, stalls, largest jump.
 * Rows too short for all four merge the last two, then drop them (a machine with stalls then shows its name in red).
 */
function labels(name, s, lines) {
  const grey = '#7a8397', red = '#a33';
  const last = v => v.filter(x => x !== null).at(-1) ?? 0;
  const stalls = { text: `stalls ${s.stalls}`, colour: s.stalls ? red : grey };
  const out = [{ text: name, colour: lines < 3 && s.stalls ? red : '#1d2330' },
               { text: `L ${int(last(s.l))} q ${int(last(s.q))}`, colour: grey }];
  if (lines >= 4) out.push(stalls, { text: `jump ≤ ${int(s.maxJump)}`, colour: grey });
  else if (lines === 3) out.push({ text: `${stalls.text} · jump ≤ ${int(s.maxJump)}`, colour: stalls.colour });
  return out.slice(0, Math.max(1, lines));
}

export function drawStrips(canvas, store, lanes, t0, t1) {
  const shown = lanes.slice(0, 12);
  canvas.style.height = Math.min(MAX_PX, Math.max(MIN_PX, shown.length * ROW_PX)) + 'px';
  const { g, w, h } = fit(canvas);
  g.clearRect(0, 0, w, h);
  if (!shown.length || !(t1 > t0)) return;
  const rowH = h / shown.length, stepS = (t1 - t0) / 1e6 / (POINTS - 1);
  const lines = Math.floor((rowH - 4) / LINE_PX);
  g.font = '11px system-ui, sans-serif'; g.textBaseline = 'top';
  const third = (w - 96) / 3;
  shown.forEach((m, row) => {
    const y0 = row * rowH + 2, hh = rowH - 6;
    const s = series(store, m, t0, t1);
    // ticks/s over about a second (at least one step), so single ticks do not show as spikes
    const win = Math.max(1, Math.min(POINTS - 1, Math.round(1 / stepS)));
    const rate = s.t.map((t, k) => k >= win && t !== null && s.t[k - win] !== null ? (t - s.t[k - win]) / (win * stepS) : null);
    g.textAlign = 'left';
    labels(store.name(m), s, lines).forEach((l, k) => {
      g.fillStyle = l.colour;
      g.fillText(l.text, 0, y0 + k * LINE_PX, LABEL_PX); // squeezed rather than spilling into the plot
    });
    line(g, s.l, 96, y0, third - 8, hh, colour(m));
    line(g, rate, 96 + third, y0, third - 8, hh, '#56607a', 0);
    line(g, s.q, 96 + 2 * third, y0, third - 8, hh, '#c0392b', 0);
    if (row === 0) {
      g.fillStyle = '#9aa3b5'; g.textAlign = 'right';
      g.fillText('clock', 96 + third - 10, y0); g.fillText('ticks/s', 96 + 2 * third - 10, y0); g.fillText('queue', w - 10, y0);
    }
  });
  if (lanes.length > shown.length) { g.fillStyle = '#7a8397'; g.textAlign = 'right'; g.fillText(`first ${shown.length} of ${lanes.length} lanes`, w - 4, h - 12); }
}

/** Spread of the Lamport clocks of the machines that have started, across the window. */
export function drawDrift(canvas, store, lanes, t0, t1) {
  const { g, w, h } = fit(canvas);
  g.clearRect(0, 0, w, h);
  if (!(t1 > t0)) return;
  const all = lanes.slice(0, 200).map(m => series(store, m, t0, t1).l);
  const drift = [];
  for (let p = 0; p < POINTS; p++) {
    let lo = Infinity, hi = -Infinity, n = 0;
    for (const s of all) if (s[p] !== null) { n++; lo = Math.min(lo, s[p]); hi = Math.max(hi, s[p]); }
    drift.push(n > 1 ? hi - lo : null);
  }
  const vals = drift.filter(v => v !== null), max = Math.max(1, ...vals);
  g.strokeStyle = '#e1e5ec'; g.strokeRect(34, 4, w - 38, h - 22);
  line(g, drift, 34, 4, w - 38, h - 22, '#c0392b', 0);
  g.fillStyle = '#7a8397'; g.font = '11px system-ui, sans-serif'; g.textAlign = 'right'; g.textBaseline = 'middle';
  g.fillText(int(max), 30, 8); g.fillText('0', 30, h - 18);
  g.textAlign = 'left'; g.textBaseline = 'bottom';
  g.fillText(`at the right edge ${int(vals.at(-1) ?? 0)} · max ${int(max)} · over ${((t1 - t0) / 1e6).toFixed(1)} s`, 36, h);
}
