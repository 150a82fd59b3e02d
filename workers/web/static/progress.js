// Polls the bundle's JSON status once a second and redraws the progress table until it is complete.
(function () {
  const card = document.getElementById("bundle");
  if (!card) return;
  const id = card.dataset.bundleId;
  const stages = card.dataset.stages.split(",");
  let wasComplete = null;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function drawTable(status) {
    const body = document.querySelector("#progress tbody");
    body.innerHTML = "";
    for (const f of status.files.concat(status.bundle)) {
      const tr = el("tr");
      tr.dataset.position = f.position;
      tr.appendChild(el("td", "name", f.name));
      for (const s of stages) {
        const r = f.stages[s];
        const td = el("td", "stage " + (r ? r.state : "none"), r ? r.state : "");
        if (r && r.error) td.title = r.error;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
  }
  function drawProblems(status) {
    const list = document.getElementById("problems");
    list.innerHTML = "";
    for (const f of status.files.concat(status.bundle)) {
      for (const s of stages) {
        const r = f.stages[s];
        if (!r || !r.error_code || r.state === "done") continue;
        const li = el("li");
        li.appendChild(el("strong", "", f.name));
        li.appendChild(document.createTextNode(" — " + s + " " + r.state + ": "));
        li.appendChild(el("code", "", r.error_code));
        li.appendChild(document.createTextNode(" " + (r.error || "")));
        list.appendChild(li);
      }
    }
  }
  function drawOutcome(status) {
    const box = document.getElementById("outcome");
    const links = document.getElementById("downloads");
    if (status.ready) {
      box.className = "outcome ready";
      box.innerHTML = "<strong>The pack is ready.</strong>";
      links.innerHTML = "";
      for (const o of status.outputs) {
        const li = el("li");
        const a = el("a", "", o.name);
        a.href = o.url;
        a.setAttribute("download", "");
        li.appendChild(a);
        links.appendChild(li);
      }
      const li = el("li");
      const a = el("a", "", "Browse the extracted figures");
      a.href = "/bundles/" + id + "/figures";
      li.appendChild(a);
      links.appendChild(li);
    } else if (status.failed) {
      box.className = "outcome failed";
      box.innerHTML = "<strong>The pack could not be made.</strong> See the problems below; replace the files at fault and start a new version.";
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
      location.reload();
      return;
    }
    wasComplete = status.complete;
    drawTable(status);
    drawProblems(status);
    drawOutcome(status);
    if (!status.complete) setTimeout(poll, 1000);
  }
  poll();
})();
