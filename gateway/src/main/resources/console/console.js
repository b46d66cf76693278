// The operator console: the fleet, missions, alerts and faults, loaded from the paged list
// endpoints and kept live by the event stream (GET /api/v1/events). Reads need no key; actions
// (cancel a mission) send the API key the operator entered, kept in sessionStorage only (gone
// when the tab closes, never in localStorage or a cookie).
'use strict';
(function () {
  const LATE_AFTER_S = 35;        // a node silent this long is shown late (heartbeats come every 15-30 s)
  const NODE_PAGE_ROWS = 50;      // table rows rendered at once, whatever the fleet's size
  const LIST_PAGE = 1000;         // the list endpoints' largest page
  const MAX_MISSIONS = 2000;      // missions loaded per status (the console shows the open ones)
  const MISSION_ROWS = 100;       // missions rendered at once
  const FEED_MAX = 200;           // entries kept in the alert feed and the fault timeline
  const MISSION_REFRESH_MS = 1000; // a mission is re-read at most this often while progress streams in
  const KEY_ITEM = 'openastro.apiKey';

  const $ = id => document.getElementById(id);
  const nodes = new Map();     // node_id -> node JSON as the API answers, kept live
  const missions = new Map();  // mission_id -> mission JSON
  const pendingNodes = new Set();
  const missionTimers = new Map();
  const faults = [];           // {at: Date, node_id, status, text}
  const alerts = [];
  let nodePage = 0, nodesDirty = true, mapDirty = true, missionsDirty = true, events = 0;
  const map = FleetMap.create($('map'), colourOf);
  window.openastroConsole = { nodes, missions, map, faults, alerts, eventsSeen: () => events };

  // ---- reading the API ----
  async function getJson(path) {
    const r = await fetch(path, { headers: { accept: 'application/json' } });
    if (!r.ok) throw new Error(path + ': ' + r.status);
    return r.json();
  }

  async function loadNodes() {
    let page = null;
    do {
      const body = await getJson('/api/v1/nodes?limit=' + LIST_PAGE + (page ? '&page=' + encodeURIComponent(page) : ''));
      for (const n of body.nodes) {
        const known = nodes.get(n.node_id);
        if (!known || !known.live || newer(n.last_heartbeat, known.last_heartbeat)) nodes.set(n.node_id, n);
      }
      page = body.next_page;
      nodesDirty = mapDirty = true;
    } while (page);
    // Faults from before the page opened: the stream only tells of new ones, so the list shows these
    // at their last heartbeat (when the silence began).
    for (const n of nodes.values()) {
      if (n.status === 'FAULTED' && !faults.some(f => f.node_id === n.node_id)) {
        faults.push({ at: new Date(n.last_heartbeat || 0), node_id: n.node_id, status: 'FAULTED',
          text: 'FAULTED (silent since then; found at load)' });
      }
    }
    faults.sort((a, b) => b.at - a.at);
    faults.length = Math.min(faults.length, FEED_MAX);
    renderFaults();
  }

  async function loadMissions() {
    for (const status of ['PENDING', 'IN_PROGRESS']) {
      let page = null, count = 0;
      do {
        const body = await getJson('/api/v1/missions?status=' + status + '&limit=' + LIST_PAGE
          + (page ? '&page=' + encodeURIComponent(page) : ''));
        for (const m of body.missions) {
          missions.set(m.mission_id, Object.assign(missions.get(m.mission_id) || {}, m));
          if (m.alert_source_id && !alerts.some(a => a.mission_id === m.mission_id)) {
            addAlert({ at: new Date(m.alert_notice_at || Date.now()), mission_id: m.mission_id,
              text: m.alert_source_id + ' ' + m.science_case + ' at ' + fmtRaDec(m) + ' (' + m.status + ')' });
          }
        }
        count += body.missions.length;
        page = body.next_page;
      } while (page && count < MAX_MISSIONS);
    }
    missionsDirty = true;
  }

  function newer(a, b) { return a && (!b || Date.parse(a) > Date.parse(b)); }

  function fetchNode(id) {
    if (pendingNodes.has(id)) return;
    pendingNodes.add(id);
    getJson('/api/v1/nodes/' + id).then(n => {
      const known = nodes.get(id);
      nodes.set(id, known && known.live ? Object.assign(n, liveFields(known)) : n);
      nodesDirty = mapDirty = true;
    }).catch(() => {}).finally(() => pendingNodes.delete(id));
  }

  function liveFields(n) {
    return { status: n.status, last_heartbeat: n.last_heartbeat, current_task_id: n.current_task_id, live: true };
  }

  function refreshMission(id) {
    if (missionTimers.has(id)) return; // one read per MISSION_REFRESH_MS, whatever the progress rate
    missionTimers.set(id, setTimeout(() => {
      missionTimers.delete(id);
      getJson('/api/v1/missions/' + id).then(m => {
        missions.set(id, Object.assign(missions.get(id) || {}, m));
        missionsDirty = true;
        const open = document.querySelector('.mission[data-mission-id="' + id + '"] .detail');
        if (open && open.dataset.open === 'true') loadDetail(id, open);
      }).catch(() => {});
    }, missions.has(id) ? MISSION_REFRESH_MS : 0));
  }

  // ---- the live stream ----
  const handlers = {
    'node.heartbeat': e => (e.heartbeats || [e]).forEach(h => {
      const n = nodes.get(h.node_id);
      if (!n) { fetchNode(h.node_id); return; }
      if (newer(h.received_at, n.last_heartbeat)) n.last_heartbeat = h.received_at;
      if (h.status) n.status = h.status;
      if ('current_task_id' in h && h.current_task_id !== undefined) n.current_task_id = h.current_task_id;
      n.live = true;
      nodesDirty = mapDirty = true;
    }),
    'node.status': e => {
      const n = nodes.get(e.node_id);
      if (n) { n.status = e.status; n.live = true; } else fetchNode(e.node_id);
      addFault({ at: new Date(e.at), node_id: e.node_id, status: e.status,
        text: e.status === 'FAULTED' ? 'FAULTED (silent; its work reassigned)' : e.previous_status + ' \u2192 ' + e.status + ' (heard again)' });
      nodesDirty = mapDirty = true;
    },
    'node.progress': e => { refreshMission(e.mission_id); },
    'node.downlink': e => {
      const t = e.task || {};
      // A node reports its current task only when it says so; until then show what it was last given.
      const n = nodes.get(e.node_id);
      if (n && e.type === 'assignment') { n.assigned_task_id = t.task_id; nodesDirty = true; }
      if (n && e.type === 'cancellation' && n.assigned_task_id === t.task_id) { n.assigned_task_id = null; nodesDirty = true; }
      if (e.type === 'cancellation' && (e.reason === 'preempted' || e.reason === 'retracted' || e.reason === 'relocated')) {
        addFault({ at: new Date(), node_id: e.node_id, status: 'PREEMPTED',
          text: 'task ' + short(t.task_id) + ' ' + e.reason + (e.preempted_by ? ' by ' + short(e.preempted_by) : '') });
      }
      if (t.mission_id) refreshMission(t.mission_id);
    },
    'mission.created': e => {
      refreshMission(e.mission_id);
      if (e.alert_source_id) addAlert({ at: new Date(e.created_at), mission_id: e.mission_id,
        text: 'new ' + e.science_case + ' mission from ' + e.alert_source_id + ', priority ' + e.priority });
    },
    'mission.relocated': e => {
      refreshMission(e.mission_id);
      addAlert({ at: new Date(e.relocated_at), mission_id: e.mission_id,
        text: e.alert_source_id + ' moved to RA ' + e.target_ra.toFixed(3) + ' Dec ' + e.target_dec.toFixed(3)
          + (e.error_radius_deg != null ? ' \u00b1' + e.error_radius_deg + '\u00b0' : '') });
    },
    'mission.completed': e => { refreshMission(e.mission_id); },
    'node.connection': () => {},
    reset: () => { reload(); },
  };

  let source = null;
  function connect() {
    const state = $('stream-state');
    source = new EventSource('/api/v1/events'); // resumes by itself with Last-Event-ID after a drop
    source.onopen = () => { state.textContent = 'live'; state.className = 'stream live'; };
    source.onerror = () => {
      state.textContent = 'reconnecting'; state.className = 'stream connecting';
      if (source.readyState === EventSource.CLOSED) { // refused (503): try again later, from scratch
        state.textContent = 'down'; state.className = 'stream down';
        setTimeout(() => { connect(); reload(); }, 5000);
      }
    };
    for (const type of Object.keys(handlers)) {
      source.addEventListener(type, m => {
        events++;
        try { handlers[type](JSON.parse(m.data || '{}')); } catch (err) { console.warn(type, err); }
      });
    }
  }

  function reload() {
    loadNodes().catch(e => console.warn(e));
    loadMissions().catch(e => console.warn(e));
  }

  // ---- views ----
  function ageS(n, now) { return n.last_heartbeat ? (now - Date.parse(n.last_heartbeat)) / 1000 : Infinity; }

  function colourOf(n, now) {
    if ((n.status === 'ONLINE' || n.status === 'BUSY') && ageS(n, now) > LATE_AFTER_S) return 'LATE';
    return n.status;
  }

  function fmtAge(s) {
    if (!isFinite(s)) return 'never';
    if (s < 90) return Math.max(0, Math.round(s)) + ' s ago';
    if (s < 5400) return Math.round(s / 60) + ' min ago';
    return Math.round(s / 3600) + ' h ago';
  }
  function short(id) { return id ? String(id).slice(0, 8) : '\u2013'; }
  function fmtRaDec(m) { return 'RA ' + (+m.target_ra).toFixed(2) + ' Dec ' + (+m.target_dec).toFixed(2); }
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }

  const STATUS_ORDER = { FAULTED: 0, ONLINE: 1, BUSY: 2, PARKED: 3 };
  function renderNodes(now) {
    const wanted = $('node-status-filter').value;
    const text = $('node-filter').value.trim().toLowerCase();
    const counts = { ONLINE: 0, BUSY: 0, PARKED: 0, FAULTED: 0 };
    const rows = [];
    const age = new Map(); // once per node per render: the sort compares each one many times
    for (const n of nodes.values()) {
      counts[n.status] = (counts[n.status] || 0) + 1;
      if (wanted && n.status !== wanted) continue;
      if (text && !n.node_id.includes(text) && !(n.filters || []).some(f => f.toLowerCase().includes(text))) continue;
      rows.push(n);
      age.set(n, ageS(n, now));
    }
    $('fleet-counts').textContent = nodes.size + ' nodes: ' + Object.entries(counts).map(([s, c]) => c + ' ' + s).join(', ');
    // late ones first among their status, then by id: a stable order that does not shuffle as ages tick
    const late = n => (age.get(n) > LATE_AFTER_S ? 0 : 1);
    rows.sort((a, b) => (STATUS_ORDER[a.status] - STATUS_ORDER[b.status]) || (late(a) - late(b))
      || (a.node_id < b.node_id ? -1 : a.node_id > b.node_id ? 1 : 0));
    const pages = Math.max(1, Math.ceil(rows.length / NODE_PAGE_ROWS));
    nodePage = Math.min(nodePage, pages - 1);
    $('node-page').textContent = 'page ' + (nodePage + 1) + ' of ' + pages + ' (' + rows.length + ')';
    const body = document.createDocumentFragment();
    for (const n of rows.slice(nodePage * NODE_PAGE_ROWS, (nodePage + 1) * NODE_PAGE_ROWS)) {
      const age = ageS(n, now);
      const late = colourOf(n, now) === 'LATE';
      body.append(el('tr', { 'data-node-id': n.node_id, 'data-status': n.status },
        el('td', { class: 'status status-' + n.status }, n.status),
        el('td', { class: 'id', title: n.node_id }, short(n.node_id)),
        el('td', { class: 'age' + (late ? ' late' : '') }, fmtAge(age)),
        n.current_task_id || !n.assigned_task_id
          ? el('td', { class: 'id task', title: n.current_task_id || '' }, short(n.current_task_id))
          : el('td', { class: 'id task', title: n.assigned_task_id + ' (assigned; not yet reported by the node)' },
            short(n.assigned_task_id) + ' (assigned)'),
        el('td', {}, n.aperture_mm != null ? n.aperture_mm + ' mm' : '\u2013'),
        el('td', {}, (n.filters || []).join(' ') || '\u2013'),
        el('td', {}, n.reliability_score != null ? (+n.reliability_score).toFixed(2) : '\u2013')));
    }
    $('nodes').tBodies[0].replaceChildren(body);
  }

  function renderMissions() {
    const open = [...missions.values()].sort((a, b) => (b.priority - a.priority) || a.mission_id.localeCompare(b.mission_id));
    $('mission-count').textContent = open.length > MISSION_ROWS ? MISSION_ROWS + ' of ' + open.length : String(open.length);
    const box = $('missions');
    const seen = new Set();
    for (const m of open.slice(0, MISSION_ROWS)) {
      seen.add(m.mission_id);
      let row = box.querySelector('.mission[data-mission-id="' + m.mission_id + '"]');
      if (!row) {
        row = el('div', { class: 'mission', 'data-mission-id': m.mission_id },
          el('div', { class: 'head' },
            el('button', { type: 'button', class: 'expand', title: 'tasks and artifacts' }, '\u25b8'),
            el('span', { class: 'id', title: m.mission_id }, short(m.mission_id)),
            el('span', { class: 'case' }), el('span', { class: 'mstatus' }),
            el('div', { class: 'bar' }, el('div', { class: 'fill' }), el('span', { class: 'amount' })),
            el('button', { type: 'button', class: 'cancel' }, 'cancel')),
          el('div', { class: 'detail', 'data-open': 'false' }));
        row.querySelector('.expand').onclick = () => toggleDetail(m.mission_id, row.querySelector('.detail'));
        row.querySelector('.cancel').onclick = () => cancelMission(m.mission_id);
      }
      box.append(row); // (re)placed in priority order: a new urgent mission goes to the top, not the end
      const required = +m.total_exposure_required_s || 0, done = Math.min(+m.total_exposure_completed_s || 0, required);
      const bar = row.querySelector('.bar');
      bar.dataset.completed = String(done);
      bar.dataset.required = String(required);
      bar.querySelector('.fill').style.width = (required ? 100 * done / required : 0).toFixed(1) + '%';
      bar.querySelector('.amount').textContent = Math.round(done) + ' / ' + Math.round(required) + ' s';
      row.querySelector('.case').textContent = m.science_case + ' p' + m.priority;
      const st = row.querySelector('.mstatus');
      st.textContent = m.status; st.className = 'mstatus status-' + m.status;
      row.querySelector('.cancel').hidden = !(m.status === 'PENDING' || m.status === 'IN_PROGRESS');
    }
    for (const row of [...box.children]) if (!seen.has(row.dataset.missionId)) row.remove();
  }

  function toggleDetail(id, detail) {
    const open = detail.dataset.open !== 'true';
    detail.dataset.open = String(open);
    if (open) loadDetail(id, detail); else detail.replaceChildren();
  }

  async function loadDetail(id, detail) {
    try {
      const [tasks, artifacts] = await Promise.all([getJson('/api/v1/missions/' + id + '/tasks'),
        getJson('/api/v1/missions/' + id + '/artifacts')]);
      const t = el('table', {}, el('tr', {}, el('th', {}, 'task'), el('th', {}, 'node'), el('th', {}, 'status'),
        el('th', {}, 'delivered / required')));
      for (const x of tasks.tasks || []) {
        t.append(el('tr', { 'data-task-id': x.task_id }, el('td', { class: 'id' }, short(x.task_id)),
          el('td', { class: 'id' }, short(x.assigned_node_id)), el('td', {}, x.status),
          el('td', {}, Math.round(x.exposure_delivered_s) + ' / ' + Math.round(x.exposure_required_s) + ' s')));
      }
      const a = el('ul', {});
      for (const x of artifacts.artifacts || []) {
        a.append(el('li', {}, el('a', { href: '/api/v1/artifacts/' + x.artifact_id + '/content' }, x.artifact_type + ' '
          + short(x.artifact_id)), ' ' + (x.public_after ? 'public after ' + x.public_after : '')));
      }
      if (!a.children.length) a.append(el('li', {}, 'no artifacts yet'));
      if (detail.dataset.open === 'true') detail.replaceChildren(t, a);
    } catch (e) {
      detail.replaceChildren(el('span', { class: 'late' }, String(e.message)));
    }
  }

  async function cancelMission(id) {
    const key = sessionStorage.getItem(KEY_ITEM);
    if (!key) { alert('Enter an API key (the mission owner\'s, or an admin\'s) to cancel.'); return; }
    if (!confirm('Cancel mission ' + id + '?')) return;
    const r = await fetch('/api/v1/missions/' + id + '/cancel', { method: 'POST', headers: { authorization: 'Bearer ' + key } });
    const body = await r.json().catch(() => ({}));
    if (r.ok) { missions.set(id, Object.assign(missions.get(id) || {}, body)); missionsDirty = true; }
    else alert('Not cancelled: ' + (body.message || r.status));
  }

  function addFault(f) { faults.unshift(f); faults.length = Math.min(faults.length, FEED_MAX); renderFaults(); }
  function addAlert(a) {
    alerts.unshift(a); alerts.sort((x, y) => y.at - x.at); alerts.length = Math.min(alerts.length, FEED_MAX);
    const list = $('alerts');
    list.replaceChildren(...alerts.map(x => el('li', { 'data-mission-id': x.mission_id },
      el('time', {}, x.at.toISOString().slice(5, 19).replace('T', ' ')), x.text)));
  }

  function renderFaults() {
    $('faults').replaceChildren(...faults.map(f => el('li', { 'data-node-id': f.node_id, 'data-status': f.status },
      el('time', {}, f.at.toISOString().slice(11, 19)), el('span', { class: 'status-' + f.status }, short(f.node_id)),
      ' ' + f.text)));
    const svg = $('fault-strip'), now = Date.now(), hour = 3600000, ns = 'http://www.w3.org/2000/svg';
    svg.replaceChildren();
    for (const f of faults) {
      const x = 600 * (1 - (now - f.at) / hour);
      if (x < 0) continue;
      const line = document.createElementNS(ns, 'line');
      line.setAttribute('x1', x); line.setAttribute('x2', x); line.setAttribute('y1', 4); line.setAttribute('y2', 36);
      line.setAttribute('stroke', f.status === 'FAULTED' ? '#e74c3c' : f.status === 'PREEMPTED' ? '#f39c12' : '#2ecc71');
      line.setAttribute('stroke-width', 2);
      const title = document.createElementNS(ns, 'title'); title.textContent = short(f.node_id) + ' ' + f.text;
      line.append(title); svg.append(line);
    }
  }

  // ---- the API key: this tab only ----
  function showKey() { $('key-state').textContent = sessionStorage.getItem(KEY_ITEM) ? 'key set' : 'read only'; }
  $('key-form').onsubmit = ev => {
    ev.preventDefault();
    const k = $('api-key').value.trim();
    if (k) sessionStorage.setItem(KEY_ITEM, k);
    $('api-key').value = '';
    showKey();
  };
  $('key-forget').onclick = () => { sessionStorage.removeItem(KEY_ITEM); showKey(); };
  $('node-status-filter').onchange = $('node-filter').oninput = () => { nodePage = 0; nodesDirty = true; };
  $('node-prev').onclick = () => { nodePage = Math.max(0, nodePage - 1); nodesDirty = true; };
  $('node-next').onclick = () => { nodePage++; nodesDirty = true; };

  // Rendering runs on one timer, however fast events arrive: ages tick, and a burst of 10,000
  // heartbeats is one table page and one map frame.
  let ticks = 0;
  setInterval(() => {
    const now = new Date();
    ticks++;
    if (nodesDirty || ticks % 2 === 0) { renderNodes(now); nodesDirty = false; }
    if (mapDirty || ticks % 10 === 0) { map.draw(nodes.values(), now); mapDirty = false; }
    if (missionsDirty) { renderMissions(); missionsDirty = false; }
    if (ticks % 30 === 0) renderFaults();
  }, 500);

  // One full render (table page and map frame) now, timed in ms: how the end-to-end test checks
  // that 10,000 nodes still fit well inside the render period.
  window.openastroConsole.renderTimed = () => {
    const start = performance.now(), now = new Date();
    renderNodes(now);
    map.draw(nodes.values(), now);
    return performance.now() - start;
  };

  showKey();
  connect();
  reload();
})();
