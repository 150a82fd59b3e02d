// Polls the bundle's JSON status once a second and redraws the progress table until it is complete.
(function () {
  const card = document.getElementById("bundle");
  if (!card) return;
  const id = card.dataset.bundleId;
  const stages = card.dataset.stages.split(",");
  const stageWords = card.dataset.stageWords.split(",");
  let wasComplete = null;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function bar(percent, name) {
    const b = el("progress", "", percent + "%");
    b.max = 100;
    b.value = percent;
    if (name) b.setAttribute("aria-label", name);
    return b;
  }
  function drawOverall(status) {
    document.getElementById("overall-bar").value = status.progress.percent;
    document.getElementById("overall-bar").textContent = status.progress.percent + "%";
    document.getElementById("overall-words").textContent = status.progress.words;
  }
  function drawTable(status) {
    const body = document.querySelector("#progress tbody");
    body.innerHTML = "";
    for (const f of status.files.concat(status.bundle)) {
      const tr = el("tr");
      tr.dataset.position = f.position;
      tr.appendChild(el("td", "name", f.name));
      const done = el("td", "done");
      const span = el("span", "bar");
      span.appendChild(bar(f.percent, f.name));
      span.appendChild(document.createTextNode(" " + f.percent + "%"));
      done.appendChild(span);
      done.appendChild(document.createTextNode(" " + f.words));
      tr.appendChild(done);
      for (const [i, s] of stages.entries()) {
        const r = f.stages[s];
        const td = el("td", "stage " + (r ? r.state : "none"), r ? r.state : "");
        td.dataset.stage = stageWords[i];
        if (r && r.error) td.title = r.error;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
  }
  // The server decides what the problems are (workers/account.py); this only draws them.
  function drawProblems(status) {
    const list = document.getElementById("problems");
    list.innerHTML = "";
    for (const p of status.problems) {
      const li = el("li", p.kind);
      li.appendChild(el("strong", "", p.file));
      li.appendChild(document.createTextNode(" — " + p.text));
      list.appendChild(li);
    }
  }
  function drawHeadline(box, status, after) {
    box.innerHTML = "";
    box.appendChild(el("strong", "", status.headline));
    if (after) box.appendChild(document.createTextNode(" " + after));
  }
  function drawOutcome(status) {
    const box = document.getElementById("outcome");
    const links = document.getElementById("downloads");
    if (status.ready) {
      box.className = "outcome ready";
      box.toggleAttribute("data-caveats", status.problems.length > 0);
      drawHeadline(box, status, status.problems.length ? "See the problems and notes below." : "");
      links.innerHTML = "";
      const analysts = document.getElementById("analyst-downloads");
      analysts.innerHTML = "";
      for (const o of status.outputs) {
        const li = el("li");
        const a = el("a", "", o.label);
        a.href = o.url;
        a.setAttribute("download", o.name);
        li.appendChild(a);
        (o.for === "analysts" ? analysts : links).appendChild(li);
      }
      document.getElementById("analysts").hidden = status.outputs.length === 0;
      for (const [text, page] of [["Browse the extracted figures", "figures"], ["Check the figures", "check"], ["Findings for the feedback", "feedback"]]) {
        const li = el("li");
        const a = el("a", "", text);
        a.href = "/bundles/" + id + "/" + page;
        li.appendChild(a);
        links.appendChild(li);
      }
    } else if (status.failed) {
      box.className = "outcome failed";
      drawHeadline(box, status, "See the problems below; replace the files at fault and start a new version.");
    }
  }
  async function poll() {
    let status;
    try {
      const res = await fetch("/api/bundles/" + id, { headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error(res.status);
      status = await res.json();
    } catch (e) {
      setTimeout(poll, 3000);
      return;
    }
    // Finished while we watched: load the page once more so its forms reflect the outcome.
    if (wasComplete === false && status.complete) {
      if (status.ready) sessionStorage.setItem("reviewpack-ready", id);
      location.reload();
      return;
    }
    wasComplete = status.complete;
    drawOverall(status);
    drawTable(status);
    drawProblems(status);
    drawOutcome(status);
    if (!status.complete) setTimeout(poll, 1000);
  }
  // The pack became ready while this page watched: say so where the reader is.
  if (sessionStorage.getItem("reviewpack-ready") === id) {
    sessionStorage.removeItem("reviewpack-ready");
    const notice = document.getElementById("ready-notice");
    notice.hidden = false;
    notice.focus();
  }
  poll();
})();
