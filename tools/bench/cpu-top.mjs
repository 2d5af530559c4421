// Top frames of a V8 .cpuprofile (from `node tools/bench/run.mjs --cpu-prof`): self time by function and
// by package.   node tools/bench/cpu-top.mjs <file.cpuprofile> [top=20]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) { console.error('usage: node tools/bench/cpu-top.mjs <file.cpuprofile> [top]'); process.exit(2); }
const top = Number(topArg ?? 20);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
const totalUs = profile.endTime - profile.startTime;
const byFrame = new Map();
const byPackage = new Map();
const packageOf = (url) => {
  if (!url) return '(native/vm)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node core';
  if (url.includes('dist/apps')) return 'pulse (app bundle)';
  return url;
};
for (const [id, us] of selfUs) {
  const { callFrame: f } = byId.get(id);
  const key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${f.lineNumber + 1}` : ''}`;
  byFrame.set(key, (byFrame.get(key) ?? 0) + us);
  const pkg = ['(idle)', '(program)', '(garbage collector)'].includes(f.functionName) ? f.functionName : packageOf(f.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}
const show = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `${((100 * us) / totalUs).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`).join('\n');
console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s profiled\n\nself time by package:\n${show(byPackage)}\n\nself time by function:\n${show(byFrame)}`);
