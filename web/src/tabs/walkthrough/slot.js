// The walk-through's launcher under the playground (mounted in ctx.playground.extraSlot): presets, the
// step size and "Step and walk through". The panel itself (KaTeX, the graph layout) loads on first use.
import { PRESETS, applyPreset } from './presets.js';
import './walkthrough.css';
import { el } from '../../views/dom.js';

let mounted = null; // mounted once, by the playground after its first step or by the Walk-through tab

export function mount(slot, ctx) {
  mounted ??= build(slot, ctx);
  return mounted;
}

function build(slot, ctx) {
  const bar = el('section', { className: 'wt-launch', id: 'wt-launch' });
  bar.setAttribute('aria-labelledby', 'wt-launch-title');
  const preset = el('select', { id: 'wt-preset' }, new Option('the current network', ''),
    ...Object.entries(PRESETS).map(([k, p]) => new Option(p.title, k)));
  const size = el('select', { id: 'wt-granularity' }, new Option('one sample', 'sample'), new Option('one batch', 'batch', true, true));
  const go = el('button', { type: 'button', id: 'wt-step', className: 'primary', textContent: 'Step and walk through' });
  const status = el('output', { id: 'wt-status' });
  bar.append(
    el('h2', { id: 'wt-launch-title', textContent: 'Walk through a training step' }),
    el('p', { className: 'wt-hint', textContent: 'One traced step of the engine: every node of the forward pass, then every gradient of the backward pass, with its rule, shapes and numbers.' }),
    el('div', { className: 'row' },
      el('label', { htmlFor: 'wt-preset', textContent: 'Network' }), preset,
      el('label', { htmlFor: 'wt-granularity', textContent: 'Step size' }), size, go, status),
  );
  const panelBox = el('div');
  slot.append(bar, panelBox);

  let panel = null;
  let loading = null;
  let lastKey = null;
  const loadPanel = () => {
    loading ??= import('./panel.js').then(({ createWalkthroughPanel }) => { panel = createWalkthroughPanel(panelBox, ctx); return panel; });
    return loading;
  };

  const note = el('p', { className: 'wt-hint', id: 'wt-preset-note', hidden: true });
  const published = el('div'); // a preset's published numbers beside the engine's (published_view.js)
  bar.append(note, published);
  preset.addEventListener('change', () => {
    const p = PRESETS[preset.value];
    if (p) size.value = p.granularity;
    note.textContent = p?.note ?? '';
    note.hidden = !p;
  });

  // One traced step with the chosen preset (or the current network); resolves with the panel.
  let appliedPreset = ''; // the preset the network was last set to (for "link to this stop")
  let appliedConfig = ''; // the network's config right after that preset's step
  const configNow = () => JSON.stringify(ctx.playground?.latest()?.snapshot?.config ?? null);
  async function step() {
    go.disabled = true;
    status.textContent = 'stepping…';
    try {
      loadPanel();
      const chosen = preset.value;
      const applied = PRESETS[chosen];
      const granularity = chosen ? await applyPreset(ctx, chosen) : size.value;
      if (chosen) preset.value = ''; // applied: the next step continues from here (the note stays)
      size.value = granularity;
      const trace = await ctx.playground.stepTraced(granularity); // emits 'trace', shown below
      if (chosen) { appliedPreset = chosen; appliedConfig = configNow(); }
      published.replaceChildren();
      if (applied?.published === 'mazur') await (await import('./published_view.js')).showMazur(published, ctx, trace);
      status.textContent = '';
      const p = await loadPanel();
      p.focus();
      return p;
    } catch (e) {
      status.textContent = '';
      ctx.message.show(e.message, 'error');
      return null;
    } finally {
      go.disabled = false;
    }
  }
  go.addEventListener('click', step);
  // The preset behind the current network, while it still matches it ('' otherwise).
  ctx.walkthroughPreset = () => (appliedPreset && configNow() === appliedConfig ? appliedPreset : '');

  let tracedAt = null; // the step counter right after the traced step
  ctx.bus.addEventListener('trace', async (e) => {
    tracedAt = e.detail.snapshot?.metrics?.step ?? null;
    const p = await loadPanel();
    p.show(e.detail.trace);
    p.setStale(false);
    // Wide screens: the walk-through beside the network drawing it highlights (styles: .play-area.wt-active).
    if (!ctx.playground.playArea.classList.contains('wt-active')) {
      ctx.playground.playArea.classList.add('wt-active');
      window.dispatchEvent(new Event('resize')); // the network drawing takes its new width
    }
    if (lastKey) p.selectWeight(lastKey);
  });
  // Training on (or a new network) makes the shown step history: say so.
  ctx.bus.addEventListener('snapshot', (e) => {
    if (panel?.trace && tracedAt !== null) panel.setStale(e.detail.snapshot.metrics.step !== tracedAt);
  });
  // A weight clicked in the network drawing: its chain of factors right under the drawing.
  ctx.bus.addEventListener('select', (e) => {
    lastKey = e.detail.key;
    if (!panel?.trace) return;
    panel.selectWeight(lastKey);
    if (panel.chainSection.parentElement !== ctx.playground.chainSlot) ctx.playground.chainSlot.append(panel.chainSection);
  });
  return {
    open: loadPanel,
    step,
    choose(name) {
      preset.value = name;
      preset.dispatchEvent(new Event('change'));
    },
  };
}
