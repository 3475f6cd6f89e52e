// Wires the page: the WebSocket stream, the views, the time controls, the filters, the controls panel,
// and a small hook (window.__clockscope) that browser tests and the frame-time benchmark use.
import { Store } from './store.js';
import { SpaceTime, LARGE_RUN } from './spacetime.js';
import { Graph } from './graph.js';
import { drawStrips, drawDrift } from './strips.js';
import { partition } from './causal.js';
import { chainTo, summary } from './chain.js';
import { int, seconds, esc, kindClass } from './format.js';

const $ = id => document.getElementById(id);
const fragment = new URLSearchParams(location.hash.slice(1));
const token = fragment.get('token') || '';
// #token=...&select=machine:line[@incarnation] opens with that event selected (a link to an event); &x=lamport
let pendingSelect = fragment.get('select');
const store = new Store();
const st = new SpaceTime($('spacetime'), store, select);
const graph = new Graph($('graph'), store);
let ws = null, nextId = 1, playing = false, lastMessage = null, selection = null;
const frames = { dt: [], draw: [], last: 0 };

// ---- stream ----
function connect() {
  if (!token) { status('lost', 'no token in the address (#token=...)'); return; }
  ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/stream?token=' + encodeURIComponent(token));
  ws.onopen = () => status('', 'connected');
  ws.onclose = () => status(store.run.mode === 'live' ? 'ended' : 'lost', store.run.mode === 'live' ? 'stream ended (the run is over; data kept)' : 'disconnected');
  ws.onmessage = ev => receive(JSON.parse(ev.data));
}

function receive(msg) {
  switch (msg.type) {
    case 'run':
      if (msg.generation !== store.run.generation) { store.reset(msg); selection = null; st.selected = null; st.chain = null; st.chainVia = null; st.live = true; fitted = false; showDetails(); }
      store.run = msg; store.setMachines(msg.machines);
      $('title').textContent = msg.title;
      status(msg.mode === 'live' || msg.mode === 'follow' ? 'live' : '', msg.mode);
      fillMachineLists(); buildControls();
      break;
    case 'events': store.addFrame(msg); break;
    case 'stats': store.addStats(msg); counters(msg); break;
    case 'warnings': $('warnings').innerHTML = msg.messages.map(m => `<li>${esc(m)}</li>`).join(''); break;
    case 'ack': case 'error': reply(msg); break;
  }
}

function status(cls, text) { const b = $('mode'); b.className = 'badge ' + cls; b.textContent = text; }

function counters(s) {
  const prev = store.stats.at(-11) || store.stats[0];
  // per second of the run's own (wall) time between the two samples; the page's clock when that stands still
  const dWall = (Number(s.wall) - Number(prev.wall)) / 1e6, dt = dWall > 0 ? dWall : (s.at - prev.at) / 1000;
  $('c-rate').textContent = dt > 0 ? int((Number(s.published) - Number(prev.published)) / dt) : '0';
  $('c-published').textContent = int(s.published);
  const countedOnly = s.machines.reduce((a, m) => a + Number(m.co || 0), 0);
  // with lines counted but not parsed, sends and receives are no longer all known: no in-flight figure
  $('c-inflight').textContent = countedOnly ? 'n/a' : int(s.links.reduce((a, l) => a + l[5], 0));
  $('c-undelivered').textContent = int(s.machines.reduce((a, m) => a + Number(m.u), 0));
  $('c-page').textContent = int(store.count);
  $('c-skipped').textContent = int(Number(s.skipped) + countedOnly);
}

// ---- selection: clocks and the causal past / future ----
function select(e) {
  selection = e;
  st.selected = e;
  const chain = e ? chainTo(store, e) : [];
  st.chain = new Set(chain);
  st.chainVia = new Set(chain.filter((x, k) => k > 0 && x.src === chain[k - 1])); // receives it enters by message
  showDetails();
}

/** This page's address with the event selected: what a user copies to point someone at it. */
function linkTo(e) {
  const f = new URLSearchParams(location.hash.slice(1));
  f.set('select', store.id(e));
  return '#' + f.toString();
}

function showDetails() {
  const e = selection, d = $('details');
  if (!e) { d.className = 'details muted'; d.textContent = 'click an event in the diagram'; return; }
  const rows = [['machine', store.name(e.m)], ['event', e.k + ' (log line ' + e.n + ')'],
    ['link', '<span><a href="' + esc(linkTo(e)) + '">select=' + esc(store.id(e)) + '</a></span>'],
    ['wall time', new Date(e.w / 1000).toISOString() + ' (+' + seconds(e.w - store.minWall) + ')']];
  if (e.t !== undefined && !e.life) rows.push(['tick', int(e.t)]);
  if (!e.life) rows.push(['Lamport clock', int(e.l)]);
  if (e.v) rows.push(['vector clock', '<span class="vec">[' + e.v.map((x, i) => esc(store.name(i)) + ': ' + int(x)).join(', ') + ']</span>']);
  // HLC: l is physical µs (a string: beyond 2^53 soon), c the logical counter
  if (e.h) rows.push(['hybrid logical clock', '[' + esc(String(e.h[0])) + ', ' + int(e.h[1]) + '] (l = ' + new Date(Number(e.h[0]) / 1000).toISOString() + ')']);
  if (e.q !== undefined) rows.push(['queue', int(e.q)]);
  if (e.k === 'send') rows.push(['message', 'to ' + e.to.map(i => store.name(i)).join(', ') + ', seq ' + int(e.s)]);
  if (e.k === 'receive') {
    rows.push(['message', 'from ' + store.name(e.f) + ', seq ' + int(e.s) + ', its clock ' + int(e.ml)]);
    rows.push(['waited', ((e.w - e.a) / 1000).toFixed(1) + ' ms in the queue']);
  }
  if (e.k === 'start') { rows.push(['seed', e.seed]); rows.push(['incarnation', e.inc]); rows.push(['ticks/s', e.tps === 0 ? 'max' : e.tps]); }
  if (e.k === 'stall') rows.push(['missed ticks', int(e.x)]);
  if (e.k === 'undelivered') rows.push(['message', 'to ' + store.name(e.u) + ', seq ' + int(e.s) + ': ' + e.r]);
  if (e.p !== undefined) rows.push(['peer', store.name(e.p)]);
  if (e.r !== undefined && e.k === 'stop') rows.push(['reason', e.r]);
  let causal = '';
  if (e.v) {
    const p = partition(store, e);
    causal = `<p>On this page: <b>${p.past.length}</b> in its causal past, <b>${p.future.length}</b> in its future, <b>${p.concurrent.length}</b> concurrent.</p>`;
    const c = summary(chainTo(store, e));
    causal += `<p class="chain-note">Longest causal chain to it on this page: <b>${int(c.events)}</b> events across ${c.machines} machine(s), ${int(c.messages)} message(s) (ringed in gold).</p>`;
  }
  d.className = 'details';
  d.innerHTML = '<table>' + rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${typeof v === 'string' && v.startsWith('<span') ? v : esc(v)}</td></tr>`).join('') + '</table>' + causal;
}

// ---- filters ----
/** The machines lists and controls offer: all of them, or the first LARGE_RUN of a large run (its watched ones). */
function listed() {
  return store.machines.slice(0, LARGE_RUN);
}

function fillMachineLists() {
  const opts = '<option value="">any</option>' + listed().map((m, i) => `<option value="${i}">${esc(m)}</option>`).join('');
  for (const id of ['f-machine', 'f-peer']) { const s = $(id), v = s.value; s.innerHTML = opts; s.value = v; }
  const plain = listed().map((m, i) => `<option value="${i}">${esc(m)}</option>`).join('');
  for (const id of ['l-from', 'l-to']) { const s = $(id), v = s.value; s.innerHTML = plain; s.value = v || (id === 'l-to' && store.machines.length > 1 ? '1' : '0'); }
}

function parseLanes(text) {
  if (!text.trim()) return null;
  const set = new Set();
  for (const part of text.split(',')) {
    const [a, b] = part.split('-').map(x => parseInt(x, 10));
    if (isNaN(a)) continue;
    for (let k = a; k <= (isNaN(b) ? a : b) && k - a < 100000; k++) set.add(k - 1);
  }
  return set;
}

function applyFilters() {
  const m = $('f-machine').value, k = $('f-kind').value, p = $('f-peer').value;
  const mi = m === '' ? -1 : +m, pi = p === '' ? -1 : +p;
  st.filter = (m === '' && k === '' && p === '') ? null : e =>
    (mi < 0 || e.m === mi) && (k === '' || kindClass(e.k) === k) &&
    (pi < 0 || e.f === pi || (e.to && e.to.includes(pi)) || e.p === pi || e.u === pi);
  st.lanesShown = parseLanes($('f-lanes').value);
  let n = 0;
  if (st.filter) for (const lane of store.lanes) for (const e of lane) if (st.filter(e)) n++;
  $('filter-count').textContent = st.filter ? `${int(n)} match` : '';
}
for (const id of ['f-machine', 'f-kind', 'f-peer']) $(id).addEventListener('change', applyFilters);
$('f-lanes').addEventListener('change', applyFilters);

// ---- time: live, slider, playback ----
$('x-mode').addEventListener('change', ev => st.setMode(ev.target.value));
$('btn-live').addEventListener('click', () => { st.live = true; playing = false; });
$('btn-play').addEventListener('click', () => {
  playing = !playing;
  if (playing) { st.live = false; if (st.end >= st.head()) st.end = st.min() + st.span; }
});
$('slider').addEventListener('input', ev => {
  st.live = false; playing = false;
  const min = st.min(), head = st.head();
  st.end = min + (head - min) * ev.target.value / 1000 + st.span * 0.02;
});

function advance(dtMs) {
  if (!playing) return;
  const speed = +$('speed').value;
  const perMs = st.mode === 'wall' ? 1000 : (store.maxLamport / Math.max(1, (store.maxWall - store.minWall) / 1000));
  st.end += dtMs * speed * perMs;
  if (st.end >= st.head()) { playing = false; st.live = true; }
}

function syncTimeUi() {
  $('btn-live').className = st.live ? 'on' : '';
  $('btn-play').textContent = playing ? '❚❚ pause' : '▶ play';
  const min = st.min(), head = st.head();
  if (head > min && document.activeElement !== $('slider')) $('slider').value = Math.round(1000 * Math.min(1, (st.end - st.span * 0.02 - min) / (head - min)));
  $('slider-label').textContent = st.mode === 'wall' && isFinite(min) ? '+' + seconds(Math.max(0, st.end - min)) : 'L ' + int(st.end);
}

// ---- controls ----
function send(msg) {
  const id = nextId++;
  ws.send(JSON.stringify({ type: 'control', id, token, ...msg }));
  return id;
}

function reply(msg) {
  lastMessage = msg;
  const r = $('control-reply');
  r.className = 'reply ' + (msg.type === 'ack' ? 'ok' : 'err');
  r.textContent = msg.message;
}

function buildControls() {
  $('controls-card').hidden = !store.run.controls;
  if (!store.run.controls) return;
  $('controls').innerHTML = listed().map(m => `<div class="m"><span>${esc(m)}</span>` +
    ['pause', 'resume', 'kill', 'restart'].map(a => `<button data-action="${a}" data-machine="${esc(m)}">${a}</button>`).join('') + '</div>').join('');
  for (const b of $('controls').querySelectorAll('button')) b.addEventListener('click', () => send({ action: b.dataset.action, machine: b.dataset.machine }));
}
for (const b of document.querySelectorAll('button[data-link]')) {
  b.addEventListener('click', () => {
    const msg = { action: b.dataset.link, from: store.name(+$('l-from').value), to: store.name(+$('l-to').value) };
    if (msg.action === 'delay') msg.delayMillis = parseInt($('l-delay').value, 10);
    if (msg.action === 'loss') msg.probability = parseFloat($('l-loss').value);
    send(msg);
  });
}

// ---- frames ----
let version = -1, forced = false, fitted = false, lastViewKey = '', sideDrawn = 0;
function frame(now) {
  const dt = frames.last ? now - frames.last : 0;
  frames.last = now;
  advance(dt);
  const t0 = performance.now();
  st.draw();
  if (!fitted && store.count && store.run.mode === 'finished') { fitted = true; st.resetView(); }
  if (pendingSelect && store.count) {
    const e = store.findId(pendingSelect);
    if (e) { pendingSelect = null; select(e); }
  }
  const viewKey = st.end + ':' + st.span + ':' + st.mode;
  // the side views follow at most 10 times a second: the diagram alone gets every frame
  if ((store.version !== version || forced || viewKey !== lastViewKey) && now - sideDrawn >= 100) {
    version = store.version; lastViewKey = viewKey; forced = false; sideDrawn = now;
    const t1 = st.mode === 'wall' ? st.end : store.maxWall, t0 = st.mode === 'wall' ? st.end - st.span : store.minWall;
    graph.draw(st.live && store.run.mode !== 'finished', Math.max(t0, store.minWall), Math.min(t1, store.maxWall));
    drawStrips($('strips'), store, st.lanes(), Math.max(t0, store.minWall), Math.min(t1, store.maxWall));
    drawDrift($('drift'), store, st.lanes(), Math.max(t0, store.minWall), Math.min(t1, store.maxWall));
    if (selection) showDetails();
  } else if (graph.particles.length) graph.draw(st.live && store.run.mode !== 'finished', st.end - st.span, st.end);
  const drawMs = performance.now() - t0;
  if (dt) { frames.dt.push(dt); frames.draw.push(drawMs); if (frames.dt.length > 1200) { frames.dt.shift(); frames.draw.shift(); } }
  syncTimeUi();
  requestAnimationFrame(frame);
}

// ---- test hook and benchmark ----
function ids(list) { return list.map(e => store.id(e)).sort(); }

function synthetic(n, machines) {
  // a deterministic 3-machine run: every 4th event a send to the next machine, received 2 ms later
  store.reset({ machines: Array.from({ length: machines }, (_, i) => 'machine_' + (i + 1)), mode: 'finished', title: 'synthetic', controls: false, generation: -1 });
  const v = Array.from({ length: machines }, () => new Array(machines).fill(0));
  const t0 = 1.7e15, evs = [];
  for (let k = 0; k < n; k++) {
    const m = k % machines, w = t0 + k * 100;
    v[m][m]++;
    const e = { i: k, m, n: k + 1, w, t: k, l: v[m].reduce((a, b) => a + b, 0), v: v[m].slice(), q: 0 };
    if (k % 4 === 0) { e.k = 'send'; e.to = [(m + 1) % machines]; e.s = k; } else e.k = 'internal';
    evs.push(e);
  }
  store.addFrame({ events: evs, skipped: 0 });
  st.live = false; st.resetView();
}

function measure(count) {
  return new Promise(resolve => {
    const start = frames.dt.length;
    const span0 = st.span, end0 = st.end;
    let k = 0;
    function step() {
      k++;
      st.span = span0 * (0.5 + 0.5 * Math.abs(Math.sin(k / 40)));    // zoom in and out
      st.end = end0 - span0 * 0.3 * Math.abs(Math.sin(k / 25));       // and pan
      if (k < count) requestAnimationFrame(step);
      else {
        const dt = frames.dt.slice(start).sort((a, b) => a - b), dr = frames.draw.slice(start).sort((a, b) => a - b);
        const q = (a, p) => a[Math.min(a.length - 1, Math.floor(p * a.length))];
        resolve({ frames: dt.length, inView: st.inView, lodLanes: st.lodLanes,
          frameMsP50: q(dt, 0.5), frameMsP95: q(dt, 0.95), frameMsMax: dt.at(-1),
          drawMsP50: q(dr, 0.5), drawMsP95: q(dr, 0.95), fps: 1000 / (dt.reduce((a, b) => a + b, 0) / dt.length) });
      }
    }
    requestAnimationFrame(step);
  });
}

window.__clockscope = {
  eventCount: () => store.count,
  machines: () => store.machines.slice(),
  run: () => ({ mode: store.run.mode, controls: store.run.controls, title: store.run.title }),
  published: () => Number(store.stats.at(-1)?.published ?? 0),
  spanSeconds: () => store.count ? (store.maxWall - store.minWall) / 1e6 : 0,
  lines: (machine, kind) => store.lanes[store.machines.indexOf(machine)]?.filter(e => !kind || e.k === kind).map(e => e.n) ?? [],
  position: (machine, line, incarnation) => { const e = store.find(machine, line, incarnation); return e ? st.position(e) : null; },
  select: id => { const e = store.findId(id); if (e) select(e); return e ? store.id(e) : null; },
  incarnations: machine => store.lanes[store.machines.indexOf(machine)]?.filter(e => e.k === 'start').map(e => e.inc) ?? [],
  selection: () => {
    if (!selection) return null;
    const p = selection.v ? partition(store, selection) : { past: [], future: [], concurrent: [] };
    return { event: store.id(selection), past: ids(p.past), future: ids(p.future), concurrent: ids(p.concurrent),
      chain: chainTo(store, selection).map(e => store.id(e)), details: $('details').innerText };
  },
  gapMillis: (machine, afterKind) => {
    // the longest time between two consecutive tick events of the machine, in ms, on this page
    const lane = store.lanes[store.machines.indexOf(machine)] || [];
    let best = 0, prev = null;
    for (const e of lane) { if (e.life) continue; if (prev) best = Math.max(best, (e.w - prev.w) / 1000); prev = e; }
    return best;
  },
  marks: () => store.marks.map(e => ({ machine: store.name(e.m), action: e.a, detail: e.d })),
  lastMessage: () => lastMessage,
  sendControl: msg => send(msg),
  sendRaw: text => ws.send(text),
  synthetic: (n, machines) => { synthetic(n, machines || 3); return store.count; },
  measure,
};

window.addEventListener('resize', () => { forced = true; });
// a link to an event followed on this page (the details' own link) selects it without a reload
window.addEventListener('hashchange', () => { pendingSelect = new URLSearchParams(location.hash.slice(1)).get('select'); });
if (fragment.get('x') === 'lamport') { $('x-mode').value = 'lamport'; st.setMode('lamport'); }
connect();
requestAnimationFrame(frame);
