// The Walk-through tab: what the walk-through shows and where to find it. The walk-through itself sits
// under the playground (slot.js, in ctx.playground.extraSlot), beside the network drawing it highlights.
// A link #view=walkthrough&preset=<name>&stop=<k> opens a preset, takes its traced step and shows stop k.
import { PRESETS } from './presets.js';
import { formatHash, defaults } from '../../state/url_state.js';
import { el } from '../../views/dom.js';

export function mount(panel, ctx) {
  const open = async (presetName) => {
    ctx.state.set({ view: 'playground' });
    while (!ctx.playground) await new Promise((ok) => setTimeout(ok, 50)); // the playground mounts first
    const { mount: mountSlot } = await import('./slot.js');
    const slot = mountSlot(ctx.playground.extraSlot, ctx);
    if (presetName) slot.choose(presetName);
    document.getElementById('wt-launch').scrollIntoView({ block: 'start' });
    document.getElementById('wt-step').focus();
    return slot;
  };
  // A walk-through link (opened, or followed while the page is open): read, then the rows are cleared
  // (the page's own state takes over).
  function followLink() {
    const { preset: linkedPreset, stop: linkedStop } = ctx.state.get();
    if (!linkedPreset && !linkedStop) return;
    ctx.state.set({ preset: '', stop: 0 });
    if (linkedPreset && !PRESETS[linkedPreset]) {
      ctx.message.show(`There is no walk-through preset '${linkedPreset}'; the presets are ${Object.keys(PRESETS).join(', ')}. The current network is used.`, 'note');
    }
    open(PRESETS[linkedPreset] ? linkedPreset : '')
      .then((slot) => slot.step())
      .then((panel) => panel?.go(linkedStop));
  }
  ctx.state.subscribe((s, changed) => { if (changed.includes('preset') || changed.includes('stop')) followLink(); });
  followLink();
  const openButton = el('button', { type: 'button', className: 'primary', id: 'wt-open', textContent: 'Go to the walk-through' });
  openButton.addEventListener('click', () => open(''));
  const presets = Object.entries(PRESETS).map(([name, p]) => {
    const b = el('button', { type: 'button', textContent: p.title });
    b.dataset.preset = name;
    b.addEventListener('click', () => open(name));
    // A link a teacher can copy: it opens this preset's traced step at its first stop.
    const link = el('a', { href: formatHash({ ...defaults(), view: 'walkthrough', preset: name }), textContent: 'link' });
    link.dataset.preset = name;
    return el('li', {}, b, ' · ', link);
  });
  panel.append(el('div', { className: 'column wt-intro' },
    el('h2', { textContent: 'Backprop, step by step' }),
    el('p', { textContent: 'The walk-through replays one real training step of the engine: every node of the forward pass with its value and shape, then every gradient of the backward pass as upstream gradient × local Jacobian = downstream gradient, with the rule of the paper that gives it and a finite-difference check. Click any weight in the network drawing to see its gradient as a chain of factors from the loss down to it.' }),
    el('p', { textContent: 'It sits under the playground, next to the network drawing it highlights. Press "Step and walk through" there.' }),
    openButton,
    el('h3', { textContent: 'Presets' }),
    el('ul', {}, ...presets)));
  return { show() {}, hide() {} };
}
