/* The previews' width buttons: a phone's 375 px or a desktop's 1280 px (the frame scrolls sideways). */
document.addEventListener("click", function (event) {
  var button = event.target.closest(".preview-widths button[data-width]");
  if (!button) { return; }
  var frame = button.closest(".preview-frame");
  frame.querySelector("iframe").style.width = button.dataset.width + "px";
  frame.querySelectorAll(".preview-widths button").forEach(function (b) {
    b.setAttribute("aria-pressed", b === button ? "true" : "false");
  });
});
