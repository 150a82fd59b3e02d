// Drag and drop onto the upload form: dropped files join the file input, so the form posts them.
(function () {
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("files");
  const list = document.getElementById("chosen");
  if (!zone || !input) return;
  let chosen = new DataTransfer();

  function show() {
    list.innerHTML = "";
    for (const f of input.files) {
      const li = document.createElement("li");
      li.textContent = f.name + " (" + Math.ceil(f.size / 1024) + " KB)";
      list.appendChild(li);
    }
  }
  function add(files) {
    for (const f of files) chosen.items.add(f);
    input.files = chosen.files;
    show();
  }
  input.addEventListener("change", function () { chosen = new DataTransfer(); add(input.files); });
  ["dragenter", "dragover"].forEach(function (e) {
    zone.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (e) {
    zone.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (ev) { add(ev.dataTransfer.files); });
  // The zone is a button: a click, Enter or Space opens the file chooser.
  zone.addEventListener("click", function () { input.click(); });
  zone.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); input.click(); }
  });
  document.getElementById("upload").addEventListener("submit", function () {
    document.getElementById("upload-button").disabled = true;
    document.getElementById("upload-button").textContent = "Uploading…";
  });
})();
