// Harmoni progressive enhancement: every page works without this file.
(function () {
  'use strict';
  // Move focus to the error summary so keyboard and screen-reader users hear it first.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  // Display board: speak each newly called number once, in Indonesian, where the
  // browser can (the number is always shown large as well).
  var now = document.querySelector('[data-announce]');
  if (now && 'speechSynthesis' in window) {
    var text = now.getAttribute('data-announce');
    var key = 'harmoni-announced';
    var last = null;
    try { last = window.sessionStorage.getItem(key); } catch (e) { /* storage off */ }
    if (text && text !== last) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = document.documentElement.lang === 'en' ? 'en-US' : 'id-ID';
      utterance.rate = 0.9;
      window.speechSynthesis.speak(utterance);
      try { window.sessionStorage.setItem(key, text); } catch (e) { /* storage off */ }
    }
  }
})();
