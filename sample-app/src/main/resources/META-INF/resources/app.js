// The sample app's page: plain JavaScript against the REST API (/api/documents, /api/lifecycle, /exports).
// Everything the server sends is put into the page as text (textContent), never as HTML.
"use strict";

const el = (id) => document.getElementById(id);

/** The document whose plan the panel shows, so that it is shown again after the table changed. */
let planId = null;
/** Answers to older list requests are dropped when a newer one was sent. */
let listRequest = 0;

// ---- talking to the server ------------------------------------------------------------------------------------

/** Sends a request; answers the parsed JSON body (null when there is none), throws an Error with the message. */
async function api(method, url, options = {}) {
  let response;
  try {
    response = await fetch(url, { method, headers: { Accept: "application/json" }, ...options });
  } catch (e) {
    throw new Error(`could not reach the server (${e.message})`);
  }
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = null;
    }
  }
  if (!response.ok) {
    const message = body && body.message ? body.message : text || response.statusText;
    throw new Error(`${response.status} ${body && body.error ? body.error : response.statusText}: ${message}`);
  }
  return body;
}

const documentUrl = (id) => `/api/documents/${encodeURIComponent(id)}`;

// ---- the status line ------------------------------------------------------------------------------------------

function status(text, kind = "info") {
  const line = el("status");
  line.textContent = text;
  line.className = `status status-${kind}`;
}

/** Runs an action with its button disabled; shows its result or its error, then refreshes the table. */
async function act(button, working, action) {
  if (button) {
    button.disabled = true;
  }
  status(working, "busy");
  try {
    const done = await action();
    status(done, "ok");
  } catch (e) {
    status(e.message, "error");
  } finally {
    if (button) {
      button.disabled = false;
    }
    await refresh();
  }
}

// ---- formatting -----------------------------------------------------------------------------------------------

function formatSize(bytes) {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

function formatTime(iso) {
  const date = new Date(iso);
  return isNaN(date) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

const otherTier = (tier) => (tier === "hot" ? "warm" : "hot");

// ---- the documents' table -------------------------------------------------------------------------------------

function cell(row, text, className) {
  const td = row.insertCell();
  if (className) {
    td.className = className;
  }
  if (text !== undefined) {
    td.textContent = text;
  }
  return td;
}

function button(text, className, label, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = text;
  b.setAttribute("aria-label", label);
  b.addEventListener("click", () => onClick(b));
  return b;
}

function documentRow(tbody, d) {
  const row = tbody.insertRow();
  row.dataset.id = d.id;

  cell(row, d.title, "title");
  const name = cell(row, d.fileName, "file-name");
  name.title = `${d.contentType}, key ${d.key}`;
  const size = cell(row, formatSize(d.size), "size num");
  size.title = `${d.size} bytes`;

  const uploaded = cell(row, undefined, "uploaded-at");
  const time = document.createElement("time");
  time.dateTime = d.uploadedAt;
  time.textContent = formatTime(d.uploadedAt);
  time.title = d.uploadedAt;
  uploaded.appendChild(time);

  const tier = cell(row, d.tier || "none", `tier tier-${d.tier || "none"}`);
  if (!d.tier) {
    tier.title = "no tier holds this document's content";
  }

  const actions = cell(row, undefined, "actions");
  const download = document.createElement("a");
  download.className = "download";
  download.href = `${documentUrl(d.id)}/content`;
  download.download = d.fileName;
  download.textContent = "Download";
  download.setAttribute("aria-label", `Download ${d.fileName}`);
  actions.appendChild(download);

  actions.appendChild(button("Plan", "plan", `Plan of “${d.title}”`, (b) => showPlan(d, b)));

  const to = otherTier(d.tier);
  const migrate = button(`Move to ${to}`, "migrate", `Move to ${to}: “${d.title}”`, (b) =>
    act(b, `Moving “${d.title}” to the ${to} tier…`, async () => {
      const moved = await api("POST", `${documentUrl(d.id)}/migrate?to=${to}`);
      return `Moved “${moved.title}” to the ${moved.tier} tier.`;
    })
  );
  migrate.dataset.to = to;
  migrate.disabled = !d.tier;
  actions.appendChild(migrate);

  actions.appendChild(
    button("Delete", "delete danger", `Delete “${d.title}”`, (b) =>
      act(b, `Deleting “${d.title}”…`, async () => {
        await api("DELETE", documentUrl(d.id));
        return `Deleted “${d.title}” and its content.`;
      })
    )
  );
}

/** Loads the documents into the table, and the plan shown into its panel again. */
async function refresh() {
  const request = ++listRequest;
  let documents;
  try {
    documents = await api("GET", "/api/documents");
  } catch (e) {
    status(`Could not list the documents: ${e.message}`, "error");
    return;
  }
  if (request !== listRequest) {
    return;
  }
  const table = el("documents");
  const tbody = document.createElement("tbody");
  if (documents.length === 0) {
    const row = tbody.insertRow();
    row.className = "empty";
    const td = cell(row, "No documents yet: upload one above.");
    td.colSpan = 6;
  }
  for (const d of documents) {
    documentRow(tbody, d);
  }
  table.replaceChild(tbody, table.tBodies[0]);
  table.dataset.count = String(documents.length);

  if (planId !== null) {
    const shown = documents.find((d) => d.id === planId);
    if (shown) {
      try {
        await loadPlan(shown);
      } catch (e) {
        clearPlan();
      }
    } else {
      clearPlan();
    }
  }
}

// ---- the plan panel -------------------------------------------------------------------------------------------

async function loadPlan(d) {
  const plan = await api("GET", `${documentUrl(d.id)}/plan`);
  el("plan").textContent = JSON.stringify(plan, null, 2);
  el("plan-of").textContent = `of “${d.title}”`;
  planId = d.id;
}

function clearPlan() {
  planId = null;
  el("plan").textContent = "Click “Plan” on a document.";
  el("plan-of").textContent = "";
}

async function showPlan(d, b) {
  b.disabled = true;
  try {
    await loadPlan(d);
    status(`The plan of “${d.title}”: see below.`, "ok");
    el("plan").focus();
  } catch (e) {
    status(e.message, "error");
  } finally {
    b.disabled = false;
  }
}

// ---- upload, lifecycle, exports -------------------------------------------------------------------------------

function upload(event) {
  event.preventDefault();
  const file = el("file").files[0];
  if (!file) {
    status("Choose a file to upload first.", "error");
    el("file").focus();
    return;
  }
  const title = el("title").value.trim();
  const query = new URLSearchParams({ filename: file.name });
  if (title) {
    query.set("title", title);
  }
  return act(el("upload"), `Uploading ${file.name} (${formatSize(file.size)})…`, async () => {
    // The File itself is the body: the browser streams it from disk, with its type (or none → octet-stream).
    const d = await api("POST", `/api/documents?${query}`, {
      body: file,
      headers: { Accept: "application/json", "Content-Type": file.type || "application/octet-stream" },
    });
    el("upload-form").reset();
    return `Uploaded “${d.title}” (${formatSize(d.size)}) into the ${d.tier} tier.`;
  });
}

function lifecycle() {
  return act(el("lifecycle"), "Running the lifecycle job…", async () => {
    const result = await api("POST", "/api/lifecycle?olderThan=PT0S");
    const n = result.moved.length;
    return n === 0
      ? "The lifecycle job ran: no document was in the hot tier."
      : `The lifecycle job moved ${n} document${n === 1 ? "" : "s"} from the hot tier to the warm one.`;
  });
}

async function loadExports() {
  const list = el("exports");
  let exports;
  try {
    exports = await api("GET", "/exports");
  } catch (e) {
    status(`Could not list the exports: ${e.message}`, "error");
    return;
  }
  list.replaceChildren();
  for (const x of exports) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.className = "export";
    link.href = x.url;
    link.dataset.key = x.key;
    link.textContent = x.key;
    const format = document.createElement("span");
    format.className = `format format-${x.format}`;
    format.textContent = x.format;
    item.append(link, " ", format);
    list.appendChild(item);
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  el("upload-form").addEventListener("submit", upload);
  el("lifecycle").addEventListener("click", lifecycle);
  await Promise.all([refresh(), loadExports()]);
  if (el("status").classList.contains("status-error") === false) {
    status("Ready.", "info");
  }
});
