import express from 'express';
import { CATEGORIES } from '../domain/information/categories.js';
import { categoryEnumName } from '../domain/information/information.type.js';

/**
 * The Policy Explorer at /explorer: one hand-written page (no CDN, no build step) on which a privacy
 * officer reads a policy's access matrix, explains what a member would get of a case and why
 * (explainAccess), compares two versions (policyDiff) and tries a draft (dry run). It only calls the
 * GraphQL API with the officer's token; everything it shows comes from there.
 */
export function explorerRouter(): express.Router {
  const router = express.Router();
  router.get('/explorer', (_req, res) => {
    res.type('html').send(PAGE);
  });
  return router;
}

const FIELDS = JSON.stringify(CATEGORIES.map((c) => ({ key: c.key, field: c.field, enumName: categoryEnumName(c.key), label: c.label })));

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>Schakel — Policy Explorer</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0 1.5rem 3rem; color: #1d2430; }
  h1 { font-size: 1.4rem; margin: 1rem 0 .25rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #ccd; }
  fieldset { border: 1px solid #ccd; margin: .5rem 0; } label { margin-right: 1rem; white-space: nowrap; }
  input[type=text], select { padding: .2rem; } textarea { width: 100%; height: 6rem; font-family: monospace; }
  table { border-collapse: collapse; margin: .5rem 0; } th, td { border: 1px solid #ccd; padding: .15rem .4rem; text-align: left; vertical-align: top; }
  td.ALLOW { background: #cdeccd; } td.CONDITIONAL { background: #fff1bf; } td.DENY { color: #999; }
  .ALLOW-text { color: #166b16; font-weight: bold; } .DENY-text { color: #a01818; font-weight: bold; }
  #error { color: #a01818; white-space: pre-wrap; } .muted { color: #667; } .passed { color: #166b16; } .failed { color: #a01818; }
</style>
</head>
<body>
<h1>Policy Explorer</h1>
<p class="muted">For privacy officers: read, explain, test and compare the access policies. Every answer comes from the API's own engine.</p>
<div id="error" role="alert"></div>

<h2>Sign in</h2>
<fieldset>
  <label>Token <input type="text" id="token" size="60" placeholder="development: npm run token -- privacy.zeist" /></label>
  <button id="connect">Connect</button> <span id="whoami" class="muted"></span>
</fieldset>

<h2>Policy</h2>
<fieldset>
  <label>Collaboration <select id="collaboration"></select></label>
  <label>Version <select id="version"></select></label>
  <button id="show-matrix">Show matrix</button>
  <a id="csv" download="matrix.csv" hidden>CSV</a>
  <details><summary>Dry run: a draft policy (YAML) instead of the stored versions — validated, never stored</summary><textarea id="draft" spellcheck="false"></textarea></details>
</fieldset>
<div id="matrix-title" class="muted"></div>
<div id="matrix"></div>

<h2>Explain</h2>
<fieldset>
  <label>Member <input type="text" id="persona" value="woonconsulent.zeist" /></label>
  <label>Case <input type="text" id="case" value="ZST-2026-001" size="14" /></label>
  <label>Subject <input type="text" id="subject" placeholder="pseudonym (optional)" size="14" /></label>
  <label>Field <select id="field"></select></label>
  <label>Purpose <select id="purpose"><option value="">(none)</option></select></label>
  <button id="explain">Explain</button>
</fieldset>
<div id="explain-result"></div>

<h2>Compare versions</h2>
<fieldset>
  <label>From <select id="diff-from"></select></label>
  <label>To <select id="diff-to"></select></label>
  <label><input type="checkbox" id="diff-draft" /> compare with the draft instead</label>
  <button id="diff">Compare</button>
</fieldset>
<div id="diff-result"></div>

<script>
const FIELDS = ${FIELDS};
const $ = (id) => document.getElementById(id);
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

async function gql(query, variables) {
  $('error').textContent = '';
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + $('token').value.trim() },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json().catch(() => ({}));
  if (body.errors?.length) {
    $('error').textContent = body.errors.map((e) => (e.extensions?.code ?? 'ERROR') + ': ' + e.message + (e.extensions?.problems ? '\\n  ' + e.extensions.problems.join('\\n  ') : '')).join('\\n');
    throw new Error('request failed');
  }
  return body.data;
}
const draft = () => $('draft').value.trim() || null;
const options = (sel, items, selected) => { sel.innerHTML = items.map(([v, t]) => '<option value="' + esc(v) + '"' + (v === selected ? ' selected' : '') + '>' + esc(t) + '</option>').join(''); };

$('field').innerHTML = '<option value="*">(every field)</option>' + FIELDS.map((f) => '<option value="' + f.field + '">' + f.field + ' — ' + esc(f.key) + '</option>').join('');

$('connect').onclick = async () => {
  const d = await gql('{ me { login name roles organisation { name } } collaborations { slug name } }');
  $('whoami').textContent = 'Signed in as ' + d.me.login + ' (' + d.me.organisation.name + '; ' + d.me.roles.join(', ') + ')';
  options($('collaboration'), d.collaborations.map((c) => [c.slug, c.name]));
  await loadVersions();
};

async function loadVersions() {
  const d = await gql('query($c: String!) { policyVersions(collaboration: $c) { version active } }', { c: $('collaboration').value });
  const active = d.policyVersions.find((v) => v.active)?.version;
  const items = d.policyVersions.map((v) => [v.version, v.version + (v.active ? ' (active)' : '')]);
  options($('version'), items, active);
  options($('diff-from'), items, active);
  options($('diff-to'), items, d.policyVersions.at(-1)?.version);
}
$('collaboration').onchange = loadVersions;

$('show-matrix').onclick = async () => {
  const d = await gql('query($c: String!, $v: String, $d: String) { accessMatrix(collaboration: $c, version: $v, draftPolicy: $d) { policyVersion sectors purposes { key label police } csv cells { category field sector participation status purposes conditions } } }',
    { c: $('collaboration').value, v: draft() ? null : $('version').value, d: draft() });
  const m = d.accessMatrix;
  $('matrix-title').textContent = 'Access matrix of ' + m.policyVersion + ' — ALLOW: no condition beyond the purpose; CONDITIONAL: see the conditions (hover for purposes); P = partner, AH = ad-hoc participant.';
  const cols = m.sectors.flatMap((s) => [[s, 'PARTNER'], [s, 'AD_HOC']]);
  let html = '<table id="matrix-table"><tr><th>category</th>' + cols.map(([s, p]) => '<th>' + esc(s) + '<br>' + (p === 'PARTNER' ? 'P' : 'AH') + '</th>').join('') + '</tr>';
  for (const f of FIELDS) {
    html += '<tr><th>' + esc(f.key) + '</th>' + cols.map(([s, p]) => {
      const c = m.cells.find((x) => x.category === f.enumName && x.sector === s && x.participation === p);
      const title = c.status === 'DENY' ? 'no grant' : 'purposes: ' + c.purposes.join(', ') + '\\nconditions: ' + (c.conditions.join(', ') || 'none');
      return '<td class="' + c.status + '" title="' + esc(title) + '">' + c.status + (c.status === 'CONDITIONAL' ? '<br><small>' + esc(c.conditions.join(' ')) + '</small>' : '') + '</td>';
    }).join('') + '</tr>';
  }
  $('matrix').innerHTML = html + '</table>';
  $('csv').href = 'data:text/csv;charset=utf-8,' + encodeURIComponent(m.csv); $('csv').hidden = false;
  const keep = $('purpose').value;
  options($('purpose'), [['', '(none)'], ...m.purposes.map((p) => [p.key, p.key + (p.police ? ' (police data)' : '')])], keep);
};

const EXPLAIN_FIELDS = 'decision reason field policyVersion draft member organisation sector participation purpose caseReference subject grant article art20DecisionId itemConditions checks { check passed article detail } items { id provider providedAt visible reason }';
$('explain').onclick = async () => {
  const base = { member: $('persona').value.trim(), case: $('case').value.trim(), subject: $('subject').value.trim() || null, purpose: $('purpose').value || null,
    version: draft() ? null : $('version').value, draftPolicy: draft() };
  const fields = $('field').value === '*' ? FIELDS.map((f) => f.field) : [$('field').value];
  const query = 'query(' + fields.map((f) => '$' + f + ': ExplainAccessInput!').join(', ') + ') { ' +
    fields.map((f) => f + ': explainAccess(input: $' + f + ') { ' + EXPLAIN_FIELDS + ' }').join(' ') + ' }';
  const d = await gql(query, Object.fromEntries(fields.map((f) => [f, { ...base, field: f }])));
  const list = fields.map((f) => d[f]);
  const e0 = list[0];
  let html = '<p>' + esc(e0.member) + ' (' + esc(e0.organisation) + ', ' + esc(e0.sector) + ', takes part as ' + esc(e0.participation ?? 'nothing') + ') in ' + esc(e0.caseReference) +
    (e0.subject ? ', subject ' + esc(e0.subject) : '') + ', purpose ' + esc(e0.purpose ?? '(none)') + ', policy ' + esc(e0.policyVersion) + '</p>';
  html += '<table id="explain-table"><tr><th>field</th><th>decision</th><th>reason</th><th>grant</th><th>article</th></tr>' +
    list.map((e) => '<tr><td>' + esc(e.field) + '</td><td class="' + e.decision + '-text">' + e.decision + '</td><td>' + esc(e.reason ?? '') + '</td><td>' + esc(e.grant ?? '') + '</td><td>' + esc(e.article ?? '') + '</td></tr>').join('') + '</table>';
  if (list.length === 1) {
    html += '<h3>Checks</h3><table id="checks"><tr><th>check</th><th>outcome</th><th>detail</th><th>article</th></tr>' +
      e0.checks.map((c) => '<tr><td>' + esc(c.check) + '</td><td class="' + (c.passed ? 'passed">passed' : 'failed">failed') + '</td><td>' + esc(c.detail) + '</td><td>' + esc(c.article) + '</td></tr>').join('') + '</table>';
    if (e0.itemConditions.length) html += '<p>An item of another organisation is shown when it passes: ' + e0.itemConditions.map(esc).join(' <em>or</em> ') + '</p>';
    if (e0.items.length) html += '<h3>Items</h3><table id="items"><tr><th>item</th><th>provider</th><th>provided</th><th>shown</th><th>why</th></tr>' +
      e0.items.map((i) => '<tr><td>' + esc(i.id.slice(0, 8)) + '</td><td>' + esc(i.provider) + '</td><td>' + esc(i.providedAt) + '</td><td>' + (i.visible ? 'shown' : 'withheld') + '</td><td>' + esc(i.reason) + '</td></tr>').join('') + '</table>';
  }
  $('explain-result').innerHTML = html;
};

$('diff').onclick = async () => {
  const useDraft = $('diff-draft').checked;
  const d = await gql('query($c: String!, $f: String!, $t: String, $d: String) { policyDiff(collaboration: $c, from: $f, to: $t, draftPolicy: $d) { from to changes { kind sentence } } }',
    { c: $('collaboration').value, f: $('diff-from').value, t: useDraft ? null : $('diff-to').value, d: useDraft ? draft() : null });
  const p = d.policyDiff;
  $('diff-result').innerHTML = '<p>From ' + esc(p.from) + ' to ' + esc(p.to) + ': ' + (p.changes.length ? p.changes.length + ' change(s)' : 'no decision changes') + '</p><ul id="changes">' +
    p.changes.map((c) => '<li><strong>' + esc(c.kind) + '</strong> ' + esc(c.sentence) + '</li>').join('') + '</ul>';
};
</script>
</body>
</html>`;
