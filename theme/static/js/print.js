/* A "Print this page" button above each article and page. Added by script because without
   JavaScript it could do nothing; browsers' own Print command works either way. */
(function () {
  "use strict";

  var heading = document.querySelector("main article h1");
  if (!heading || typeof window.print !== "function") {
    return;
  }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "print-button";
  button.textContent = "Print this page";
  button.addEventListener("click", function () {
    window.print();
  });
  heading.insertAdjacentElement("afterend", button);
}());
