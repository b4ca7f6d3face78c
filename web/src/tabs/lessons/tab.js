// The Lessons tab: one lesson per rule of the paper, sections 2 to 6 (lessons.js). Each shows a short text, the
// lesson's program at a point, and per rule the engine's derivative beside the paper's closed form,
// both computed by the engine (run_lesson.js). "Try another point" walks the lesson's list of points;
// "Paper check" runs every lesson at every point. The URL's `lesson` row is the lesson's number.
import '../calculator/calculator.css';
import './lessons.css';
import { renderTex } from '../../views/math.js';
import { answerTex } from '../calculator/answer.js';
import { formatHash } from '../../state/url_state.js';
import { LESSONS, lessonByItem } from './lessons.js';
import { runLesson, paperCheck, pointText, valueText } from './run_lesson.js';
import { derivationView } from './derivation_view.js';
import { el, shortNumber as fmt } from '../../views/dom.js';


// A paragraph with inline TeX between $...$ signs.
function paragraph(text, jobs) {
  const p = el('p');
  text.split(/\$([^$]+)\$/).forEach((part, k) => {
    if (k % 2 === 0) { p.append(part); return; }
    const span = el('span', { className: 'inline-math' });
    jobs.push(renderTex(span, part));
    p.append(span);
  });
  return p;
}

// The engine's tolerance of the closed-form comparison, as its answer states it.
const tolerance = (run) => run.checks.find((c) => c.closed)?.closed.tolerance ?? 'the engine\u2019s tolerance';

// A matrix of the answer as the language writes it (1, a column [1, 0, 1], or rows [[1, 2], [3, 4]]).
const languageText = (m) => valueText(m.rows * m.cols === 1 ? m.data[0][0] : m.cols === 1 ? m.data.map((row) => row[0]) : m.data);

const matrix = (m) => answerTex(m, { maxRows: 6, maxCols: 6, digits: 6 }); // m: the engine's { rows, cols, data }

export function mount(panel, ctx) {
  const { state, client } = ctx;
  const calc = (request) => client.call('calculate', { request });
  panel.replaceChildren();

  // ---- the list of lessons and the paper check
  const nav = el('nav', { className: 'lesson-nav calc-card' });
  nav.setAttribute('aria-label', 'Lessons');
  const list = el('ol', { className: 'lesson-list' });
  const buttons = new Map();
  for (const lesson of LESSONS) {
    const b = el('button', { type: 'button', className: 'lesson-link', textContent: lesson.title });
    b.dataset.item = String(lesson.item);
    b.addEventListener('click', () => state.set({ lesson: String(lesson.item) }));
    buttons.set(lesson.item, b);
    list.append(el('li', { value: lesson.item }, b));
  }
  const checkButton = el('button', { type: 'button', id: 'paper-check', textContent: 'Paper check: run every lesson' });
  const checkResult = el('output', { id: 'paper-check-result', className: 'paper-check-result' });
  const checkList = el('ul', { className: 'paper-check-list' });
  nav.append(el('h2', { textContent: 'Lessons' }), list, checkButton, checkResult, checkList);

  const article = el('article', { className: 'lesson calc-card', id: 'lesson' });
  panel.append(el('div', { className: 'lessons-grid' }, nav, article));

  let current = null; // { lesson, index }
  const openLesson = (item) => state.set({ lesson: String(item) });
  let generation = 0;

  async function show(lesson, index) {
    const mine = ++generation;
    current = { lesson, index };
    for (const [item, b] of buttons) {
      if (item === lesson.item) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    article.dataset.state = 'busy';
    article.setAttribute('aria-busy', 'true');
    // The first lesson waits for the calculator's module (downloaded on first use): say so meanwhile.
    if (!article.firstChild) article.append(el('p', { className: 'calc-caption', textContent: 'Running the lesson in the engine…' }));
    const run = await runLesson(calc, lesson, index);
    if (mine !== generation) return;
    current.index = run.index;
    const jobs = [];

    const next = el('button', { type: 'button', id: 'lesson-next-point', textContent: 'Try another point' });
    next.addEventListener('click', () => show(lesson, run.index + 1));
    const expr = run.source;
    const tryIt = el('a', { id: 'lesson-try', href: formatHash({ ...state.get(), view: 'calculator', expr }), textContent: 'Try it in the calculator' });
    tryIt.addEventListener('click', (e) => { e.preventDefault(); state.set({ view: 'calculator', expr }); });

    // No answer at all (the calculator's module could not be loaded): said once, with a way to try again,
    // instead of a card per rule repeating it or a verdict of disagreement.
    const unanswered = run.checks.every((c) => !c.engine) ? run.checks[0]?.error : null;
    const checks = el('div', { className: 'lesson-checks' });
    if (!unanswered) for (const c of run.checks) checks.append(checkCard(c, jobs));

    const agreeing = run.checks.filter((c) => c.agree).length;
    const summary = el('p', { id: 'lesson-summary', className: `badge ${run.agree ? 'pass' : 'fail'}`,
      textContent: unanswered ? String(unanswered)
        : `${agreeing}/${run.checks.length} rules: the engine agrees with the paper at this point` });
    if (unanswered) {
      summary.setAttribute('role', 'alert');
      const retry = el('button', { type: 'button', id: 'lesson-retry', textContent: 'Try again' });
      retry.addEventListener('click', () => show(lesson, run.index));
      summary.append(' ', retry);
    }
    article.replaceChildren(
      el('p', { className: 'lesson-item', textContent: `The paper, section ${lesson.section}` }),
      el('h2', { id: 'lesson-title', textContent: lesson.title }),
      ...lesson.text.map((t) => paragraph(t, jobs)),
      el('h3', { textContent: 'The program' }),
      el('pre', { className: 'lesson-source', id: 'lesson-source' }, el('code', { textContent: expr })),
      el('div', { className: 'row lesson-point' },
        el('span', { id: 'lesson-point', textContent: `Point ${run.index + 1} of ${lesson.points.length}: ${pointText(lesson, run.point)}` }),
        next, tryIt),
      summary,
      checks,
      unanswered ? '' : el('p', { className: 'calc-caption', textContent: `Everything here is computed by the engine: the numbers on the left by differentiating the program, those on the right by evaluating the paper's formula written in the same language, the verdict by comparing them (they agree when no entry differs by more than ${tolerance(run)} \u00d7 max(1, |the paper's entry|)), and the closed form below them by deriving it symbolically with the paper's rules.` }));
    article.dataset.item = String(lesson.item);
    article.dataset.point = String(run.index);
    await Promise.all(jobs);
    if (mine === generation) {
      article.dataset.state = 'done';
      article.removeAttribute('aria-busy');
    }
  }

  function checkCard(c, jobs) {
    const card = el('section', { className: 'lesson-check' });
    card.dataset.agree = String(c.agree);
    // The heading is typeset; its name in words is the derivative the program computes.
    const head = el('h4', {});
    head.setAttribute('aria-label', `The derivative of ${c.check.output} by ${c.check.wrt.join(' and ')}`);
    jobs.push(renderTex(head, `\\displaystyle ${c.check.label}`));
    card.append(head);
    if (!c.engine || !c.closed?.value) {
      card.append(el('p', { className: 'badge fail', textContent: `The engine reported: ${c.why || c.error}` }));
      return card;
    }
    card.dataset.engine = JSON.stringify(c.engine.value);
    card.dataset.closed = JSON.stringify(c.closed.value);
    const engineBox = el('div', { className: 'calc-math' });
    const closedBox = el('div', { className: 'calc-math' });
    const { rows, cols } = c.engine.value; // shapes are numbers in the answer
    jobs.push(renderTex(engineBox, `${matrix(c.engine.value)}_{\\,${rows}\\times ${cols}}`, { display: true }));
    jobs.push(renderTex(closedBox, `${c.check.paper} = ${matrix(c.closed.value)}`, { display: true }));
    const closedCode = el('p', { className: 'calc-caption' }, 'written for the engine as ', el('code', { textContent: c.check.closed }));
    for (const d of c.closed.definitions) closedCode.append(', with ', el('code', { textContent: `${d.name} = ${languageText(d.value)}` }), ` (${d.text})`);
    const derived = el('div', { className: 'lesson-derivations' },
      el('p', { className: 'pair-label', textContent: 'The engine\u2019s closed form, derived symbolically with the paper\u2019s rules' }),
      ...c.derivations.map((d) => derivationView(d, c.check.output, jobs, { openLesson, currentLesson: current.lesson.item })));
    card.append(el('div', { className: 'lesson-pair' },
      el('div', {}, el('p', { className: 'pair-label', textContent: 'The engine (its tape, reverse and forward mode)' }), engineBox),
      el('div', {}, el('p', { className: 'pair-label', textContent: "The paper's closed form at this point" }), closedBox, closedCode),
      derived));
    const agree = el('span', { className: `badge ${c.agree ? 'pass' : 'fail'}`,
      textContent: c.agree ? `agree (largest difference ${fmt(c.maxDifference)})` : `DISAGREE: ${c.why}` });
    const noFdCheck = c.engine.fdStatus === 'kink' || c.engine.fdStatus === 'undefined';
    const fd = el('span', { className: `badge ${noFdCheck ? 'note' : c.engine.fdPassed ? 'pass' : 'fail'}`,
      textContent: noFdCheck ? `no FD check here: ${c.engine.fdNote ?? c.engine.fdStatus}` : `FD check ${c.engine.fdPassed ? 'passed' : 'FAILED'} (relative ${fmt(c.engine.fdMaxRelError)})` });
    const modes = el('span', { className: `badge ${c.engine.modesAgree ? 'pass' : 'fail'}`,
      textContent: c.engine.modesAgree ? 'reverse = forward mode' : 'reverse and forward mode differ' });
    card.append(el('div', { className: 'row' }, agree, fd, modes));
    return card;
  }

  async function runPaperCheck() {
    checkButton.disabled = true;
    checkResult.textContent = 'checking…';
    checkResult.dataset.state = 'busy';
    checkList.replaceChildren();
    try {
      const result = await paperCheck(calc, LESSONS, (entry) => {
        checkList.append(el('li', { className: entry.agree ? 'pass' : 'fail',
          textContent: `${entry.item}: ${entry.agree ? '✓' : '✗'} ${entry.checksAgreeing}/${entry.checks}` }));
      });
      checkResult.textContent = `${result.agreeing}/${result.total} lessons agree (${result.checksAgreeing}/${result.checks} checks, every point)`;
      checkResult.dataset.agreeing = String(result.agreeing);
      checkResult.dataset.total = String(result.total);
      checkResult.dataset.state = 'done';
    } catch (e) {
      checkResult.textContent = `The paper check stopped: ${e.message}`;
      checkResult.dataset.state = 'error';
    } finally {
      checkButton.disabled = false;
    }
  }
  checkButton.addEventListener('click', runPaperCheck);

  function fromState() {
    const wanted = state.get().lesson;
    const lesson = lessonByItem(wanted) ?? LESSONS[0];
    if (wanted && !lessonByItem(wanted)) ctx.message.show(`There is no lesson '${wanted}'; the lessons are numbered 3 to 11 (see the list).`, 'note');
    if (current?.lesson === lesson) return null;
    return show(lesson, 0);
  }
  state.subscribe((s, changed) => { if (changed.includes('lesson')) fromState(); });
  const first = fromState();
  return { show() { return first; } };
}
