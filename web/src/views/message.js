// A message line for the learner: errors (a diverged run, a bad import) and notes. Screen readers
// hear it (role=alert for errors, role=status otherwise); it can be dismissed.
export function createMessage(container) {
  const box = document.createElement('div');
  box.className = 'message';
  box.hidden = true;
  const text = document.createElement('span');
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => { box.hidden = true; });
  box.append(text, close);
  container.append(box);
  return {
    show(message, kind = 'error') {
      box.className = `message ${kind}`;
      box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
      text.textContent = message;
      box.hidden = false;
    },
    clear() { box.hidden = true; },
    get text() { return box.hidden ? '' : text.textContent; },
  };
}
