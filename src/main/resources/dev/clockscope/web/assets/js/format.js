// Small text helpers shared by the page's modules.
export function int(n) {
  if (typeof n === 'string') return n; // a 64-bit value sent as a string: shown exactly as sent
  return Math.round(n).toLocaleString('en-US');
}

export function seconds(micros) {
  const s = micros / 1e6;
  return (Math.abs(s) >= 100 ? s.toFixed(1) : s.toFixed(3)) + ' s';
}

export function esc(s) {
  return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** A canvas sized for the device's pixels; returns its 2D context scaled to CSS pixels. */
export function fit(canvas) {
  const r = canvas.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(r.width * dpr)), h = Math.max(1, Math.round(r.height * dpr));
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { g, w: r.width, h: r.height };
}

export const KIND_COLOURS = { send: '#2f6fdb', receive: '#1f8a4c', internal: '#9aa3b5', life: '#d9822b', mark: '#8e44ad' };

export function kindClass(k) {
  return k === 'send' || k === 'receive' || k === 'internal' || k === 'mark' ? k : 'life';
}
