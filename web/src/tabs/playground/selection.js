// The weight or bias selected in the network drawing, shown right under it: its value and gradient,
// an "Edit value" button (editing is a deliberate second step), and a slot where the walk-through puts
// the chain of factors of that entry. Draws what it is given; the engine does the edit.
import { el, fourDigits as fmt } from '../../views/dom.js';

export function createSelection(container, { readout, onEdit }) {
  const box = el('div', { className: 'selection', id: 'weight-selection', hidden: true });
  box.setAttribute('aria-live', 'polite');
  const text = el('span', { id: 'weight-selection-text' });
  const edit = el('button', { type: 'button', id: 'edit-weight', textContent: 'Edit value' });
  const input = el('input', { type: 'number', step: 'any', required: true, id: 'weight-value' });
  const label = el('label', { htmlFor: 'weight-value' });
  const ok = el('button', { type: 'submit', textContent: 'Set' });
  const cancel = el('button', { type: 'button', textContent: 'Cancel' });
  const form = el('form', { className: 'editor', hidden: true }, label, input, ok, cancel);
  const chainSlot = el('div', { className: 'selection-chain' });
  const hint = el('p', { className: 'wt-hint', id: 'weight-selection-hint',
    textContent: 'Its gradient as a chain of factors appears here once a step is traced ("Step and walk through", below the playground).' });
  box.append(el('div', { className: 'row' }, text, edit), form, hint, chainSlot);
  container.append(box);
  let key = null;

  function refresh() {
    const r = key && readout(key);
    if (!r) return;
    text.textContent = `${r.name} = ${fmt(r.value)} · ∂loss/∂${r.name} = ${fmt(r.grad)}`;
    label.textContent = `${r.name} = `;
  }
  edit.addEventListener('click', () => {
    const r = readout(key);
    input.value = String(r.value);
    form.hidden = false;
    input.focus();
    input.select();
  });
  const close = () => { form.hidden = true; edit.focus(); };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = Number(input.value);
    if (!Number.isFinite(v)) return;
    onEdit({ ...key, value: v });
    close();
  });
  cancel.addEventListener('click', close);
  form.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });

  return {
    chainSlot,
    select(k) {
      key = k;
      form.hidden = true;
      box.hidden = false;
      refresh();
      queueMicrotask(() => { hint.hidden = chainSlot.childElementCount > 0; }); // after the walk-through answers
    },
    refresh,
  };
}
