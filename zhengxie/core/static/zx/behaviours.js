// The site's small behaviours, declared in templates as data attributes, because the
// Content-Security-Policy runs no inline script and no on*= handler:
//   data-autosubmit on a <select> or <input>: changing it submits its form, with submit()
//     as the inline handlers did (Safari before 16 has no requestSubmit);
//   data-confirm="…" on a <form>: submitting asks first, and "cancel" sends nothing.
// Listeners sit on the document, so content htmx swaps in later behaves the same.
document.addEventListener("change", function (event) {
  var field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});

document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
});
