// herald dashboard. Every piece of stored or submitted text reaches the page through
// textContent / createTextNode (see el() and highlighted()), never as markup.
"use strict";

(() => {
  const QUAD = {
    1: ["Verbal cooperation", "#5b9bd5"],
    2: ["Material cooperation", "#1f5fa8"],
    3: ["Verbal conflict", "#f0a04b"],
    4: ["Material conflict", "#c8413b"],
  };
  const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
    "ASSAULT"];
  const PLOT_CONFIG = { displayModeBar: false, responsive: true };
  const FONT = { family: "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif", size: 12,
    color: "#1d2330" };

  // ---- small DOM helpers --------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = String(v);
      else if (k === "href") node.setAttribute("href", safeHref(v));
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  // Only same-site paths and http(s) URLs become links (no javascript: URLs from data).
  function safeHref(v) {
    const s = String(v);
    if (s.startsWith("/") && !s.startsWith("//")) return s;
    try {
      const u = new URL(s);
      if (u.protocol === "http:" || u.protocol === "https:") return u.href;
    } catch (_) { /* not a URL */ }
    return "#";
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  const $ = (sel) => document.querySelector(sel);
  const params = () => new URLSearchParams(location.search);
  const fmt = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en"));

  function toast(message) {
    const t = $("#toast");
    t.textContent = message;
    t.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { t.hidden = true; }, 6000);
  }

  async function api(path, options) {
    const res = await fetch(path, options);
    let body = null;
    try { body = await res.json(); } catch (_) { /* not JSON */ }
    if (!res.ok) {
      const msg = body && body.error ? body.error.message : `HTTP ${res.status}`;
      throw new Error(msg);
    }
    return body;
  }

  function guard(fn) {
    return (...args) => Promise.resolve(fn(...args)).catch((e) => toast(e.message));
  }

  // ---- domain rendering ---------------------------------------------------------------------

  // The sentence with its trigger, actor and recipient marked; spans are offsets into it.
  function highlighted(text, spans) {
    const p = el("p", { class: "sentence" });
    let at = 0;
    for (const s of (spans || []).slice().sort((a, b) => a.start - b.start)) {
      if (s.start < at || s.end > text.length) continue;
      p.append(document.createTextNode(text.slice(at, s.start)));
      p.append(el("mark", { class: s.role, title: s.role, text: text.slice(s.start, s.end) }));
      at = s.end;
    }
    p.append(document.createTextNode(text.slice(at)));
    return p;
  }

  function legend() {
    return el("div", { class: "legend" },
      el("mark", { class: "trigger", text: "trigger" }),
      el("mark", { class: "actor", text: "actor" }),
      el("mark", { class: "recipient", text: "recipient" }));
  }

  function badge(event, quad) {
    return el("span", { class: `badge q${quad || 0}`, title: QUAD[quad] ? QUAD[quad][0] : "", text: event || "?" });
  }

  function gold(g) {
    if (g === null || g === undefined) return el("span", { class: "gold", text: "–" });
    const cls = g > 0 ? "pos" : g < 0 ? "neg" : "";
    return el("span", { class: `gold ${cls}`, text: (g > 0 ? "+" : "") + Number(g).toFixed(1) });
  }

  function who(name, country, sector) {
    if (!name && !country) return "—";
    const code = [country, sector].filter(Boolean).join(" ");
    return name && code && name !== country ? `${name} (${code})` : (name || code);
  }

  function flags(e) {
    const out = [];
    if (e.negated) out.push(el("span", { class: "badge neg", text: "negated" }));
    if (e.modality && e.modality !== "asserted") out.push(el("span", { class: "badge mod", text: e.modality }));
    return out;
  }

  function eventItem(e, sentence) {
    const head = el("div", { class: "event-head" },
      el("span", { class: "date", text: e.date || "undated" }),
      badge(e.event, e.quad_code), ...flags(e),
      el("span", { class: "dyad-label", text: `${e.actor_name || "?"} → ${e.recipient_name || "—"}` }),
      gold(e.goldstein));
    return el("li", {}, head, sentence || el("div", { class: "muted", text: e.text || "" }));
  }

  function goldsteinColor(g) {
    // −10 red … 0 grey … +10 blue
    const t = Math.max(-1, Math.min(1, (g || 0) / 6));
    const mid = [170, 176, 188], red = [200, 65, 59], blue = [31, 95, 168];
    const to = t < 0 ? red : blue, k = Math.abs(t);
    const c = mid.map((m, i) => Math.round(m + (to[i] - m) * k));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  function plot(div, traces, layout) {
    const base = {
      font: FONT, margin: { l: 50, r: 20, t: 10, b: 40 }, paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)", hoverlabel: { font: Object.assign({}, FONT, { color: "#fff" }) },
      xaxis: { gridcolor: "#eef0f4" }, yaxis: { gridcolor: "#eef0f4", zerolinecolor: "#cfd4de" },
    };
    return Plotly.newPlot(div, traces, Object.assign(base, layout || {}), PLOT_CONFIG);
  }

  function empty(text) { return el("div", { class: "empty", text }); }

  // ---- pages --------------------------------------------------------------------------------

  async function overview() {
    const [data, al] = await Promise.all([api("/api/overview"), api("/api/alerts")]);
    const c = data.counts;
    const cards = clear($("#counts"));
    const period = c.first_day ? `${c.first_day} – ${c.last_day}` : "–";
    for (const [label, value] of [["Events", fmt(c.events)], ["Mentions", fmt(c.mentions)],
      ["Articles", fmt(c.articles)], ["Quotes", fmt(c.quotes)], ["Countries", fmt(c.countries)],
      ["Period", period]]) {
      cards.append(el("div", { class: "card" }, el("div", { class: "label", text: label }),
        el("div", { class: "value", text: value, style: label === "Period" ? "font-size:15px;padding-top:6px" : null })));
    }
    const months = [...new Set(data.volume.map((r) => r.month))];
    const traces = [1, 2, 3, 4].map((q) => {
      const byMonth = Object.fromEntries(data.volume.filter((r) => r.quad_code === q).map((r) => [r.month, r.events]));
      return { type: "bar", name: QUAD[q][0], x: months, y: months.map((m) => byMonth[m] || 0),
        marker: { color: QUAD[q][1] }, hovertemplate: "%{x}: %{y} events<extra>%{fullData.name}</extra>" };
    });
    if (months.length) {
      await plot("volume-chart", traces, { barmode: "stack", legend: { orientation: "h", y: 1.12, traceorder: "normal" },
        xaxis: { type: "category", gridcolor: "#eef0f4" }, margin: { l: 40, r: 10, t: 30, b: 60 } });
    } else {
      $("#volume-chart").append(empty("No dated events yet."));
    }

    const tbody = clear($("#top-dyads tbody"));
    for (const d of data.top_dyads) {
      tbody.append(el("tr", {},
        el("td", {}, el("a", { href: `/dyad?a=${encodeURIComponent(d.a)}&b=${encodeURIComponent(d.b)}`, text: d.a })),
        el("td", {}, el("a", { href: `/dyad?a=${encodeURIComponent(d.a)}&b=${encodeURIComponent(d.b)}`, text: d.b })),
        el("td", { class: "num", text: d.events }), el("td", { class: "num", text: d.cooperation }),
        el("td", { class: "num", text: d.conflict }), el("td", { class: "num" }, gold(d.goldstein_mean))));
    }
    if (!data.top_dyads.length) tbody.append(el("tr", {}, el("td", { colspan: 6 }, empty("No dyads yet."))));

    const alerts = clear($("#alerts"));
    if (!al.alerts.length) {
      alerts.append(empty("No sharp shifts in the last four weeks of data: no dyad moved far from its own baseline."));
    }
    for (const a of al.alerts.slice(0, 6)) {
      const box = el("div", { class: `alert ${a.direction === "cooperation" ? "up" : ""}` },
        el("div", {}, el("b", { text: `${a.actor} → ${a.recipient}` }),
          ` week of ${a.week}: ${a.events} events, Goldstein sum ${a.goldstein_sum} (z = ${a.z}, toward ${a.direction})`));
      const first = (a.drivers || [])[0];
      if (first) box.append(el("div", { class: "muted", text: first.text || "" }));
      alerts.append(box);
    }

    const latest = clear($("#latest"));
    for (const e of data.latest) latest.append(eventItem(e));
    if (!data.latest.length) latest.append(empty("The store is empty: add articles with `herald ingest` or POST /api/articles."));
  }

  // Events table ------------------------------------------------------------------------------

  const PAGE = 50;

  async function eventsPage() {
    const form = $("#filters");
    const sel = form.elements.event;
    for (const t of PLOVER) sel.append(el("option", { value: t, text: t }));
    const p = params();
    for (const field of form.elements) {
      if (field.name && p.has(field.name)) field.value = p.get(field.name);
    }
    let offset = Number(p.get("offset") || 0);

    const load = guard(async () => {
      const q = new URLSearchParams();
      for (const field of form.elements) {
        if (field.name && field.value) q.set(field.name, field.value.trim());
      }
      const shown = new URLSearchParams(q);
      if (offset) shown.set("offset", offset);
      history.replaceState(null, "", `/events${shown.toString() ? "?" + shown : ""}`);
      q.set("limit", PAGE);
      q.set("offset", offset);
      const data = await api(`/api/events?${q}`);
      renderEvents(data);
      $("#summary").textContent = data.total
        ? `${fmt(data.total)} events · showing ${data.offset + 1}–${data.offset + data.events.length}. Click a row for its sentence and sources.`
        : "No events match these filters.";
      $("#page-info").textContent = data.total ? `page ${Math.floor(offset / PAGE) + 1} of ${Math.ceil(data.total / PAGE)}` : "";
      $("#prev").disabled = offset === 0;
      $("#next").disabled = offset + PAGE >= data.total;
    });

    form.addEventListener("submit", (ev) => { ev.preventDefault(); offset = 0; load(); });
    form.addEventListener("reset", () => { setTimeout(() => { offset = 0; load(); }, 0); });
    for (const name of ["event", "quad", "sort"]) {
      form.elements[name].addEventListener("change", () => { offset = 0; load(); });
    }
    $("#prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); load(); });
    $("#next").addEventListener("click", () => { offset += PAGE; load(); });
    await load();
  }

  function renderEvents(data) {
    const tbody = clear($("#events-table tbody"));
    for (const e of data.events) {
      const row = el("tr", { class: "event-row", "data-id": e.id },
        el("td", { class: "toggle", text: "▸" }),
        el("td", { class: "nowrap", text: e.date || "undated" }),
        el("td", {}, badge(e.event, e.quad_code), " ", ...flags(e)),
        el("td", { text: who(e.actor_name, e.actor_country, e.actor_sector) }),
        el("td", { text: who(e.recipient_name, e.recipient_country, e.recipient_sector) }),
        el("td", { class: "num" }, gold(e.goldstein)),
        el("td", { class: "num", text: e.num_mentions }),
        el("td", { text: e.event_text || "" }));
      row.addEventListener("click", () => toggleDetail(row, e));
      tbody.append(row);
    }
  }

  function toggleDetail(row, e) {
    const next = row.nextElementSibling;
    if (next && next.classList.contains("detail")) {
      next.remove();
      row.classList.remove("open");
      row.firstChild.textContent = "▸";
      return;
    }
    row.classList.add("open");
    row.firstChild.textContent = "▾";
    const cell = el("td", { colspan: 8 }, legend(), highlighted(e.text || "", e.highlights));
    const meta = el("div", { class: "meta" });
    const add = (k, v) => { if (v !== null && v !== undefined && v !== "") meta.append(el("span", {}, `${k} `, el("b", { text: v }))); };
    add("CAMEO", e.cameo); add("mode", e.mode); add("modality", e.modality);
    add("place", e.loc_name ? `${e.loc_name}${e.loc_country ? " (" + e.loc_country + ")" : ""}` : null);
    add("confidence", e.confidence); add("articles", e.num_articles); add("sources", e.num_sources);
    cell.append(meta);
    const more = el("div", { class: "muted", text: "Loading mentions…" });
    cell.append(more);
    row.after(el("tr", { class: "detail" }, cell));
    guard(async () => {
      const d = await api(`/api/events/${encodeURIComponent(e.id)}`);
      const list = el("ol", { class: "mentions" });
      for (const m of d.mentions) {
        list.append(el("li", {},
          el("div", { class: "meta" }, el("span", {}, "article ", el("b", { text: m.article_id })),
            el("span", {}, "characters ", el("b", { text: `${m.char_start}–${m.char_end}` })),
            el("span", {}, "evidence ", el("b", { text: m.evidence || "" }))),
          highlighted(m.text || "", m.highlights)));
      }
      const sources = el("div", { class: "meta" });
      for (const s of d.sources) {
        const label = s.title || s.input_id;
        sources.append(s.url ? el("a", { href: s.url, text: label, rel: "noopener noreferrer", target: "_blank" })
          : el("span", { text: label }));
      }
      more.replaceWith(el("div", {}, el("h2", { text: `Mentions (${d.mentions.length})` }), list,
        el("h2", { text: "Sources" }), sources));
    })();
  }

  // Dyad --------------------------------------------------------------------------------------

  async function dyadPage() {
    const form = $("#dyad-form");
    const p = params();
    const [net, ov] = await Promise.all([api("/api/network"), api("/api/overview")]);
    const dl = $("#countries");
    for (const n of net.nodes) dl.append(el("option", { value: n.id, text: n.name }));
    const top = ov.top_dyads[0] || { a: "", b: "" };
    form.elements.a.value = p.get("a") || top.a;
    form.elements.b.value = p.get("b") || top.b;
    form.elements.by.value = p.get("by") || "month";
    form.elements.include_irrealis.checked = p.get("include_irrealis") === "true";
    form.addEventListener("submit", (ev) => { ev.preventDefault(); show(); });
    const show = guard(async () => {
      const a = form.elements.a.value.trim().toUpperCase(), b = form.elements.b.value.trim().toUpperCase();
      if (!a || !b) return;
      const by = form.elements.by.value, irr = form.elements.include_irrealis.checked;
      history.replaceState(null, "", `/dyad?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}&by=${by}${irr ? "&include_irrealis=true" : ""}`);
      const q = (x, y) => `/api/dyad?a=${encodeURIComponent(x)}&b=${encodeURIComponent(y)}&by=${by}&events=true${irr ? "&include_irrealis=true" : ""}`;
      const [fw, bw] = await Promise.all([api(q(a, b)), api(q(b, a))]);
      $("#dyad-title").textContent = `Goldstein timeline: ${a} → ${b} and ${b} → ${a}`;
      const series = [[fw, `${a} → ${b}`, "#2f5bd3"], [bw, `${b} → ${a}`, "#e07b39"]];
      const traces = series.map(([s, name, color]) => ({
        type: "scatter", mode: "lines+markers", name, x: s.rows.map((r) => r.period),
        y: s.rows.map((r) => r.goldstein_sum), customdata: s.rows.map((r) => [r.events, r.goldstein_mean]),
        line: { color, width: 2, shape: "linear" }, marker: { size: s.rows.map((r) => (r.events ? 9 : 4)), color },
        hovertemplate: "%{x}: sum %{y}, %{customdata[0]} events, mean %{customdata[1]}<extra>%{fullData.name}</extra>",
      }));
      const chart = $("#dyad-chart");
      const periods = [...new Set([...fw.rows, ...bw.rows].map((r) => r.period))].sort();
      if (!periods.length) {
        Plotly.purge(chart);
        clear(chart).append(empty(`No events between ${a} and ${b} in either direction.`));
        clear($("#period-events")).append(empty("Nothing to list."));
        return;
      }
      clear(chart);
      await plot(chart, traces, { legend: { orientation: "h", y: 1.1 }, margin: { l: 50, r: 20, t: 30, b: 50 },
        xaxis: { type: "category", categoryorder: "array", categoryarray: periods, gridcolor: "#eef0f4" },
        yaxis: { title: { text: "Goldstein sum" }, gridcolor: "#eef0f4", zerolinecolor: "#9aa3b5" } });
      chart.removeAllListeners && chart.removeAllListeners("plotly_click");
      chart.on("plotly_click", (ev) => {
        const pt = ev.points[0];
        const [s, name] = series[pt.curveNumber];
        const row = s.rows.find((r) => r.period === pt.x);
        listPeriod(name, pt.x, row ? row.event_list : []);
      });
      // Start with the busiest period listed.
      const busiest = fw.rows.concat(bw.rows).reduce((m, r) => (r.events > (m ? m.events : 0) ? r : m), null);
      if (busiest) {
        const inFw = fw.rows.includes(busiest);
        listPeriod(series[inFw ? 0 : 1][1], busiest.period, busiest.event_list);
      }
    });
    await show();
  }

  function listPeriod(name, period, list) {
    $("#period-title").textContent = `${name}, ${period}: ${list.length} event${list.length === 1 ? "" : "s"}`;
    const ul = clear($("#period-events"));
    for (const e of list) ul.append(eventItem(e));
    if (!list.length) ul.append(empty("No events in this period."));
  }

  // Network -----------------------------------------------------------------------------------

  function layout(nodes, edges) {
    // Fruchterman-Reingold from a circle: deterministic, good enough for a few dozen countries.
    const n = nodes.length, pos = {}, idx = {};
    nodes.forEach((d, i) => { idx[d.id] = i; pos[d.id] = [Math.cos(2 * Math.PI * i / n), Math.sin(2 * Math.PI * i / n)]; });
    const k = Math.sqrt(4 / Math.max(n, 1));
    let temp = 0.2;
    for (let it = 0; it < 300; it++) {
      const disp = {};
      for (const a of nodes) disp[a.id] = [0, 0];
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = nodes[i].id, b = nodes[j].id;
          const dx = pos[a][0] - pos[b][0], dy = pos[a][1] - pos[b][1];
          const d = Math.max(Math.hypot(dx, dy), 0.01), f = (k * k) / d;
          disp[a][0] += (dx / d) * f; disp[a][1] += (dy / d) * f;
          disp[b][0] -= (dx / d) * f; disp[b][1] -= (dy / d) * f;
        }
      }
      for (const e of edges) {
        const dx = pos[e.a][0] - pos[e.b][0], dy = pos[e.a][1] - pos[e.b][1];
        const d = Math.max(Math.hypot(dx, dy), 0.01), f = (d * d) / k;
        disp[e.a][0] -= (dx / d) * f; disp[e.a][1] -= (dy / d) * f;
        disp[e.b][0] += (dx / d) * f; disp[e.b][1] += (dy / d) * f;
      }
      for (const a of nodes) {
        const [dx, dy] = disp[a.id], d = Math.max(Math.hypot(dx, dy), 0.01);
        pos[a.id][0] += (dx / d) * Math.min(d, temp);
        pos[a.id][1] += (dy / d) * Math.min(d, temp);
        // gentle pull to the centre keeps unconnected parts on screen
        pos[a.id][0] *= 0.995; pos[a.id][1] *= 0.995;
      }
      temp = Math.max(0.005, temp * 0.985);
    }
    return pos;
  }

  async function networkPage() {
    const data = await api("/api/network");
    const chart = $("#network-chart");
    if (!data.nodes.length) {
      chart.append(empty("No events between two countries yet."));
      return;
    }
    // Draw one line per pair of countries (both directions pooled, weighted by events).
    const pairs = {};
    for (const e of data.edges) {
      const key = [e.a, e.b].sort().join("|");
      const p = pairs[key] || (pairs[key] = { a: e.a, b: e.b, events: 0, g: 0, parts: [] });
      p.events += e.events; p.g += e.goldstein_mean * e.events;
      p.parts.push(`${e.a} → ${e.b}: ${e.events} events, mean ${e.goldstein_mean}`);
    }
    const undirected = Object.values(pairs).map((p) => Object.assign(p, { mean: p.g / p.events }));
    const pos = layout(data.nodes, undirected);
    const maxEv = Math.max(...undirected.map((p) => p.events));
    const shapes = undirected.map((p) => ({
      type: "line", layer: "below", x0: pos[p.a][0], y0: pos[p.a][1], x1: pos[p.b][0], y1: pos[p.b][1],
      line: { color: goldsteinColor(p.mean), width: 1.5 + 6 * Math.sqrt(p.events / maxEv) },
    }));
    const mids = {
      type: "scatter", mode: "markers", name: "relations", hoverinfo: "text",
      x: undirected.map((p) => (pos[p.a][0] + pos[p.b][0]) / 2),
      y: undirected.map((p) => (pos[p.a][1] + pos[p.b][1]) / 2),
      text: undirected.map((p) => p.parts.join("<br>")),
      marker: { size: 7, color: undirected.map((p) => p.mean), colorscale: [[0, "#c8413b"], [0.5, "#aab0bc"], [1, "#1f5fa8"]],
        cmin: -6, cmax: 6, line: { width: 1, color: "#fff" },
        colorbar: { title: { text: "mean<br>Goldstein" }, thickness: 12, len: 0.6 } },
    };
    const maxN = Math.max(...data.nodes.map((d) => d.events));
    const nodes = {
      type: "scatter", mode: "markers+text", name: "countries",
      x: data.nodes.map((d) => pos[d.id][0]), y: data.nodes.map((d) => pos[d.id][1]),
      text: data.nodes.map((d) => d.id), textposition: "top center", customdata: data.nodes.map((d) => [d.id, d.name, d.events]),
      hovertemplate: "%{customdata[1]} (%{customdata[0]}): %{customdata[2]} events<extra></extra>",
      marker: { size: data.nodes.map((d) => 12 + 28 * Math.sqrt(d.events / maxN)), color: "#151b2b",
        line: { width: 2, color: "#fff" } },
      textfont: { size: 12, color: "#1d2330" },
    };
    const axis = { visible: false, zeroline: false, showgrid: false };
    await plot(chart, [mids, nodes], { shapes, showlegend: false, hovermode: "closest",
      xaxis: axis, yaxis: Object.assign({ scaleanchor: "x" }, axis), margin: { l: 10, r: 10, t: 10, b: 10 } });
    chart.on("plotly_click", (ev) => {
      const pt = ev.points[0];
      if (pt.data.name === "countries") location.href = `/events?country=${encodeURIComponent(pt.customdata[0])}`;
    });
    const tbody = clear($("#edges tbody"));
    for (const e of data.edges.slice(0, 25)) {
      const href = `/dyad?a=${encodeURIComponent(e.a)}&b=${encodeURIComponent(e.b)}`;
      tbody.append(el("tr", {}, el("td", {}, el("a", { href, text: e.a })), el("td", {}, el("a", { href, text: e.b })),
        el("td", { class: "num", text: e.events }), el("td", { class: "num" }, gold(e.goldstein_mean))));
    }
  }

  // Quotes ------------------------------------------------------------------------------------

  function quoteItem(q) {
    const speaker = q.speaker ? who(q.speaker.name, q.speaker.country, q.speaker.sector)
      : who(q.speaker_name, q.speaker_country, q.speaker_sector);
    return el("li", {}, el("blockquote", { text: q.content || "" }),
      el("div", { class: "who" }, el("b", { text: speaker === "—" ? "unattributed" : speaker }),
        q.speaker_text ? ` · as “${q.speaker_text}”` : "", q.cue ? ` · ${q.cue}` : "",
        ` · ${q.kind || ""}`, q.article_id && q.article_id !== "text" ? ` · ${q.article_id}` : ""));
  }

  async function quotesPage() {
    const data = await api("/api/speakers?limit=500");
    const ul = $("#speakers");
    const items = [];
    const select = guard(async (li, sp) => {
      for (const x of items) x.classList.toggle("active", x === li);
      const q = new URLSearchParams({ limit: 200 });
      if (sp) {
        q.set("name", sp.name);
        if (sp.country) q.set("country", sp.country);
        if (sp.sector) q.set("sector", sp.sector);
      }
      const qs = await api(`/api/quotes?${q}`);
      $("#speaker-title").textContent = sp ? `${who(sp.name, sp.country, sp.sector)}: ${qs.quotes.length} quotes` : `All quotes (${qs.quotes.length} shown)`;
      const list = clear($("#quotes"));
      for (const q of qs.quotes) list.append(quoteItem(q));
      if (!qs.quotes.length) list.append(empty("No quotes."));
    });
    const all = el("li", {}, el("span", { text: "All speakers" }));
    all.addEventListener("click", () => select(all, null));
    items.push(all);
    ul.append(all);
    for (const sp of data.speakers) {
      const code = [sp.country, sp.sector].filter(Boolean).join(" ");
      const li = el("li", {}, el("span", {}, el("span", { class: "name", text: sp.name }),
        code ? el("small", { class: "code", text: code }) : null),
      el("span", { class: "count", text: sp.n_quotes }));
      li.addEventListener("click", () => select(li, sp));
      items.push(li);
      ul.append(li);
    }
    $("#speaker-filter").addEventListener("input", (ev) => {
      const f = ev.target.value.toLowerCase();
      for (const li of items.slice(1)) li.hidden = !li.textContent.toLowerCase().includes(f);
    });
    const wanted = params().get("speaker");
    const start = wanted ? data.speakers.findIndex((s) => s.name === wanted) : -1;
    await select(start >= 0 ? items[start + 1] : all, start >= 0 ? data.speakers[start] : null);
  }

  // Code an article ---------------------------------------------------------------------------

  function codePage() {
    const form = $("#code-form");
    form.addEventListener("submit", guard(async (ev) => {
      ev.preventDefault();
      const status = $("#code-status");
      const button = form.querySelector("button");
      button.disabled = true;
      status.textContent = "Coding…";
      const t0 = performance.now();
      try {
        const body = { text: form.elements.text.value };
        if (form.elements.published.value) body.published = form.elements.published.value;
        const data = await api("/api/code", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
        status.textContent = `${data.events.length} events, ${data.quotes.length} quotes in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
        const evs = clear($("#code-events"));
        if (data.events.length) evs.append(legend());
        for (const e of data.events) {
          const a = (e.actor || []).map((x) => x.name || x.text).join(", ");
          const r = (e.recipient || []).map((x) => x.name || x.text).join(", ");
          evs.append(eventItem(Object.assign({}, e, { actor_name: a, recipient_name: r }), highlighted(e.text || "", e.highlights)));
        }
        if (!data.events.length) evs.append(empty("No events found in this text."));
        const qs = clear($("#code-quotes"));
        for (const q of data.quotes) qs.append(quoteItem(q));
        if (!data.quotes.length) qs.append(empty("No quotes found in this text."));
      } catch (e) {
        status.textContent = "";
        throw e;
      } finally {
        button.disabled = false;
      }
    }));
  }

  // SQL ---------------------------------------------------------------------------------------

  function sqlPage() {
    const form = $("#sql-form");
    const run = guard(async () => {
      const status = $("#sql-status");
      status.textContent = "Running…";
      try {
        const data = await api(`/api/sql?q=${encodeURIComponent(form.elements.q.value)}&limit=500`);
        const table = $("#sql-result");
        const head = clear(table.querySelector("thead")), body = clear(table.querySelector("tbody"));
        head.append(el("tr", {}, ...data.columns.map((c) => el("th", { text: c }))));
        for (const r of data.rows) {
          body.append(el("tr", {}, ...r.map((v) => el("td", { text: v === null ? "NULL" : typeof v === "object" ? JSON.stringify(v) : v }))));
        }
        status.textContent = `${data.rows.length} rows${data.truncated ? ` (stopped at the limit of ${data.limit})` : ""}`;
      } catch (e) {
        status.textContent = "";
        throw e;
      }
    });
    form.addEventListener("submit", (ev) => { ev.preventDefault(); run(); });
    run();
  }

  const PAGES = { overview, events: eventsPage, dyad: dyadPage, network: networkPage, quotes: quotesPage,
    code: codePage, sql: sqlPage };

  document.addEventListener("DOMContentLoaded", () => {
    const page = document.body.dataset.page;
    const fn = PAGES[page];
    if (fn) {
      Promise.resolve(guard(fn)()).finally(() => { document.body.dataset.ready = "1"; });
    }
  });
})();
