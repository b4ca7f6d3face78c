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

  go.addEventListener('click', async () => {
    go.disabled = true;
    status.textContent = 'stepping…';
    try {
      loadPanel();
      const applied = PRESETS[preset.value];
      const granularity = preset.value ? await applyPreset(ctx, preset.value) : size.value;
      if (preset.value) preset.value = ''; // applied: the next step continues from here (the note stays)
      size.value = granularity;
      const trace = await ctx.playground.stepTraced(granularity); // emits 'trace', shown below
      published.replaceChildren();
      if (applied?.published === 'mazur') await (await import('./published_view.js')).showMazur(published, ctx, trace);
      status.textContent = '';
      (await loadPanel()).focus();
    } catch (e) {
      status.textContent = '';
      ctx.message.show(e.message, 'error');
    } finally {
      go.disabled = false;
    }
  });

  let tracedAt = null; // the step counter right after the traced step
  ctx.bus.addEventListener('trace', async (e) => {
    tracedAt = e.detail.snapshot?.metrics?.step ?? null;
    const p = await loadPanel();
    p.show(e.detail.trace);
    p.setStale(false);
    if (lastKey) p.selectWeight(lastKey);
  });
  // Training on (or a new network) makes the shown step history: say so.
  ctx.bus.addEventListener('snapshot', (e) => {
    if (panel?.trace && tracedAt !== null) panel.setStale(e.detail.snapshot.metrics.step !== tracedAt);
  });
  ctx.bus.addEventListener('select', (e) => {
    lastKey = e.detail.key;
    if (panel?.trace) panel.selectWeight(lastKey);
  });
  return { open: loadPanel };
}
