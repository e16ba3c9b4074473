// Alpha operator page. Plain JavaScript, no framework, no outside asset: every request goes to this server with the
// bearer token the operator typed (kept in the browser: localStorage when "remember" is ticked, sessionStorage otherwise).
// Views: runs, a live run, analyse, charts, specs, studio, models and sources. See docs/web.md.
'use strict';
(() => {
  const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled', 'capped'];
  const ADAPTERS = ['execution', 'fusion', 'graph', 'crew', 'debate', 'studio'];
  const KINDS = { agents: 'Agents', workflows: 'Workflows', analysis: 'Analyses' };
  const SAMPLE = 'deployment_id: checkout-v2.4.1\ndetected_at: "2026-07-14T14:30:00Z"\nmetrics_start: "2026-07-14T14:00:00Z"\nmetrics_step_seconds: 60\n' +
    'metrics:\n  checkout.latency_p99_ms: [' + Array.from({ length: 40 }, (_, i) => (i < 24 ? 120 + (i % 5) * 3 : 610 + (i % 4) * 9)).join(', ') + ']\n' +
    'logs:\n' + Array.from({ length: 8 }, (_, i) => `  - {timestamp: "2026-07-14T14:${String(25 + i).padStart(2, '0')}:00Z", service: checkout, level: ERROR, message: "upstream pricing timed out after 500 ms (attempt ${i + 1})"}`).join('\n') + '\n' +
    'deployments:\n  - {service: checkout, from_version: 2.4.0, to_version: 2.4.1, started_at: "2026-07-14T14:20:00Z", completed_at: "2026-07-14T14:23:00Z"}\n';

  const state = { token: null, abort: null, dispatchedAt: null, names: null, metrics: {} };
  window.alphaMetrics = state.metrics; // read by the browser tests and the page benchmark
  const main = document.getElementById('main');

  // ---------- helpers ----------
  function h(tag, attrs, ...children) {
    const svg = tag.startsWith('svg:');
    const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = v;
      else if (k === 'value' && !svg) el.value = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  const $ = (sel, root = document) => root.querySelector(sel);
  let uid = 0;
  const id = (p) => `${p}-${++uid}`;
  function field(labelText, control, hint) {
    const cid = control.id || (control.id = id('f'));
    const lab = h('label', { for: cid }, labelText, control);
    if (hint) lab.append(h('span', { class: 'muted', text: hint }));
    return lab;
  }
  function toast(text) {
    const t = document.getElementById('toast');
    t.textContent = text;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { t.textContent = ''; }, 6000);
  }
  const badge = (s) => h('span', { class: `badge s-${s}`, text: s });
  const fmtCost = (v) => (v === null || v === undefined ? '—' : `$${Number(v).toFixed(4)}`);
  const fmtInt = (v) => (v === null || v === undefined ? '—' : Number(v).toLocaleString('en'));
  const fmtTime = (t) => (t ? new Date(t).toLocaleString('en-GB', { hour12: false }) : '—');
  function duration(r) {
    if (!r.started_at) return '—';
    const ms = (r.finished_at ? new Date(r.finished_at) : new Date()) - new Date(r.started_at);
    return ms < 1000 ? `${ms} ms` : ms < 120000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60000)} min`;
  }
  const isOpen = (s) => s === 'pending' || s === 'running';

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem && (problem.detail || problem.title) ? (problem.detail || problem.title) : `HTTP ${status}`);
      this.status = status;
      this.problem = problem;
    }
  }
  async function api(path, opts = {}) {
    const headers = { Accept: 'application/json', Authorization: `Bearer ${state.token}`, ...(opts.headers || {}) };
    let body = opts.body;
    if (body !== undefined && typeof body !== 'string') { body = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
    const res = await fetch(path, { method: opts.method || (body !== undefined ? 'POST' : 'GET'), headers, body, signal: opts.signal });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    if (res.status === 401 && !opts.login) { logout('Your token was not accepted; log in again.'); }
    if (!res.ok) throw new ApiError(res.status, json);
    return json;
  }
  function problemView(err) {
    const list = err.problem && Array.isArray(err.problem.errors) ? err.problem.errors : [];
    return h('div', { class: 'error', role: 'alert' }, err.message,
      list.length ? h('ul', {}, list.map((e) => h('li', {}, `${e.field}${e.line ? ` (line ${e.line})` : ''}: ${e.message}`))) : null);
  }

  // Reads an SSE response body (fetch, so the Authorization header goes with it) and calls onFrame / onEnd.
  async function stream(taskId, onFrame, onEnd, signal) {
    const res = await fetch(`/chat/stream/${encodeURIComponent(taskId)}`, { headers: { Accept: 'text/event-stream', Authorization: `Bearer ${state.token}` }, signal });
    if (!res.ok || !res.body) throw new ApiError(res.status, null);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let event = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (!data.length) continue;
        const obj = JSON.parse(data.join('\n'));
        if (event === 'end') onEnd(obj); else onFrame(obj);
      }
    }
  }

  // Spec version id -> "name v3", for the runs list (the ledger's run row names the version, not the spec).
  async function specNames() {
    if (state.names) return state.names;
    const names = new Map();
    await Promise.all(['workflows', 'analysis'].map(async (kind) => {
      try {
        const list = await api(`/${kind}/specs`);
        await Promise.all(list.specs.slice(0, 50).map(async (s) => {
          const detail = await api(`/${kind}/specs/${encodeURIComponent(s.name)}`);
          for (const v of detail.versions) names.set(v.version_id, `${s.name} v${v.version}`);
        }));
      } catch (err) { if (err.status === 401) throw err; }
    }));
    state.names = names;
    return names;
  }

  // ---------- login ----------
  function logout(message) {
    state.token = null;
    localStorage.removeItem('alpha.token');
    sessionStorage.removeItem('alpha.token');
    document.getElementById('logout').hidden = true;
    renderLogin(message);
  }
  function renderLogin(message) {
    stopStream();
    const input = h('input', { type: 'password', name: 'token', autocomplete: 'current-password', required: true, spellcheck: 'false' });
    const remember = h('input', { type: 'checkbox', name: 'remember', checked: true });
    const out = h('div', { 'aria-live': 'polite' }, message ? h('p', { class: 'error', text: message }) : null);
    const form = h('form', { class: 'card login', 'aria-labelledby': 'login-title' },
      h('h1', { id: 'login-title', text: 'Log in to Alpha' }),
      h('p', { class: 'muted', text: 'Paste a bearer token issued with ./alpha auth token.' }),
      field('API token', input),
      h('label', { class: 'inline' }, remember, 'Remember on this browser'),
      h('p', {}, h('button', { type: 'submit', text: 'Log in' })), out);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      state.token = input.value.trim();
      try {
        await api('/runs?limit=1', { login: true });
        (remember.checked ? localStorage : sessionStorage).setItem('alpha.token', state.token);
        document.getElementById('logout').hidden = false;
        if (!location.hash || location.hash === '#/login') location.hash = '#/runs'; else route();
      } catch (err) {
        state.token = null;
        out.replaceChildren(h('p', { class: 'error', role: 'alert', text: err.status === 401 || err.status === 403 ? `That token was refused: ${err.message}` : err.message }));
      }
    });
    main.replaceChildren(form);
    input.focus();
  }

  // ---------- runs ----------
  async function renderRuns() {
    const status = h('select', { name: 'status' }, h('option', { value: '', text: 'any' }), STATUSES.map((s) => h('option', { value: s, text: s })));
    const kind = h('select', { name: 'kind' }, h('option', { value: '', text: 'any' }), h('option', { value: 'analysis', text: 'analysis' }), h('option', { value: 'workflow', text: 'workflow' }));
    const experiment = h('input', { type: 'search', name: 'experiment', placeholder: 'exp_…' });
    const text = h('input', { type: 'search', name: 'q', placeholder: 'run id or workflow' });
    const body = h('tbody');
    const more = h('button', { type: 'button', class: 'secondary', hidden: true, text: 'Load more' });
    const count = h('p', { class: 'muted', 'aria-live': 'polite' });
    const table = h('table', { 'aria-describedby': 'runs-count' },
      h('caption', { class: 'sr-only', text: 'Runs, newest first' }),
      h('thead', {}, h('tr', {}, ['Run', 'Workflow', 'Status', 'Experiment', 'Tokens', 'Cost', 'Duration', 'Started'].map((c, i) => h('th', { scope: 'col', class: i === 4 || i === 5 || i === 6 ? 'num' : null, text: c })))),
      body);
    count.id = 'runs-count';
    let rows = [];
    let next = null;
    let names = new Map();
    const draw = () => {
      const q = text.value.trim().toLowerCase();
      const shown = rows.filter((r) => (!kind.value || r.spec_kind === kind.value) &&
        (!q || r.run_id.toLowerCase().includes(q) || (names.get(r.spec_version_id) || '').toLowerCase().includes(q)));
      body.replaceChildren(...shown.map((r) => h('tr', { 'data-run': r.run_id },
        h('td', {}, h('a', { href: `#/runs/${r.run_id}`, class: 'mono', text: r.run_id.slice(0, 16) + '…', title: r.run_id })),
        h('td', {}, names.get(r.spec_version_id) || r.spec_kind, ' ', h('span', { class: 'muted', text: `(${r.spec_kind})` })),
        h('td', {}, badge(r.status)),
        h('td', { class: 'mono', text: r.experiment_id || '—' }),
        h('td', { class: 'num', text: fmtInt(r.total_tokens) }),
        h('td', { class: 'num', text: fmtCost(r.total_cost_usd) }),
        h('td', { class: 'num', text: duration(r) }),
        h('td', { text: fmtTime(r.started_at || r.created_at) }))));
      count.textContent = `${shown.length} of ${rows.length} run(s) loaded${next ? '; more on the server' : ''}`;
    };
    const load = async (append) => {
      const params = new URLSearchParams({ limit: '50' });
      if (status.value) params.set('status', status.value);
      if (experiment.value.trim()) params.set('experiment', experiment.value.trim());
      if (append && next) params.set('before', next);
      try {
        const page = await api(`/runs?${params}`);
        rows = append ? rows.concat(page.runs) : page.runs;
        next = page.next;
        more.hidden = !next;
        draw();
      } catch (err) { count.replaceChildren(problemView(err)); }
    };
    status.addEventListener('change', () => load(false));
    experiment.addEventListener('change', () => load(false));
    kind.addEventListener('change', draw);
    text.addEventListener('input', draw);
    more.addEventListener('click', () => load(true));
    const refresh = h('button', { type: 'button', class: 'secondary', text: 'Refresh', onclick: () => { state.names = null; specNames().then((n) => { names = n; load(false); }); } });
    main.replaceChildren(h('h1', { text: 'Runs' }),
      h('form', { class: 'row', role: 'search', 'aria-label': 'Filter runs', onsubmit: (e) => { e.preventDefault(); load(false); } },
        field('Status', status), field('Kind', kind), field('Experiment', experiment), field('Search', text), refresh),
      count, table, h('p', {}, more));
    // The rows first (one request); the workflow names fill in when the spec lists arrive.
    specNames().then((n) => { names = n; draw(); }).catch(() => { /* the list still shows kinds */ });
    await load(false);
    // From navigation start (performance.now's origin) to the first runs list painted: read by the page benchmark.
    if (state.metrics.runsListMs === undefined) requestAnimationFrame(() => requestAnimationFrame(() => { state.metrics.runsListMs = performance.now(); }));
  }

  // ---------- a live run ----------
  function panelKey(frame) {
    const s = frame.stage;
    if (s === 'agent.token') return frame.extras && frame.extras.node ? { key: frame.extras.node, what: 'token' } : null;
    let m = /^agent\.(.+)\.([a-z_]+)$/.exec(s);
    if (m) return { key: m[1], what: m[2] };
    m = /^node\.(.+)\.([a-z_]+)$/.exec(s);
    if (m) return { key: m[1], what: m[2] };
    return null;
  }

  async function renderRun(runId) {
    let detail;
    try { detail = await api(`/runs/${encodeURIComponent(runId)}`); } catch (err) { main.replaceChildren(h('h1', { text: 'Run' }), problemView(err)); return; }
    const run = detail.run;
    const title = h('span', { class: 'muted', text: run.spec_kind });
    specNames().then((names) => { if (names.has(run.spec_version_id)) title.textContent = names.get(run.spec_version_id); }).catch(() => { /* the kind stays */ });
    const panels = h('div', { class: 'panels', id: 'panels', 'aria-label': 'One panel per agent' });
    const signals = h('ul', { class: 'timeline', id: 'signals' });
    const timeline = h('ol', { class: 'timeline', id: 'timeline' });
    const results = h('div', { id: 'results' });
    const facts = h('dl', { class: 'facts' });
    const kill = h('button', { type: 'button', class: 'danger', id: 'kill', text: 'Kill' });
    const mode = h('select', { name: 'mode' }, h('option', { value: 'recorded', text: 'recorded (no tokens)' }), h('option', { value: 'live', text: 'live (calls the models)' }));
    const replay = h('button', { type: 'button', class: 'secondary', id: 'replay', text: 'Replay' });
    const out = h('div', { 'aria-live': 'polite' });
    const byKey = new Map();
    let status = run.status;

    const setFacts = (r) => {
      status = r.status;
      facts.replaceChildren(...[
        ['Status', badge(r.status)], ['Kind', r.spec_kind], ['Tokens', fmtInt(r.total_tokens)], ['Cost', fmtCost(r.total_cost_usd)],
        ['Duration', duration(r)], ['Experiment', r.experiment_id || '—'], ['Parent', r.parent_run_id ? h('a', { href: `#/runs/${r.parent_run_id}`, text: r.parent_run_id.slice(0, 16) + '…' }) : '—'],
      ].map(([k, v]) => h('div', {}, h('dt', { text: k }), h('dd', {}, v))));
      if (r.error) facts.append(h('div', {}, h('dt', { text: 'Error' }), h('dd', { class: 'error', text: r.error })));
      kill.disabled = !isOpen(r.status);
      replay.disabled = r.spec_kind !== 'workflow' || isOpen(r.status);
      mode.disabled = replay.disabled;
      // The server replays workflow runs only (POST /workflows/runs/{id}/replay answers 400 for an analysis run): say so.
      replay.title = r.spec_kind !== 'workflow' ? 'Only workflow runs replay; analyse the incident again instead' : isOpen(r.status) ? 'A run replays once it has ended' : '';
    };
    setFacts(run);

    const panelFor = (key) => {
      let p = byKey.get(key);
      if (p) return p;
      const st = h('span', { class: 'badge', text: 'pending' });
      const meta = h('p', { class: 'muted' });
      const log = h('ul', { class: 'log' });
      const tokens = h('pre', { hidden: true });
      const el = h('section', { class: 'panel', 'data-agent': key, 'aria-label': `Agent ${key}` }, h('header', {}, h('h3', { text: key }), st), meta, log, tokens);
      panels.append(el);
      p = { el, st, meta, log, tokens };
      byKey.set(key, p);
      if (state.dispatchedAt !== null && state.metrics.firstPanelMs === undefined) {
        const t0 = state.dispatchedAt;
        requestAnimationFrame(() => requestAnimationFrame(() => {
          state.metrics.firstPanelMs = performance.now() - t0;
          main.dataset.firstPanelMs = String(Math.round(state.metrics.firstPanelMs));
        }));
        state.dispatchedAt = null;
      }
      return p;
    };
    const apply = (f) => {
      const pk = panelKey(f);
      if (pk) {
        const p = panelFor(pk.key);
        if (pk.what === 'token') {
          p.tokens.hidden = false;
          p.tokens.textContent += f.message;
        } else {
          if (['started', 'completed', 'failed', 'cancelled', 'capped', 'skipped', 'timed_out'].includes(pk.what)) {
            p.el.dataset.status = pk.what;
            p.st.className = `badge s-${pk.what}`;
            p.st.textContent = pk.what;
          }
          const x = f.extras || {};
          const bits = [x.mode, x.elapsed_ms !== undefined ? `${Math.round(x.elapsed_ms)} ms` : null, x.hypotheses !== undefined ? `${x.hypotheses} hypothesis(es)` : null].filter(Boolean);
          if (bits.length) p.meta.textContent = bits.join(' · ');
          p.log.append(h('li', { text: f.message }));
          if (pk.what === 'turn' && x.text) { p.tokens.hidden = false; p.tokens.textContent += `${x.agent || ''}: ${x.text}\n`; }
        }
      } else if (f.stage === 'signal.detected') {
        const s = (f.extras && f.extras.signal) || {};
        signals.append(h('li', {}, h('span', { class: `badge s-${s.severity === 'high' ? 'failed' : 'cancelled'}`, text: s.severity || '?' }), ' ', h('code', { text: s.id || '' }), ' ', s.description || f.message));
      }
      timeline.append(h('li', {}, h('code', { text: f.stage }), ' ', f.message));
      if (/^(workflow|execution)\.started$/.test(f.stage) && status === 'pending') setFacts({ ...run, status: 'running' });
    };

    kill.addEventListener('click', async () => {
      kill.disabled = true;
      try { await api(`/workflows/runs/${encodeURIComponent(runId)}/kill`, { method: 'POST' }); out.replaceChildren(h('p', { text: 'Kill sent; the run ends cancelled.' })); } catch (err) { out.replaceChildren(problemView(err)); kill.disabled = !isOpen(status); }
    });
    replay.addEventListener('click', async () => {
      try {
        const started = await api(`/workflows/runs/${encodeURIComponent(runId)}/replay`, { body: { mode: mode.value } });
        state.names = null;
        location.hash = `#/runs/${started.run_id}`;
      } catch (err) { out.replaceChildren(problemView(err)); }
    });

    main.replaceChildren(
      h('h1', {}, `Run `, h('span', { class: 'mono', text: runId }), ' ', title),
      facts,
      h('div', { class: 'actions', role: 'group', 'aria-label': 'Run actions' }, kill, field('Replay mode', mode), replay), out,
      h('h2', { text: 'Agents' }), panels,
      h('div', { class: 'layout-2' },
        h('section', { 'aria-labelledby': 'res-h' }, h('h2', { id: 'res-h', text: 'Result' }), results),
        h('section', { 'aria-labelledby': 'sig-h' }, h('h2', { id: 'sig-h', text: 'Signals' }), signals, h('h2', { text: 'Frames' }), timeline)));
    results.append(h('p', { class: 'muted', text: 'Waiting for the run to end…' }));

    const finish = async () => {
      try {
        const d = await api(`/runs/${encodeURIComponent(runId)}`);
        setFacts(d.run);
        renderResult(runId, d, results);
      } catch (err) { results.replaceChildren(problemView(err)); }
    };
    const ac = newAbort();
    if (run.task_id) {
      try {
        await stream(run.task_id, apply, (end) => { setFacts({ ...run, status: end.status }); }, ac.signal);
      } catch (err) {
        if (ac.signal.aborted) return;
        for (const f of detail.frames) apply(f);
      }
    } else {
      for (const f of detail.frames) apply(f);
    }
    if (!ac.signal.aborted) await finish();
  }

  function renderResult(runId, d, into) {
    const parts = [];
    const r = d.result;
    if (r) {
      if (r.requires_human_review) parts.push(h('p', { class: 'error', text: `Needs human review: ${(r.review_reasons || []).join('; ')}` }));
      const list = h('div', { id: 'hypotheses' });
      let evidence = null;
      const evidenceOf = () => (evidence ||= api(`/runs/${encodeURIComponent(runId)}/evidence`));
      (r.ranked_hypotheses || []).forEach((hy, i) => {
        const box = h('div', { class: 'evidence', 'aria-live': 'polite' }, h('p', { class: 'muted', text: 'Loading evidence…' }));
        const det = h('details', { class: 'hyp', 'data-label': hy.label },
          h('summary', {}, h('span', { class: 'rank', text: `#${i + 1}` }), h('span', { class: 'label', text: hy.label }),
            h('span', { text: `score ${Number(hy.score).toFixed(2)}` }), badge(hy.severity), h('span', { class: 'muted', text: (hy.contributing_agents || []).join(', ') })),
          h('div', {}, h('p', { text: hy.description }), h('p', { class: 'muted', text: `Evidence: ${(hy.supporting_signals || []).join(', ')}` }), box));
        det.addEventListener('toggle', async () => {
          if (!det.open || det.dataset.loaded) return;
          det.dataset.loaded = '1';
          try {
            const ev = await evidenceOf();
            const wanted = new Set(hy.supporting_signals || []);
            box.replaceChildren(...ev.signals.filter((s) => wanted.has(s.id)).map(signalView));
          } catch (err) { box.replaceChildren(problemView(err)); }
        });
        list.append(det);
      });
      parts.push(h('h3', { text: 'Ranked hypotheses' }), list.childElementCount ? list : h('p', { class: 'muted', text: 'No hypothesis passed the judge.' }));
      if (r.synthesis) parts.push(h('h3', { text: 'Synthesis' }), h('p', { id: 'synthesis', text: r.synthesis.summary || '' }));
      const rejected = r.rejected || [];
      parts.push(h('h3', { text: `Judge rejections (${rejected.length})` }), rejected.length
        ? h('table', { id: 'rejections' }, h('thead', {}, h('tr', {}, ['Agent', 'Claim', 'Why'].map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, rejected.map((v) => h('tr', {}, h('td', { text: v.agent || '(no name)' }), h('td', { text: v.label }), h('td', { text: v.reason || (v.violations || []).map((x) => x.detail).join('; ') })))))
        : h('p', { class: 'muted', text: 'The judge rejected no claim.' }));
      const charts = h('div', { class: 'charts', id: 'charts' });
      parts.push(h('h3', { text: 'Anomalous series' }), charts);
      evidenceOf().then((ev) => {
        const shown = ev.signals.filter((s) => s.evidence && s.evidence.kind === 'series');
        charts.replaceChildren(...(shown.length ? shown.map(chartFigure) : [h('p', { class: 'muted', text: 'No metric series behind this run\u2019s signals.' })]));
      }).catch((err) => charts.replaceChildren(problemView(err)));
    }
    if (d.outputs && Object.keys(d.outputs).length) {
      parts.push(h('h3', { text: 'Node outputs' }), h('div', { id: 'outputs' }, Object.entries(d.outputs).map(([k, v]) => h('div', { class: 'card' }, h('h4', { text: k }), h('pre', { text: v })))));
    }
    if (!r && !(d.outputs && Object.keys(d.outputs).length)) parts.push(h('p', { class: 'muted', text: 'No output or result kept for this run (it ended without one, another process ran it, or this server restarted since): its agent runs and frames are here.' }));
    if (d.agent_runs && d.agent_runs.length) {
      parts.push(h('h3', { text: 'Agent runs' }), h('table', {}, h('thead', {}, h('tr', {}, ['Node', 'Agent', 'Status', 'Tokens', 'Cost', 'Error'].map((c) => h('th', { scope: 'col', text: c })))),
        h('tbody', {}, d.agent_runs.map((a) => h('tr', {}, h('td', { text: a.node }), h('td', { text: a.agent }), h('td', {}, badge(a.status)),
          h('td', { class: 'num', text: fmtInt((a.input_tokens || 0) + (a.output_tokens || 0)) }), h('td', { class: 'num', text: fmtCost(a.cost_usd) }), h('td', { class: 'error', text: a.error || '' }))))));
    }
    into.replaceChildren(...parts);
  }

  function signalView(s) {
    const ev = s.evidence;
    const head = h('p', {}, h('code', { text: s.id }), ' ', badge(s.severity), ' ', s.description);
    if (!ev) return h('div', { class: 'signal', 'data-signal': s.id }, head);
    if (ev.kind === 'series') return h('div', { class: 'signal', 'data-signal': s.id }, head, chartFigure(s));
    if (ev.kind === 'lines') {
      return h('div', { class: 'signal', 'data-signal': s.id }, head,
        h('pre', { class: 'lines', text: ev.lines.map((l) => `${l.timestamp || ''} ${l.service || ''} ${l.level || ''} ${l.message}`.trim()).join('\n') }),
        ev.total > ev.lines.length ? h('p', { class: 'muted', text: `${ev.total - ev.lines.length} more line(s) match` }) : null);
    }
    if (ev.kind === 'commit') {
      return h('div', { class: 'signal', 'data-signal': s.id }, head, h('p', {}, h('code', { text: ev.sha }), ` by ${ev.author || '?'}: ${ev.message}`),
        ev.files.map((f) => h('details', {}, h('summary', { text: `${f.path} (+${f.additions} −${f.deletions})` }), f.patch ? h('pre', { text: f.patch }) : null)));
    }
    if (ev.kind === 'deployment') return h('div', { class: 'signal', 'data-signal': s.id }, head, h('p', { text: `${ev.service} ${ev.from_version || '?'} → ${ev.to_version || '?'}, ${fmtTime(ev.started_at)} – ${fmtTime(ev.completed_at)}` }));
    return h('div', { class: 'signal', 'data-signal': s.id }, head);
  }

  // An inline SVG line chart of one series with its baseline (dashed) and its change point (vertical line).
  function chartFigure(s) {
    const ev = s.evidence;
    const W = 640; const H = 200; const L = 52; const R = 12; const T = 12; const B = 28;
    const vals = ev.points.map((p) => p.v);
    const finite = vals.filter((v) => v !== null && Number.isFinite(v));
    const all = finite.concat(ev.baseline !== null && ev.baseline !== undefined ? [ev.baseline] : []);
    let lo = Math.min(...all); let hi = Math.max(...all);
    if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
    if (hi === lo) { hi = lo + 1; }
    const pad = (hi - lo) * 0.08; lo -= pad; hi += pad;
    const n = Math.max(vals.length - 1, 1);
    const x = (i) => L + (i / n) * (W - L - R);
    const y = (v) => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
    const pts = vals.map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean).join(' ');
    const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3));
    const onset = ev.onset_index;
    const when = (i) => (ev.points[i] && ev.points[i].t ? new Date(ev.points[i].t).toISOString().slice(11, 16) : `#${i}`);
    const label = `${ev.key}: ${vals.length} points from ${fmt(Math.min(...finite))} to ${fmt(Math.max(...finite))}` +
      (ev.baseline !== null && ev.baseline !== undefined ? `; baseline ${fmt(ev.baseline)}` : '') +
      (onset !== null && onset !== undefined ? `; change point at ${when(onset)}` : '') + (ev.current !== null && ev.current !== undefined ? `; now ${fmt(ev.current)}` : '');
    const svg = h('svg:svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label },
      h('svg:line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }),
      h('svg:line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }),
      h('svg:text', { x: L - 4, y: T + 8, 'text-anchor': 'end', text: fmt(hi - pad) }),
      h('svg:text', { x: L - 4, y: H - B, 'text-anchor': 'end', text: fmt(lo + pad) }),
      h('svg:text', { x: L, y: H - 8, text: when(0) }),
      h('svg:text', { x: W - R, y: H - 8, 'text-anchor': 'end', text: when(vals.length - 1) }),
      h('svg:polyline', { class: 'series', points: pts }));
    if (ev.baseline !== null && ev.baseline !== undefined) {
      svg.append(h('svg:line', { class: 'baseline', x1: L, x2: W - R, y1: y(ev.baseline), y2: y(ev.baseline) }),
        h('svg:text', { class: 'baseline-label', x: W - R - 4, y: y(ev.baseline) - 4, 'text-anchor': 'end', text: `baseline ${fmt(ev.baseline)}` }));
    }
    if (onset !== null && onset !== undefined && onset >= 0 && onset < vals.length) {
      svg.append(h('svg:line', { class: 'change', x1: x(onset), x2: x(onset), y1: T, y2: H - B }),
        h('svg:text', { class: 'change-label', x: x(onset) + 4, y: T + 10, text: `change ${when(onset)}` }));
    }
    return h('figure', { class: 'chart', 'data-series': ev.key }, h('figcaption', {}, h('strong', { text: ev.key }), ' — ', s.description), svg);
  }

  // ---------- analyse ----------
  function renderAnalyse() {
    const text = h('textarea', { name: 'incident', rows: 18, spellcheck: 'false', placeholder: 'deployment_id: …' });
    const file = h('input', { type: 'file', name: 'file', accept: '.json,.yaml,.yml,application/json,application/yaml,text/yaml' });
    const experiment = h('input', { type: 'text', name: 'experiment_id', placeholder: 'optional' });
    const out = h('div', { 'aria-live': 'polite' });
    file.addEventListener('change', async () => { if (file.files[0]) text.value = await file.files[0].text(); });
    const form = h('form', { 'aria-label': 'Analyse an incident' },
      h('p', { class: 'muted', text: 'Paste an incident (JSON or YAML, docs/incident-format.md) or upload a file; it is redacted before anything else sees it.' }),
      h('div', { class: 'row' }, field('Upload a file', file), field('Experiment id', experiment),
        h('button', { type: 'button', class: 'secondary', text: 'Insert a sample', onclick: () => { text.value = SAMPLE; } })),
      field('Incident (JSON or YAML)', text),
      h('p', {}, h('button', { type: 'submit', text: 'Analyse' })), out);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = text.value;
      if (!body.trim()) { out.replaceChildren(h('p', { class: 'error', role: 'alert', text: 'Paste or upload an incident first.' })); return; }
      const json = body.trimStart().startsWith('{');
      const q = experiment.value.trim() ? `?experiment_id=${encodeURIComponent(experiment.value.trim())}` : '';
      state.dispatchedAt = performance.now();
      delete state.metrics.firstPanelMs;
      try {
        const started = await api(`/incidents/analyze${q}`, { method: 'POST', body, headers: { 'Content-Type': json ? 'application/json' : 'application/yaml' } });
        state.names = null;
        location.hash = `#/runs/${started.run_id}`;
      } catch (err) { state.dispatchedAt = null; out.replaceChildren(problemView(err)); }
    });
    main.replaceChildren(h('h1', { text: 'Analyse an incident' }), form);
  }

  // ---------- charts ----------
  async function renderCharts(runId) {
    const pick = h('select', { name: 'run' });
    const holder = h('div', { class: 'charts', id: 'charts' });
    main.replaceChildren(h('h1', { text: 'Anomalous series' }), h('div', { class: 'row' }, field('Analysis run', pick)), holder);
    try {
      const page = await api('/runs?limit=100');
      const runs = page.runs.filter((r) => r.spec_kind === 'analysis');
      if (!runs.length) { holder.replaceChildren(h('p', { class: 'muted', text: 'No analysis run yet: analyse an incident first.' })); return; }
      const chosen = runId || runs[0].run_id;
      pick.replaceChildren(...runs.map((r) => h('option', { value: r.run_id, selected: r.run_id === chosen, text: `${r.run_id.slice(0, 20)}… ${r.status} ${fmtTime(r.started_at)}` })));
      pick.addEventListener('change', () => { location.hash = `#/charts/${pick.value}`; });
      const ev = await api(`/runs/${encodeURIComponent(chosen)}/evidence`);
      const series = ev.signals.filter((s) => s.evidence && s.evidence.kind === 'series');
      holder.replaceChildren(...(series.length ? series.map(chartFigure) : [h('p', { class: 'muted', text: 'This run found no anomalous metric series.' })]));
    } catch (err) { holder.replaceChildren(problemView(err)); }
  }

  // ---------- specs ----------
  function lineDiff(a, b) {
    const n = a.length; const m = b.length;
    if (n * m > 4e6) return [...a.map((t) => ['-', t]), ...b.map((t) => ['+', t])];
    const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    const out = []; let i = 0; let j = 0;
    while (i < n && j < m) {
      if (a[i] === b[j]) { out.push([' ', a[i]]); i++; j++; } else if (dp[i + 1][j] >= dp[i][j + 1]) out.push(['-', a[i++]]); else out.push(['+', b[j++]]);
    }
    while (i < n) out.push(['-', a[i++]]);
    while (j < m) out.push(['+', b[j++]]);
    return out;
  }
  const sorted = (v) => (Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);

  async function renderSpecs(kind, name) {
    kind = KINDS[kind] ? kind : 'workflows';
    const tabs = h('div', { class: 'actions', role: 'group', 'aria-label': 'Spec kind' }, Object.entries(KINDS).map(([k, label]) => h('a', { href: `#/specs/${k}`, 'aria-current': k === kind ? 'page' : null, class: 'badge', text: label })));
    const list = h('div');
    const detail = h('div', { id: 'spec-detail' });
    const lockText = h('textarea', { rows: 8, name: 'spec', spellcheck: 'false', placeholder: 'kind: agent\nname: …' });
    const lockOut = h('div', { 'aria-live': 'polite' });
    const lock = h('form', { class: 'card', 'aria-label': 'Lock a spec' }, h('h2', { text: 'Lock a spec (YAML or JSON)' }), field('Spec', lockText), h('p', {}, h('button', { type: 'submit', text: 'Lock' })), lockOut);
    lock.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const json = lockText.value.trimStart().startsWith('{');
        const s = await api(`/${kind}/specs`, { method: 'POST', body: lockText.value, headers: { 'Content-Type': json ? 'application/json' : 'application/yaml' } });
        lockOut.replaceChildren(h('p', { text: `${s.name} v${s.version} ${s.created ? 'locked' : 'already locked'}: ${s.spec_hash}` }));
        state.names = null;
        renderSpecs(kind, s.name);
      } catch (err) { lockOut.replaceChildren(problemView(err)); }
    });
    main.replaceChildren(h('h1', { text: 'Specs' }), tabs, h('div', { class: 'layout-2' }, h('section', { 'aria-label': 'Spec list' }, list, lock), h('section', { 'aria-label': 'Versions' }, detail)));
    try {
      const specs = (await api(`/${kind}/specs`)).specs;
      list.replaceChildren(specs.length ? h('table', {}, h('thead', {}, h('tr', {}, ['Name', 'Versions', 'Latest hash', 'Locked'].map((c) => h('th', { scope: 'col', text: c })))),
        h('tbody', {}, specs.map((s) => h('tr', {}, h('td', {}, h('a', { href: `#/specs/${kind}/${encodeURIComponent(s.name)}`, text: s.name })), h('td', { class: 'num', text: s.versions }),
          h('td', { class: 'mono', title: s.latest_hash, text: s.latest_hash.slice(0, 16) }), h('td', { text: fmtTime(s.latest_created_at) })))))
        : h('p', { class: 'muted', text: 'No spec of this kind is locked yet.' }));
    } catch (err) { list.replaceChildren(problemView(err)); }
    if (!name) { detail.replaceChildren(h('p', { class: 'muted', text: 'Pick a spec to see its versions and compare two of them.' })); return; }
    try {
      const d = await api(`/${kind}/specs/${encodeURIComponent(name)}`);
      const vs = d.versions;
      const a = h('select', { name: 'from' }, vs.map((v, i) => h('option', { value: v.version, selected: i === Math.max(vs.length - 2, 0), text: `v${v.version}` })));
      const b = h('select', { name: 'to' }, vs.map((v, i) => h('option', { value: v.version, selected: i === vs.length - 1, text: `v${v.version}` })));
      const diffOut = h('div', { 'aria-live': 'polite' });
      const show = async () => {
        try {
          const [va, vb] = await Promise.all([a.value, b.value].map((v) => api(`/${kind}/specs/${encodeURIComponent(name)}/versions/${v}`)));
          const la = JSON.stringify(sorted(va.content), null, 2).split('\n');
          const lb = JSON.stringify(sorted(vb.content), null, 2).split('\n');
          const diff = lineDiff(la, lb);
          const changed = diff.filter((x) => x[0] !== ' ').length;
          diffOut.replaceChildren(h('p', { class: 'muted', text: `v${va.version} (${va.spec_hash.slice(0, 12)}) → v${vb.version} (${vb.spec_hash.slice(0, 12)}): ${changed} line(s) differ` }),
            h('pre', { class: 'diff', id: 'diff', 'aria-label': 'Differences, canonical JSON' }, diff.map(([op, t]) => (op === '+' ? h('ins', { text: `+ ${t}` }) : op === '-' ? h('del', { text: `- ${t}` }) : h('span', { text: `  ${t}` })))));
        } catch (err) { diffOut.replaceChildren(problemView(err)); }
      };
      detail.replaceChildren(h('h2', { text: name }),
        h('table', {}, h('thead', {}, h('tr', {}, ['Version', 'Hash (SHA-256)', 'Version id', 'Locked'].map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, vs.map((v) => h('tr', {}, h('td', { text: `v${v.version}` }), h('td', { class: 'mono', text: v.spec_hash.slice(0, 20) + '…', title: v.spec_hash }), h('td', { class: 'mono', text: v.version_id }), h('td', { text: fmtTime(v.created_at) }))))),
        h('form', { class: 'row', 'aria-label': 'Compare two versions', onsubmit: (e) => { e.preventDefault(); show(); } }, field('From', a), field('To', b), h('button', { type: 'submit', text: 'Diff' })),
        diffOut);
    } catch (err) { detail.replaceChildren(problemView(err)); }
  }

  // ---------- studio ----------
  const studio = { nodes: [], edges: [], selected: null };
  async function renderStudio() {
    const name = h('input', { type: 'text', name: 'name', required: true, pattern: '[a-z0-9_\\-]+', value: studio.name || 'studio_flow' });
    const description = h('input', { type: 'text', name: 'description', value: studio.description || 'Wired in the studio.' });
    const inputs = h('input', { type: 'text', name: 'inputs', value: studio.inputs || 'ticket' });
    const runInputs = h('textarea', { rows: 3, name: 'run_inputs', spellcheck: 'false', value: studio.runInputs || '{"ticket": "checkout latency up since 14:02"}' });
    const nodeId = h('input', { type: 'text', name: 'node_id', pattern: '[A-Za-z0-9_\\-]+' });
    const adapter = h('select', { name: 'adapter' }, ADAPTERS.map((a) => h('option', { value: a, text: a })));
    const agents = h('select', { name: 'agents', multiple: true, size: 4 });
    const options = h('textarea', { rows: 2, name: 'options', spellcheck: 'false', placeholder: '{"merge": "concat"}' });
    const from = h('select', { name: 'edge_from' });
    const to = h('select', { name: 'edge_to' });
    const loadPick = h('select', { name: 'load' }, h('option', { value: '', text: '(new)' }));
    const out = h('div', { 'aria-live': 'polite', id: 'studio-out' });
    const canvas = h('svg:svg', { class: 'canvas', viewBox: '0 0 900 380', role: 'group', 'aria-label': 'Workflow canvas: drag a node, or focus it and move it with the arrow keys' });
    const nodeList = h('ul', { id: 'studio-nodes' });
    const edgeList = h('ul', { id: 'studio-edges' });
    const keep = () => Object.assign(studio, { name: name.value, description: description.value, inputs: inputs.value, runInputs: runInputs.value });

    const draw = () => {
      keep();
      const edges = studio.edges.map((e) => {
        const a = studio.nodes.find((n) => n.id === e.from); const b = studio.nodes.find((n) => n.id === e.to);
        return a && b ? h('svg:line', { class: 'edge', x1: a.x + 150, y1: a.y + 28, x2: b.x, y2: b.y + 28, 'marker-end': 'url(#arrow)' }) : null;
      });
      const nodes = studio.nodes.map((n) => {
        const g = h('svg:g', { class: `node${studio.selected === n.id ? ' selected' : ''}`, tabindex: 0, role: 'button', 'data-node': n.id, transform: `translate(${n.x},${n.y})`, 'aria-label': `${n.id}: ${n.adapter} over ${n.agents.join(', ') || 'no agent'}` },
          h('svg:rect', { width: 150, height: 56 }), h('svg:text', { x: 8, y: 20, text: n.id }), h('svg:text', { class: 'kind', x: 8, y: 38, text: `${n.adapter} · ${n.agents.join(', ')}`.slice(0, 26) }));
        let drag = null;
        g.addEventListener('pointerdown', (e) => { const p = point(e); drag = { dx: p.x - n.x, dy: p.y - n.y }; g.setPointerCapture(e.pointerId); });
        g.addEventListener('pointermove', (e) => {
          if (!drag) return;
          const p = point(e);
          const nx = clamp(p.x - drag.dx, 0, 750); const ny = clamp(p.y - drag.dy, 0, 324);
          if (Math.abs(nx - n.x) + Math.abs(ny - n.y) < 2 && !drag.moved) return; // a click, not a drag
          drag.moved = true; n.x = nx; n.y = ny; g.setAttribute('transform', `translate(${n.x},${n.y})`);
        });
        // A drag redraws (edges follow); a click is left to the click handler, which selects or connects.
        g.addEventListener('pointerup', () => { const moved = drag && drag.moved; drag = null; if (moved) { draw(); focusNode(n.id); } });
        g.addEventListener('keydown', (e) => {
          const step = e.shiftKey ? 40 : 10;
          const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
          if (moves[e.key]) { e.preventDefault(); n.x = clamp(n.x + moves[e.key][0], 0, 750); n.y = clamp(n.y + moves[e.key][1], 0, 324); draw(); focusNode(n.id); }
          if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(n.id); }
        });
        g.addEventListener('click', () => select(n.id)); // after a drag the node was redrawn: no click reaches it
        return g;
      });
      canvas.replaceChildren(h('svg:defs', {}, h('svg:marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto' }, h('svg:path', { d: 'M0,0 L10,5 L0,10 z', fill: '#5b6470' }))), ...edges, ...nodes);
      const opts = studio.nodes.map((n) => h('option', { value: n.id, text: n.id }));
      const fv = from.value; const tv = to.value;
      from.replaceChildren(...opts.map((o) => o.cloneNode(true))); to.replaceChildren(...opts);
      if (fv) from.value = fv;
      if (tv) to.value = tv; else if (studio.nodes.length > 1) to.value = studio.nodes[studio.nodes.length - 1].id;
      nodeList.replaceChildren(...studio.nodes.map((n) => h('li', {}, `${n.id} (${n.adapter}: ${n.agents.join(', ')}) `,
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove node ${n.id}`, text: 'Remove', onclick: () => { studio.nodes = studio.nodes.filter((x) => x.id !== n.id); studio.edges = studio.edges.filter((e) => e.from !== n.id && e.to !== n.id); draw(); } }))));
      edgeList.replaceChildren(...studio.edges.map((e, i) => h('li', {}, `${e.from} → ${e.to} `,
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove edge ${e.from} to ${e.to}`, text: 'Remove', onclick: () => { studio.edges.splice(i, 1); draw(); } }))));
    };
    const clamp = (v, a, b) => Math.max(a, Math.min(b, v));
    const point = (e) => { const r = canvas.getBoundingClientRect(); return { x: ((e.clientX - r.left) / r.width) * 900, y: ((e.clientY - r.top) / r.height) * 380 }; };
    const focusNode = (nid) => { const el = canvas.querySelector(`g[data-node="${CSS.escape(nid)}"]`); if (el) el.focus(); };
    const select = (nid) => {
      if (studio.selected && studio.selected !== nid && !studio.edges.some((e) => e.from === studio.selected && e.to === nid)) {
        studio.edges.push({ from: studio.selected, to: nid });
        studio.selected = null;
        toast(`Edge added: ${studio.edges[studio.edges.length - 1].from} → ${nid}`);
      } else studio.selected = studio.selected === nid ? null : nid;
      draw(); focusNode(nid);
    };
    // Where each node sits is part of the WorkflowSpec (its `layout`, docs/workflows.md): saved with the snapshot, so
    // moving a box and saving locks a new version; runs never read it.
    const layout = () => Object.fromEntries(studio.nodes.map((n) => [n.id, { x: Math.round(n.x), y: Math.round(n.y) }]));
    const spec = () => {
      const ins = {};
      for (const i of inputs.value.split(',').map((s) => s.trim()).filter(Boolean)) ins[i] = { type: 'string', required: false };
      return {
        kind: 'workflow', name: name.value.trim(), description: description.value.trim() || undefined, inputs: ins,
        nodes: studio.nodes.map((n) => ({ id: n.id, adapter: n.adapter, ...(n.workflow ? { workflow: n.workflow } : n.agents.length === 1 ? { agent: n.agents[0] } : { agents: n.agents }), ...(n.options ? { options: n.options } : {}) })),
        edges: studio.edges.map((e) => ({ from: e.from, to: e.to, ...(e.when ? { when: e.when } : {}) })),
        ...(studio.costCaps ? { cost_caps: studio.costCaps } : {}),
        layout: layout(),
      };
    };
    const save = async () => {
      keep();
      const s = await api('/workflows/specs', { body: spec() });
      state.names = null;
      out.replaceChildren(h('p', { id: 'studio-saved', text: `Saved ${s.name} v${s.version} (${s.created ? 'new version' : 'unchanged'}), hash ${s.spec_hash}` }));
      return s;
    };

    const addNode = h('form', { class: 'card', 'aria-label': 'Add a node' }, h('h2', { text: 'Add a node' }),
      field('Node id', nodeId), field('Adapter kind', adapter), field('Agents', agents, 'Ctrl/Cmd-click for several'), field('Options (JSON, optional)', options),
      h('p', {}, h('button', { type: 'submit', text: 'Add node' })));
    addNode.addEventListener('submit', (e) => {
      e.preventDefault();
      const nid = nodeId.value.trim();
      if (!nid || studio.nodes.some((n) => n.id === nid)) { toast(nid ? `A node named ${nid} exists already.` : 'Give the node an id.'); return; }
      let opts = null;
      if (options.value.trim()) { try { opts = JSON.parse(options.value); } catch { toast('Options must be JSON, e.g. {"merge": "concat"}'); return; } }
      const k = studio.nodes.length;
      studio.nodes.push({ id: nid, adapter: adapter.value, agents: [...agents.selectedOptions].map((o) => o.value), options: opts, x: 30 + (k % 4) * 210, y: 40 + Math.floor(k / 4) * 110 });
      nodeId.value = ''; options.value = '';
      draw();
    });
    const addEdge = h('form', { class: 'card', 'aria-label': 'Add an edge' }, h('h2', { text: 'Add an edge' }),
      h('p', { class: 'muted', text: 'Or click one node, then another.' }), h('div', { class: 'row' }, field('From', from), field('To', to), h('button', { type: 'submit', text: 'Add edge' })));
    addEdge.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!from.value || !to.value || from.value === to.value) { toast('Pick two different nodes.'); return; }
      if (!studio.edges.some((x) => x.from === from.value && x.to === to.value)) studio.edges.push({ from: from.value, to: to.value });
      draw();
    });
    const saveBtn = h('button', { type: 'button', text: 'Save as spec' });
    const runBtn = h('button', { type: 'button', text: 'Save and run' });
    saveBtn.addEventListener('click', async () => { try { await save(); } catch (err) { out.replaceChildren(problemView(err)); } });
    runBtn.addEventListener('click', async () => {
      try {
        const s = await save();
        let given = {};
        if (runInputs.value.trim()) given = JSON.parse(runInputs.value);
        const started = await api(`/workflows/${encodeURIComponent(s.name)}/run`, { body: { inputs: given } });
        location.hash = `#/runs/${started.run_id}`;
      } catch (err) { out.replaceChildren(err instanceof ApiError ? problemView(err) : h('p', { class: 'error', role: 'alert', text: err.message })); }
    });
    loadPick.addEventListener('change', async () => {
      if (!loadPick.value) { studio.nodes = []; studio.edges = []; studio.costCaps = null; draw(); return; }
      try {
        const d = await api(`/workflows/specs/${encodeURIComponent(loadPick.value)}`);
        const v = await api(`/workflows/specs/${encodeURIComponent(loadPick.value)}/versions/${d.versions[d.versions.length - 1].version}`);
        const c = v.content;
        name.value = c.name; description.value = c.description || '';
        inputs.value = Object.keys(c.inputs || {}).join(', ');
        // The spec's own layout places the nodes; a spec without one (written by hand) gets the grid.
        const places = c.layout || {};
        // A spec reference is stored as {name, version?}; the form takes name or name@version.
        const refText = (r) => (typeof r === 'string' ? r : r.version ? `${r.name}@${r.version}` : r.name);
        studio.nodes = (c.nodes || []).map((n, k) => ({ id: n.id, adapter: n.adapter, agents: n.agents ? n.agents.map(refText) : n.agent ? [refText(n.agent)] : [], options: n.options || null, workflow: n.workflow || null,
          x: places[n.id] ? places[n.id].x : 30 + (k % 4) * 210, y: places[n.id] ? places[n.id].y : 40 + Math.floor(k / 4) * 110 }));
        studio.edges = (c.edges || []).map((e) => ({ from: e.from, to: e.to, when: e.when || null }));
        studio.costCaps = c.cost_caps || null;
        draw();
      } catch (err) { out.replaceChildren(problemView(err)); }
    });

    main.replaceChildren(h('h1', { text: 'Studio' }),
      h('div', { class: 'studio' },
        h('section', { 'aria-label': 'Workflow' },
          h('div', { class: 'row' }, field('Workflow name', name), field('Description', description), field('Inputs (comma-separated)', inputs), field('Open a workflow', loadPick)),
          canvas,
          h('div', { class: 'row' }, field('Run inputs (JSON)', runInputs)),
          h('div', { class: 'actions' }, saveBtn, runBtn), out,
          h('div', { class: 'layout-2' }, h('div', {}, h('h2', { text: 'Nodes' }), nodeList), h('div', {}, h('h2', { text: 'Edges' }), edgeList))),
        h('div', {}, addNode, addEdge)));
    draw();
    try {
      const [ag, wf] = await Promise.all([api('/agents/specs'), api('/workflows/specs')]);
      agents.replaceChildren(...ag.specs.map((s) => h('option', { value: s.name, text: s.name })));
      loadPick.append(...wf.specs.map((s) => h('option', { value: s.name, text: s.name })));
      if (!ag.specs.length) out.replaceChildren(h('p', { class: 'muted', text: 'No agent spec is locked yet: lock one under Specs → Agents first.' }));
    } catch (err) { out.replaceChildren(problemView(err)); }
  }

  // ---------- models and data sources (src/Alpha.Server/Routes/ModelRoutes.cs and SourceRoutes.cs, docs/server.md) ----------
  async function renderModels() {
    const providers = h('div', { id: 'providers' }, h('p', { class: 'muted', text: 'Probing providers…' }));
    const profiles = h('div', { id: 'profiles' });
    const sources = h('div', { id: 'sources' });
    const pullName = h('input', { type: 'text', name: 'model', placeholder: 'llama3.2:1b', required: true });
    const layers = h('ul', { id: 'pull-layers', class: 'plain' });
    const pullOut = h('p', { id: 'pull-status', 'aria-live': 'polite' });
    const pull = h('form', { class: 'row', 'aria-label': 'Pull an Ollama model' }, field('Ollama model', pullName), h('button', { type: 'submit', text: 'Pull' }));
    // One bar per layer Ollama downloads (as its own CLI shows them), fed by the pull's model.pull.progress frames.
    pull.addEventListener('submit', async (e) => {
      e.preventDefault();
      layers.replaceChildren();
      pullOut.textContent = 'Starting the pull…';
      const bars = new Map();
      try {
        const started = await api('/agentic/models/pull', { body: { name: pullName.value.trim() } });
        await stream(started.task_id, (f) => {
          const x = f.extras || {};
          if (f.stage === 'model.pull.progress' && x.digest && x.percent !== null && x.percent !== undefined) {
            let bar = bars.get(x.digest);
            if (!bar) {
              const name = `Layer ${x.digest.replace(/^sha256:/, '').slice(0, 12)}`;
              bar = h('progress', { class: 'progress', max: 100, value: 0, 'aria-label': name, 'data-digest': x.digest });
              bar.shown = h('span', { class: 'mono', text: '0 %' });
              bars.set(x.digest, bar);
              layers.append(h('li', {}, h('span', { class: 'mono', text: name }), bar, bar.shown));
            }
            bar.value = x.percent;
            bar.shown.textContent = `${Number(x.percent).toFixed(0)} %`;
          }
          pullOut.textContent = f.stage === 'model.pull.failed' ? f.message : f.message || f.stage;
        }, (end) => {
          pullOut.replaceChildren(badge(end.status), ` pull of ${started.name}`);
          if (end.status === 'completed') loadProviders();
        }, newAbort().signal);
      } catch (err) { pullOut.replaceChildren(problemView(err)); }
    });
    main.replaceChildren(h('h1', { text: 'Models and data sources' }),
      h('section', { 'aria-labelledby': 'prov-h' }, h('h2', { id: 'prov-h', text: 'Providers' }), providers, h('h3', { text: 'Pull an Ollama model' }), pull, layers, pullOut),
      h('section', { 'aria-labelledby': 'prof-h' }, h('h2', { id: 'prof-h', text: 'vLLM profiles' }), profiles),
      h('section', { 'aria-labelledby': 'src-h' }, h('h2', { id: 'src-h', text: 'Data sources' }), sources));
    function loadProviders() {
      api('/agentic/models/running').then((d) => {
        providers.replaceChildren(d.providers.length ? h('table', {}, h('thead', {}, h('tr', {}, ['Provider', 'Kind', 'Base URL', 'Key', 'Health', 'Models', 'Loaded'].map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, d.providers.map((p) => h('tr', { 'data-provider': p.name }, h('td', {}, p.name, p.active ? ' (active)' : ''), h('td', { text: p.kind }), h('td', { class: 'mono', text: p.base_url || '—' }), h('td', { text: p.api_key_set ? 'set' : 'not set' }),
            h('td', { class: 'health' }, badge(p.health.status), ` ${p.health.latency_ms} ms`, p.health.detail ? h('div', { class: 'muted', text: p.health.detail }) : null),
            h('td', { class: 'models', text: (p.models || []).join(', ') || '—' }), h('td', { text: p.running ? p.running.join(', ') || '—' : '—' })))))
          : h('p', { class: 'muted', text: 'No provider configured: every agent is deterministic.' }));
      }).catch((err) => providers.replaceChildren(problemView(err)));
    }
    function loadProfiles() {
      api('/agentic/vllm/profiles').then((d) => {
        profiles.replaceChildren(d.profiles.length ? h('table', {}, h('thead', {}, h('tr', {}, ['Profile', 'Base URL', 'Models', 'Key', 'Valid', ''].map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, d.profiles.map((p) => h('tr', { 'data-profile': p.name, 'data-active': String(p.active) }, h('td', {}, p.name, p.active ? ' (active)' : ''), h('td', { class: 'mono', text: p.base_url || '—' }), h('td', { text: (p.models || []).join(', ') }),
            h('td', { text: p.api_key_env ? `${p.api_key_env} ${p.api_key_set ? 'set' : 'not set'}` : '—' }),
            h('td', { class: 'valid' }, p.valid ? 'yes' : h('span', { class: 'error', text: (p.errors || []).map((e) => `${e.field}${e.line ? ` (line ${e.line})` : ''}: ${e.message}`).join('; ') })),
            h('td', {}, h('button', { type: 'button', class: 'secondary', disabled: !p.valid || p.active, text: 'Start', 'aria-label': `Start ${p.name}`, onclick: async () => {
              try { const r = await api('/agentic/vllm/start', { body: { profile: p.name } }); toast(`${r.profile.name} is the agents' endpoint (health: ${r.health.status})`); loadProfiles(); loadProviders(); } catch (err) { toast(err.message); }
            } }))))))
          : h('p', { class: 'muted', text: `No profile in ${d.folder || 'configs/llm/'}.` }));
      }).catch((err) => profiles.replaceChildren(problemView(err)));
    }
    loadProviders();
    loadProfiles();
    api('/discovery/entries').then((d) => {
      sources.replaceChildren(h('table', {}, h('thead', {}, h('tr', {}, ['Source', 'Kind', 'Location', 'Status', 'Probe', ''].map((c) => h('th', { scope: 'col', text: c })))),
        h('tbody', {}, d.entries.map((en) => {
          const res = h('td', { class: 'probe', 'aria-live': 'polite' });
          // The probe route takes the entry's id (a file's name is a path, which a route segment cannot carry).
          return h('tr', { 'data-source': en.id }, h('td', { text: en.name }), h('td', { text: en.kind }), h('td', { class: 'mono', text: en.location || '' }), h('td', {}, badge(en.status), en.detail ? h('div', { class: 'muted', text: en.detail }) : null), res,
            h('td', {}, h('button', { type: 'button', class: 'secondary', text: 'Probe', 'aria-label': `Probe ${en.name}`, onclick: async () => {
              res.textContent = 'probing…';
              try { const p = await api(`/sources/${encodeURIComponent(en.id)}/probe`, { method: 'POST' }); res.replaceChildren(...[badge(p.status), ` ${p.latency_ms} ms `, p.detail || '', p.hint ? h('div', { class: 'muted', text: p.hint }) : null].filter((c) => c !== null)); } catch (err) { res.replaceChildren(problemView(err)); }
            } })));
        }))));
    }).catch((err) => sources.replaceChildren(problemView(err)));
  }

  // ---------- routing ----------
  function newAbort() { stopStream(); state.abort = new AbortController(); return state.abort; }
  function stopStream() { if (state.abort) { state.abort.abort(); state.abort = null; } }
  function route() {
    if (!state.token) { renderLogin(); return; }
    stopStream();
    const parts = (location.hash.replace(/^#\/?/, '') || 'runs').split('/').map(decodeURIComponent);
    for (const a of document.querySelectorAll('.top nav a')) a.setAttribute('aria-current', a.getAttribute('href') === `#/${parts[0]}` ? 'page' : 'false');
    const view = { runs: () => (parts[1] ? renderRun(parts[1]) : renderRuns()), analyse: renderAnalyse, charts: () => renderCharts(parts[1]), specs: () => renderSpecs(parts[1], parts[2]), studio: renderStudio, models: renderModels }[parts[0]];
    document.title = `Alpha · ${parts[0]}`;
    (view || renderRuns)();
    main.focus({ preventScroll: true });
  }
  document.getElementById('logout').addEventListener('click', () => logout());
  window.addEventListener('hashchange', route);
  state.token = localStorage.getItem('alpha.token') || sessionStorage.getItem('alpha.token');
  document.getElementById('logout').hidden = !state.token;
  route();
})();
