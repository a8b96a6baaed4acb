// 复制链接: copies the thread's address (the page is cached for every guest, so the origin is
// taken from the browser, not baked into the HTML); falls back to selecting it where the clipboard API
// is unavailable (plain http on a LAN address).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy-link]");
  if (!button) return;
  var url = window.location.origin + button.getAttribute("data-copy-link");
  var done = function () { button.textContent = button.getAttribute("data-done"); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(url).then(done);
  } else {
    var field = document.createElement("textarea");
    field.value = url;
    document.body.appendChild(field);
    field.select();
    document.execCommand("copy");
    document.body.removeChild(field);
    done();
  }
});
