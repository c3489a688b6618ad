package cli

// dashboardHTML is the instructor's dashboard: every trainee's latest
// attempt, sortable by any column, refreshed on every hand-in event.
// With .Partial only the table is written (for the refresh).
const dashboardHTML = `{{define "table"}}<table id="results" class="sortable">
<thead><tr><th>Work</th><th data-type="text">Trainee</th><th data-type="text">Exercise</th><th data-type="num">Attempts</th><th data-type="text">Handed in</th><th data-type="num">Overall</th>{{range .Columns}}<th data-type="num">{{.Name}}</th>{{end}}<th data-type="text">Recurring faults</th></tr></thead>
<tbody>{{range .Rows}}<tr data-id="{{.ID}}" data-trainee="{{.Trainee}}">
<td><a href="/page/{{.ID}}/"><img src="/thumb/{{.ID}}" width="80" height="80" alt="{{.Trainee}}'s work" loading="lazy"></a></td>
<td data-sort="{{.Trainee}}"><a href="/page/{{.ID}}/">{{.Trainee}}</a></td>
<td data-sort="{{.Exercise}}">{{if .Exercise}}{{.Exercise}}{{else}}free practice on {{.Template}}{{end}}</td>
<td class="num" data-sort="{{.Attempts}}">{{.Attempts}}</td>
<td data-sort="{{.Date.UTC.Format "2006-01-02T15:04:05"}}">{{.Date.UTC.Format "2 Jan 15:04"}} UTC</td>
<td class="num overall" data-sort="{{.Overall}}" data-value="{{.Overall}}"><b>{{printf "%.1f" .Overall}}</b></td>
{{range .Cells}}{{if .Has}}<td class="num{{if .Low}} low{{end}}" data-criterion="{{.ID}}" data-sort="{{.Score}}" data-value="{{.Score}}">{{.Text}}</td>{{else}}<td class="na" data-sort="-1">–</td>{{end}}{{end}}
<td data-sort="{{len .Recurring}}">{{range $i, $c := .Recurring}}{{if $i}}, {{end}}<code>{{$c}}</code>{{else}}–{{end}}</td>
</tr>{{else}}<tr><td colspan="99">No hand-ins yet. Trainees hand in from the trainer with the class code.</td></tr>{{end}}</tbody>
</table>{{end}}{{if .Partial}}{{template "table" .}}{{else}}<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class dashboard · smpgrade</title>
<style>
body { font: 14px/1.4 "DejaVu Sans", "Liberation Sans", Helvetica, Arial, sans-serif; margin: 16px; color: #111; }
h1 { font-size: 20px; margin: 0 0 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: middle; }
th { background: #f2f2f2; cursor: pointer; user-select: none; position: sticky; top: 0; }
th[aria-sort="ascending"]::after { content: " ▲"; font-size: 10px; }
th[aria-sort="descending"]::after { content: " ▼"; font-size: 10px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.low { font-weight: bold; color: #a40000; }
td.low::after { content: " ▼"; font-size: 9px; }
td.na { color: #888; text-align: center; }
img { display: block; border: 1px solid #bbb; }
#status { color: #555; }
tr.fresh { animation: fresh 2s; }
@keyframes fresh { from { background: #fff3b0; } to { background: transparent; } }
</style></head>
<body>
<h1>Class dashboard</h1>
<p id="status">Each trainee's latest hand-in; click a heading to sort, a name for the full page. Scores under {{.Low}} are marked ▼. Updated <span id="updated">{{.Updated}}</span>; <span id="live">connecting…</span></p>
<div id="table">{{template "table" .}}</div>
<script>
(function () {
  var sortCol = -1, sortDir = 1;
  function sortTable() {
    var t = document.getElementById('results');
    if (!t || sortCol < 0) return;
    var hs = t.tHead.rows[0].cells, num = hs[sortCol].getAttribute('data-type') === 'num';
    for (var i = 0; i < hs.length; i++) hs[i].removeAttribute('aria-sort');
    hs[sortCol].setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(t.tBodies[0].rows);
    rows.sort(function (a, b) {
      var x = a.cells[sortCol] ? a.cells[sortCol].getAttribute('data-sort') || '' : '';
      var y = b.cells[sortCol] ? b.cells[sortCol].getAttribute('data-sort') || '' : '';
      if (num) return sortDir * (parseFloat(x) - parseFloat(y));
      return sortDir * x.localeCompare(y);
    });
    rows.forEach(function (r) { t.tBodies[0].appendChild(r); });
  }
  function wire() {
    var t = document.getElementById('results');
    if (!t) return;
    var hs = t.tHead.rows[0].cells;
    for (var i = 1; i < hs.length; i++) {
      hs[i].tabIndex = 0;
      hs[i].onclick = (function (c) { return function () { sortDir = (sortCol === c) ? -sortDir : (c === 1 ? 1 : -1); sortCol = c; sortTable(); }; })(i);
    }
    sortTable();
  }
  function refresh(fresh) {
    fetch('/dashboard/table', {credentials: 'same-origin'}).then(function (r) { return r.text(); }).then(function (html) {
      document.getElementById('table').innerHTML = html;
      document.getElementById('updated').textContent = new Date().toLocaleTimeString();
      wire();
      if (fresh) {
        var row = document.querySelector('tr[data-id="' + fresh + '"]');
        if (row) row.className = 'fresh';
      }
      document.body.setAttribute('data-refreshed', String(Date.now()));
    });
  }
  wire();
  if (window.EventSource) {
    var es = new EventSource('/events');
    es.onopen = function () { document.getElementById('live').textContent = 'live'; };
    es.onerror = function () { document.getElementById('live').textContent = 'reconnecting…'; };
    es.addEventListener('handin', function (e) { var d = JSON.parse(e.data); refresh(d.id); });
  }
})();
</script>
</body></html>{{end}}`

// homeHTML is what a trainee sees at the server's address.
const homeHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SMP trainer · class</title>
<style>body { font: 15px/1.5 "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #111; } code { background: #f2f2f2; padding: 0 3px; }</style>
</head><body>
<h1>SMP trainer — class</h1>
{{if .Built}}<form action="/trainer/index.html" method="get">
<p><label>Class code <input name="code" size="8" autocomplete="off" value="{{.Code}}" required></label>
<label>Your name <input name="trainee" size="24" required></label>
<button type="submit">Open the trainer in this browser</button> — nothing to install; Ctrl+Shift+H hands your work in to this server.</p>
</form>{{else}}<p>The browser edition of the trainer has not been built on this server. The instructor builds it with <code>make web WEB=DIR/web</code> (see the README) and restarts the server; meanwhile use the desktop trainer.</p>{{end}}
<h2>Handing in</h2>
<p>Your instructor gives you the <b>class code</b>. The trainer sends your session file to this server with the code and your name; the instructor's dashboard shows it within seconds. Each hand-in is kept as its own attempt, never overwritten. Other trainees cannot see your work.</p>
<p>From a terminal (any tool that can send a file works):</p>
<pre><code>curl --data-binary @my-session.json -H "X-Class-Code: CODE" -H "X-Trainee: Your Name" http://THIS-SERVER/api/handin</code></pre>
<h2 id="browser-edition">The browser edition: what it keeps, and what it lacks</h2>
<ul>
<li><b>Your work stays in this browser.</b> The trainer autosaves a few seconds after every change into the browser's storage for this server's address. If the tab closes or the page reloads, opening it again in the same browser offers the unsaved work (Enter restores it).</li>
<li><b>Saving is a download.</b> Ctrl+S (or the Save and Save as buttons) downloads the session file to your downloads folder. Ctrl+O (or Open) opens a session file from your computer; you can also drop one on the page.</li>
<li><b>Handing in</b> (Ctrl+Shift+H, or the Hand in button) sends the work to this server with the class code and the name you gave above.</li>
</ul>
<p>What it lacks compared with the desktop trainer:</p>
<ul>
<li>It has no folders. The in-app file browser, the picture export (Ctrl+E) and a consultation's printable client sheet are desktop only.</li>
<li>The browser's storage is per browser and per server address, and holds about 5 MB: some 25,000 impressions of unsaved work in all. When it is full the trainer says so; download your work then. A private window, or clearing the site's data, loses what you have not downloaded or handed in. The last few seconds of work before a tab closes may not be autosaved.</li>
<li>The browser keeps some keys for itself (Ctrl+N, Ctrl+W, Ctrl+T): use the toolbar's buttons for those.</li>
<li>It draws through WebGL. On a computer without graphics acceleration it may be slow, and it takes a while to load the first time (about 9 MB).</li>
</ul>
</body></html>`

// trainerHTML runs the trainer's js/wasm build (make web) full-window.
const trainerHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SMP trainer</title>
<style>html, body { margin: 0; height: 100%; background: #222; color: #eee; font: 15px sans-serif; } #loading { padding: 2em; }</style>
</head><body>
<p id="loading">Loading the trainer… (about 9 MB the first time). <a href="/#browser-edition" style="color:#9cf">What the browser edition keeps and lacks</a></p>
<script src="/trainer/wasm_exec.js"></script>
<script>
(function () {
  var go = new Go();
  WebAssembly.instantiateStreaming(fetch('/trainer/trainer.wasm'), go.importObject).then(function (r) {
    document.getElementById('loading').remove();
    go.run(r.instance);
  }).catch(function (e) {
    document.getElementById('loading').firstChild.textContent = 'The trainer could not start in this browser: ' + e + '. ';
  });
})();
</script>
</body></html>`
