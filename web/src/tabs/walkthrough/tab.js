// The Walk-through tab: what the walk-through shows and where to find it. The walk-through itself sits
// under the playground (slot.js, in ctx.playground.extraSlot), beside the network drawing it highlights.
import { PRESETS } from './presets.js';
import { el } from '../../views/dom.js';

export function mount(panel, ctx) {
  const open = async (presetName) => {
    ctx.state.set({ view: 'playground' });
    while (!ctx.playground) await new Promise((ok) => setTimeout(ok, 50)); // the playground mounts first
    const { mount: mountSlot } = await import('./slot.js');
    mountSlot(ctx.playground.extraSlot, ctx);
    if (presetName) {
      const select = document.getElementById('wt-preset');
      select.value = presetName;
      select.dispatchEvent(new Event('change'));
    }
    document.getElementById('wt-launch').scrollIntoView({ block: 'start' });
    document.getElementById('wt-step').focus();
  };
  const openButton = el('button', { type: 'button', className: 'primary', id: 'wt-open', textContent: 'Go to the walk-through' });
  openButton.addEventListener('click', () => open(''));
  const presets = Object.entries(PRESETS).map(([name, p]) => {
    const b = el('button', { type: 'button', textContent: p.title });
    b.dataset.preset = name;
    b.addEventListener('click', () => open(name));
    return el('li', {}, b);
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
