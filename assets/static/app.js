// Harmoni progressive enhancement: every page works without this file.
(function () {
  'use strict';
  // Move focus to the error summary so keyboard and screen-reader users hear it first.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  // 360 form: an extreme score (data-extreme) asks for an example right away; the
  // server checks it either way.
  var rating = document.querySelector('form.rating');
  if (rating) {
    var extremes = (rating.getAttribute('data-extreme') || '').split(' ');
    rating.addEventListener('change', function (e) {
      var input = e.target;
      if (!input || input.type !== 'radio' || input.name.indexOf('score:') !== 0) return;
      var example = document.getElementById('f-examples.' + input.name.slice(6));
      if (!example) return;
      var needed = extremes.indexOf(input.value) >= 0;
      example.required = needed;
      example.closest('.field').classList.toggle('needed', needed);
    });
  }

  // Display board: follow the unit's event stream, refresh the board when the queue
  // changes and speak each called number in the page language where the browser can
  // (the number is always shown large as well). Without this the page reloads itself.
  var board = document.querySelector('[data-events]');
  if (!board || !('EventSource' in window) || !window.fetch || !window.DOMParser) return;
  var template = board.getAttribute('data-announce') || '';
  var canSpeak = 'speechSynthesis' in window;
  var soundButton = document.querySelector('[data-sound]');
  var timer = null;
  var toSay = null;

  function speak(text) {
    if (!canSpeak || !text) return;
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang === 'en' ? 'en-US' : 'id-ID';
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }
  // "A-012" is said character by character: "A 0 1 2".
  function spoken(label) {
    return String(label).replace(/-/g, '').split('').join(' ');
  }
  function refresh() {
    window.fetch(window.location.href, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : ''; })
      .then(function (html) {
        var fresh = html && new window.DOMParser().parseFromString(html, 'text/html').querySelector('[data-events]');
        if (fresh) board.innerHTML = fresh.innerHTML;
      })
      .catch(function () { /* the next event or reconnect tries again */ });
  }
  // Events that come together (a reconnect replaying what it missed) give one refresh
  // and only the newest announcement.
  function schedule(announcement) {
    if (announcement) toSay = announcement;
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      timer = null;
      refresh();
      speak(toSay);
      toSay = null;
    }, 250);
  }
  function onCall(e) {
    var d = {};
    try { d = JSON.parse(e.data); } catch (err) { /* refresh anyway */ }
    schedule(d.label ? template.replace('{label}', spoken(d.label)).replace('{counter}', d.counter || '') : null);
  }

  var source = new window.EventSource(board.getAttribute('data-events'));
  source.addEventListener('open', function () { schedule(null); });
  source.addEventListener('call', onCall);
  source.addEventListener('recall', onCall);
  source.addEventListener('change', function () { schedule(null); });
  board.setAttribute('data-live', 'on');

  // Browsers speak only after someone has touched the page once.
  if (canSpeak && soundButton) {
    soundButton.hidden = false;
    soundButton.addEventListener('click', function () {
      speak(soundButton.getAttribute('data-sound'));
      soundButton.hidden = true;
    });
  }
})();
